// Issue 15, point 2: a project style. Its text reaches the service in the prompt and its image as a
// reference (the generation becomes an edit), the options list shows it and lets one run go without it,
// the image and the results panel keep it; and a style image that is outside the workspace, a link out of
// it, not an image, too large or missing is refused with a message naming the setting, nothing sent.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { readProvenance } from '../../src/core/provenance';
import { makePng } from '../integration/helpers/images';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const STYLE = 'flat vector, pastel palette, no text';
const STYLE_IMAGE = makePng(64, 48, (x, y) => [x * 4, 200, y * 5]);

const session = useSession({
  fixture: null,
  settings: { 'nanoBanana.askForOptions': true, 'nanoBanana.style': STYLE, 'nanoBanana.styleImages': ['design/style.png'] },
  files: {
    'design/style.png': STYLE_IMAGE,
    'design/notes.png': 'These are meeting notes, not a picture.\n',
    // A real PNG signature, then padding past the 10 MB an input image may have.
    'design/huge.png': Buffer.concat([STYLE_IMAGE, Buffer.alloc(10 * 1024 * 1024)]),
  },
  knobs: { generationDelayMs: 200 },
});

function lastSubmit(): Record<string, unknown> {
  const submits = session().api.stats.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images'));
  return submits.at(-1)?.body as Record<string, unknown>;
}

/** Runs Generate Image up to the options list and returns its Style row. */
async function openOptions(prompt: string): Promise<{ label: string; description: string } | undefined> {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput(prompt);
  const picker = await vscode.waitForQuickInput();
  return picker.items.find((item) => item.label === 'Style');
}

test('the style text reaches the service in the prompt and the style image as a reference; the image and the panel keep the style', async () => {
  const { vscode, api } = session();
  const row = await openOptions('a robot mascot');
  assert.deepEqual(row, { label: 'Style', description: `${STYLE} · 1 style image`, checked: false });
  await vscode.acceptQuickPick();
  await session().waitForFile('assets/generated/a-robot-mascot.png');

  const body = lastSubmit();
  assert.equal(body.action, 'edit', 'a style image makes the generation an edit');
  assert.deepEqual(body.image_urls, [`data:image/png;base64,${STYLE_IMAGE.toString('base64')}`]);
  assert.equal(body.prompt, `a robot mascot\n\nStyle: ${STYLE}\n\nThe attached image is a style reference only: follow its style (palette, technique, line, mood), not its content.`);
  assert.equal(body.aspect_ratio, '1:1', 'the generation keeps its own ratio');
  assert.equal(api.stats.edit, 1);

  const record = readProvenance(readFileSync(session().path('assets/generated/a-robot-mascot.png')));
  assert.equal(record?.prompt, 'a robot mascot', 'the file keeps the prompt as typed');
  assert.equal(record?.style, STYLE);
  assert.deepEqual(record?.styleImages, ['design/style.png']);
  const panel = await vscode.webviewFrame('.job-latest.stage-saved', 60_000);
  assert.match((await panel.locator('.job-latest .job-meta').innerText()).replace(/\s+/g, ' '), /Style flat vector, pastel palette, no text · 1 style image/);
});

test('one run goes without the style; the next has it again', async () => {
  const { vscode, page } = session();
  await openOptions('a plain robot');
  // Picking the row toggles it and the same list comes back: filtered to it, then Enter, as by keyboard.
  await vscode.typeInInput('Style');
  await waitUntil(async () => (await vscode.quickInput()).items.find((item) => item.label === 'Style')?.description === 'off for this run', () => 'the Style row never said "off for this run"');
  await vscode.acceptQuickPick();
  await session().waitForFile('assets/generated/a-plain-robot.png');
  const body = lastSubmit();
  assert.equal(body.action, 'generate');
  assert.equal(body.prompt, 'a plain robot');
  assert.equal(body.image_urls, undefined);

  const row = await openOptions('another robot');
  assert.equal(row?.description, `${STYLE} · 1 style image`);
  await page.keyboard.press('Escape');
});

test('[security:style-images-refused] a style image outside the workspace, linked out of it, not an image, over 10 MB or missing is refused naming the setting; nothing is sent', async () => {
  const { vscode, page, api } = session();
  const secret = session().path('../secret.png');
  writeFileSync(secret, STYLE_IMAGE);
  symlinkSync(secret, session().path('design/link.png'));
  mkdirSync(session().path('.vscode'), { recursive: true });
  const cases: Array<[unknown, RegExp]> = [
    ['../secret.png', /"\.\.\/secret\.png" is outside the workspace folder/],
    [secret, /is outside the workspace folder/],
    ['design/link.png', /"design\/link\.png" is a link/],
    ['design/notes.png', /"design\/notes\.png" is not a PNG, JPEG, WebP or GIF image/],
    ['design/huge.png', /"design\/huge\.png" is 10\.0 MB; the service accepts images of at most 10 MB/],
    ['design/gone.png', /"design\/gone\.png" does not exist/],
  ];
  const before = api.stats.imagesRequests;
  for (const [index, [styleImage, reason]] of cases.entries()) {
    // A workspace's own settings, as a cloned repository would carry them; the marker shows once VS Code has read them.
    const marker = `case ${index}`;
    writeFileSync(session().path('.vscode/settings.json'), JSON.stringify({ 'nanoBanana.style': marker, 'nanoBanana.styleImages': [styleImage] }));
    await waitUntil(async () => {
      if ((await openOptions('a refused robot'))?.description.startsWith(marker)) return true;
      await page.keyboard.press('Escape');
      return false;
    }, () => `the options list never showed the style "${marker}"`);
    await vscode.acceptQuickPick();
    const error = await vscode.waitForNotification('The setting nanoBanana.styleImages cannot be used');
    assert.match(await error.message(), reason);
    assert.match(await error.message(), /Nothing was sent\./);
    await error.dismiss();
  }
  assert.equal(api.stats.imagesRequests, before, 'no request reached the service');
});
