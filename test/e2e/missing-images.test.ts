// Missing images (issue 7): a document that references an image not drawn yet gets it from the quick
// fix on the reference, saved exactly where the reference points, or under the real type's extension
// with the reference renamed; "Generate Missing Images in This File" does every one after a confirmation.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { imageSize } from '../../src/core/imageType';
import { useSession } from './harness/node-test';

const QUICK_FIX = 'Generate Missing Image with Nano Banana';

const session = useSession({
  fixture: null,
  files: {
    'docs/space/astronaut.md': '# Crew\n\nOur pilot:\n\n![a banana astronaut](../../images/astronaut.png)\n\nMore soon.\n',
    'docs/sunset.md': '# Evening\n\n![a sunset over a calm sea](../images/sunset.png "Sunset")\n',
    'docs/both.md': [
      '# Two pictures',
      '',
      '<img src="../art/banner.png" alt="a wide banner of bananas" width="1600" height="900">',
      '',
      '![a tall lighthouse](<../art/tall lighthouse.png>)',
      '',
      '![already there](../art/existing.png)',
      '',
    ].join('\n'),
    'site/index.html': '<!doctype html>\n<html><body>\n<h1>Shop</h1>\n<img width="300" alt="a banana logo" height=\'400\' src="img/logo.png">\n</body></html>\n',
    'art/existing.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  knobs: { generationDelayMs: 200 },
});

const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (file: string, signature: number[]) => signature.every((byte, i) => readFileSync(file)[i] === byte);

/** The image targets of a Markdown file on disk, resolved to workspace-relative paths. */
function linkedFiles(document: string): string[] {
  const text = readFileSync(session().path(document), 'utf8');
  const targets = [...text.matchAll(/!\[[^\]]*\]\(<?([^)>"]+?)>?(?:\s+"[^"]*")?\)/g)].map((match) => match[1]);
  return targets.map((target) => relative(session().workspace, join(dirname(session().path(document)), decodeURI(target))));
}

/** Generate requests the stand-in received, oldest first. */
function generateRequests(): Array<Record<string, unknown>> {
  return session()
    .api.stats.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images'))
    .map((request) => request.body as Record<string, unknown>);
}

test('the quick fix on a broken image link generates the image exactly where the link points', async () => {
  const { vscode, listFiles } = session();
  await vscode.openFile('docs/space/astronaut.md');
  await vscode.clickOnText('astronaut');
  await vscode.pickCodeAction(QUICK_FIX);

  const prompt = await vscode.waitForQuickInput();
  assert.equal(prompt.value, 'a banana astronaut', 'the prompt starts as the alt text');
  assert.match(prompt.title, /images\/astronaut\.png/);
  await vscode.acceptQuickPick();

  const options = await vscode.waitForQuickInput();
  assert.match(options.items[0]?.description ?? '', /nano-banana · 1:1 · 1K · 1 image/);
  await vscode.screenshot('missing-images-options');
  await vscode.acceptQuickPick();

  await session().waitForFile('images/astronaut.png');
  assert.ok(startsWith(session().path('images/astronaut.png'), PNG), 'a PNG was saved');
  assert.deepEqual(listFiles('images'), ['images/astronaut.png'], 'nothing else, no leftover partial file');
  assert.deepEqual(linkedFiles('docs/space/astronaut.md'), ['images/astronaut.png'], 'the link, unchanged, resolves to the new file');
  assert.equal(generateRequests().at(-1)?.prompt, 'a banana astronaut');

  // The reference is not broken any more, so the fix is no longer offered.
  await vscode.clickOnText('astronaut');
  await assert.rejects(vscode.pickCodeAction(QUICK_FIX, 6000), /never offered/);
  await vscode.page.keyboard.press('Escape');
});

test('in HTML, the quick fix on an <img> asks for the shape its width and height give', async () => {
  const { vscode } = session();
  await vscode.openFile('site/index.html');
  await vscode.clickOnText('logo');
  await vscode.pickCodeAction(QUICK_FIX);
  assert.equal((await vscode.waitForQuickInput()).value, 'a banana logo');
  await vscode.acceptQuickPick();
  const options = await vscode.waitForQuickInput();
  assert.match(options.items[0]?.description ?? '', / · 300×400 \(3:4\) · /, 'exactly 300x400, generated at 3:4');
  await vscode.acceptQuickPick();

  await session().waitForFile('site/img/logo.png');
  assert.ok(startsWith(session().path('site/img/logo.png'), PNG));
  assert.deepEqual(imageSize(readFileSync(session().path('site/img/logo.png'))), { width: 300, height: 400 }, 'the size the <img> gives');
  assert.equal(generateRequests().at(-1)?.aspect_ratio, '3:4');
});

test('when the service sends a JPEG for a .png reference, it is saved as .jpg and the reference follows', async () => {
  const { vscode, api, listFiles } = session();
  api.knobs.format = 'jpeg';
  await vscode.openFile('docs/sunset.md');
  await vscode.clickOnText('sunset');
  await vscode.pickCodeAction(QUICK_FIX);
  assert.equal((await vscode.waitForQuickInput()).value, 'a sunset over a calm sea');
  await vscode.acceptQuickPick();
  await vscode.waitForQuickInput();
  await vscode.acceptQuickPick();

  await session().waitForFile('images/sunset.jpg');
  assert.ok(startsWith(session().path('images/sunset.jpg'), JPEG));
  assert.ok(!existsSync(session().path('images/sunset.png')), 'no file under the wrong extension');
  await vscode.waitForNotification('saved as images/sunset.jpg instead of sunset.png');

  // The open document was edited (and is unsaved): the reference, with its title, now names the .jpg.
  await vscode.saveActiveEditor();
  const text = readFileSync(session().path('docs/sunset.md'), 'utf8');
  assert.equal(text, '# Evening\n\n![a sunset over a calm sea](../images/sunset.jpg "Sunset")\n');
  assert.deepEqual(linkedFiles('docs/sunset.md'), ['images/sunset.jpg']);
  assert.deepEqual(listFiles('images'), ['images/astronaut.png', 'images/sunset.jpg']);
  api.reset();
});

test('Generate Missing Images in This File confirms the count, then saves each at its path', async () => {
  const { vscode } = session();
  const before = generateRequests().length;
  await vscode.openFile('docs/both.md');
  await vscode.runCommand('Nano Banana: Generate Missing Images in This File');

  const dialog = await vscode.waitForDialog();
  assert.match(dialog.message, /Generate 2 missing images\? Each is billed\./);
  assert.match(dialog.detail, /art\/banner\.png/);
  assert.match(dialog.detail, /art\/tall lighthouse\.png/);
  assert.doesNotMatch(dialog.detail, /existing/);
  await vscode.screenshot('missing-images-confirmation');
  await dialog.clickButton('Generate');

  await session().waitForFile('art/banner.png');
  await session().waitForFile('art/tall lighthouse.png');
  await vscode.waitForNotification('2 of 2 missing images generated');
  assert.ok(startsWith(session().path('art/banner.png'), PNG));
  assert.ok(startsWith(session().path('art/tall lighthouse.png'), PNG));

  const requests = generateRequests().slice(before);
  assert.equal(requests.length, 2, 'one request per missing image, none for the existing one');
  const byPrompt = new Map(requests.map((body) => [body.prompt, body]));
  assert.equal(byPrompt.get('a wide banner of bananas')?.aspect_ratio, '16:9', 'width and height 1600x900 ask for 16:9');
  assert.equal(byPrompt.get('a tall lighthouse')?.aspect_ratio, '1:1', 'no size given: the setting');

  // Nothing is missing any more.
  await vscode.runCommand('Nano Banana: Generate Missing Images in This File');
  await vscode.waitForNotification('no missing images in this file');
});

test('[security:non-file-schemes] a Markdown cell of a notebook is not a file: its images are not "missing", and no fix is offered', async () => {
  const { vscode, page } = session();
  const before = generateRequests().length;
  const notebook = {
    cells: [{ cell_type: 'markdown', metadata: {}, source: ['# Notes\n', '![sample](images/sample.png)\n', '![not here](images/not-here.png)'] }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(session().path('notes.ipynb'), JSON.stringify(notebook));
  await vscode.openFile('notes.ipynb');
  // Into the cell's own Markdown editor, whose document lives on the vscode-notebook-cell scheme: the
  // cell is selected when the notebook opens, and Enter edits it.
  await page.locator('.notebook-editor .markdown-cell-row.focused').waitFor({ state: 'attached' });
  await page.keyboard.press('Enter');
  await page.locator('.notebook-editor .cell-editor-container .monaco-editor.focused').waitFor({ timeout: 30_000 });
  // On the line of the references: the lightbulb's menu (or VS Code's "no code actions") opens.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget .monaco-list-row, .monaco-editor-overlaymessage');
  await menu.first().waitFor({ timeout: 30_000 });
  const offered = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
  assert.ok(!offered.some((title) => title.includes(QUICK_FIX)), `offered: ${JSON.stringify(offered)}`);
  await page.keyboard.press('Escape');
  assert.equal(generateRequests().length, before);
});
