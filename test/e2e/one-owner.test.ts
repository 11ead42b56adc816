// Issue 21: one owner for every job's life, in the real VS Code. A job that runs is followed, never fetched
// or paid for twice, whichever front door asks again; Generate Again on an edit edits again; a batch with a
// refused token stops at the first refusal and says so once. The stand-in holds its tasks until the test
// releases them, so "while it runs" is a state the test made, not a race against a delay.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const QUICK_FIX = 'Generate Missing Image with Nano Banana';
const TWELVE = Array.from({ length: 12 }, (_, i) => `![figure ${i + 1}](figures/figure-${i + 1}.png)`).join('\n\n');

const session = useSession({
  settings: { 'nanoBanana.askForOptions': false },
  files: {
    'docs/crew.md': '# Crew\n\nOur lead:\n\n![a banana pilot](../images/pilot.png)\n',
    'docs/figures.md': `# Figures\n\n${TWELVE}\n`,
  },
  knobs: { generationDelayMs: 200 },
});

const submits = () => session().api.stats.submits;

/** Waits until the stand-in has accepted `count` submits in all and the extension waits for them. */
async function waitForRunning(count: number): Promise<void> {
  await waitUntil(() => submits() === count, () => `submits: ${submits()}, expected ${count}`);
  await session().vscode.waitForNotification(/Waiting for the image/);
}

test('[durable:fetched-twice] Check Pending Tasks on a job this window runs follows it: one file, one link, one submit', async () => {
  const { api, vscode, page, listFiles } = session();
  api.knobs.holdTasks = true;
  await vscode.openFile('docs/guide.md');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await vscode.runCommand('Nano Banana: Generate Image and Insert Link');
  await vscode.typeInInput('a harbour crane at dawn');
  await waitForRunning(1);

  await vscode.runCommand('Nano Banana: Check Pending Tasks');
  const picker = await vscode.waitForQuickInput();
  const listed = picker.items.find((item) => item.label === 'a harbour crane at dawn');
  assert.match(listed?.description ?? '', /running in this window · task [\w-]+/, JSON.stringify(picker.items));
  await vscode.pickQuickPickItem('a harbour crane at dawn');
  await waitUntil(() => session().outputLog().includes('is already running in this window: following it'), () => 'the pick never reached the running job');

  assert.equal(api.releaseTasks(), 1);
  await session().waitForFile('assets/generated/a-harbour-crane-at-dawn.png');
  await waitUntil(async () => (await vscode.activeEditorText().catch(() => '')).includes('a-harbour-crane-at-dawn'), () => 'the link never reached guide.md');
  await vscode.saveActiveEditor();
  const guide = readFileSync(session().path('docs/guide.md'), 'utf8');
  assert.equal(guide.split('a-harbour-crane-at-dawn.png').length - 1, 1, `one link, not two: ${guide}`);
  assert.deepEqual(listFiles('assets/generated'), ['assets/generated/a-harbour-crane-at-dawn.png'], 'one file, no -2 copy');
  assert.equal(submits(), 1);
  assert.equal(api.stats.downloads, 1, 'the image was fetched once');
});

test('[durable:billed-twice] the quick fix again while its image is made says so and submits nothing; so does the file command', async () => {
  const { api, vscode, listFiles } = session();
  api.reset();
  api.knobs.holdTasks = true;
  await vscode.openFile('docs/crew.md');
  await vscode.clickOnText('pilot');
  await vscode.pickCodeAction(QUICK_FIX);
  await vscode.typeInInput('a banana pilot');
  await waitForRunning(1);

  // The cursor is still on the reference: back into the editor, and the fix is asked for again there.
  await vscode.openFile('docs/crew.md');
  await vscode.pickCodeAction('Nano Banana is generating images/pilot.png: Show Results');
  await vscode.webviewFrame('.job-latest');
  await vscode.openFile('docs/crew.md');
  await vscode.runCommand('Nano Banana: Generate Missing Images in This File');
  await vscode.waitForNotification('every missing image there is already being generated; nothing new was submitted');
  assert.equal(submits(), 1, 'nothing more was submitted');

  assert.equal(api.releaseTasks(), 1);
  await session().waitForFile('images/pilot.png');
  assert.deepEqual(listFiles('images'), ['images/pilot.png', 'images/sample.png'], 'no pilot-2.png paid for and orphaned');
  assert.equal(readFileSync(session().path('docs/crew.md'), 'utf8'), '# Crew\n\nOur lead:\n\n![a banana pilot](../images/pilot.png)\n', 'the reference keeps its name');
  assert.equal(submits(), 1);
});

test('[durable:regenerate-edit] Generate Again on an edit sends an edit again, with the source image\'s bytes', async () => {
  const { api, vscode } = session();
  api.reset();
  await vscode.runCommand('Nano Banana: Edit Image');
  await vscode.waitForQuickInput();
  await vscode.pickQuickPickItem('sample.png');
  await vscode.acceptQuickPick();
  await vscode.typeInInput('make the sky purple');
  await session().waitForFile('images/sample-edited.png');
  assert.equal(api.stats.edit, 1);

  const panel = await vscode.webviewFrame('.job-latest.stage-saved', 60_000);
  await panel.locator('.job-latest [data-action="generateAgain"]').click();
  const prompt = await vscode.waitForQuickInput();
  assert.equal(prompt.value, 'make the sky purple');
  await vscode.acceptQuickPick();
  await session().waitForFile('images/sample-edited-2.png');

  assert.equal(api.stats.edit, 2, 'an edit, again');
  assert.equal(api.stats.generate, 0, 'never a text-only generation of the instruction');
  const sent = api.stats.receivedImageUrls.at(-1)?.[0] ?? '';
  const source = readFileSync(session().path('images/sample.png'));
  assert.deepEqual(Buffer.from(sent.slice(sent.indexOf(',') + 1), 'base64'), source, 'the source\'s own bytes');
});

test('[durable:batch-refused-token] twelve missing images with a refused token: at most four submits, one error with Set API Token', async () => {
  const { api, vscode } = session();
  api.reset();
  api.knobs.failNext = [{ count: 100, status: 401, path: 'images', body: { success: false, error: { code: 'invalid_token', message: 'The specified token is invalid or wrong.' } } }];
  await vscode.openFile('docs/figures.md');
  await vscode.runCommand('Nano Banana: Generate Missing Images in This File');
  const dialog = await vscode.waitForDialog();
  assert.match(dialog.message, /Generate 12 missing images\?/);
  await dialog.clickButton('Generate');

  const summary = await vscode.waitForNotification('0 of 12 missing images generated');
  assert.ok(api.stats.imagesRequests >= 1 && api.stats.imagesRequests <= 4, `${api.stats.imagesRequests} requests`);
  assert.match(await summary.message(), /were not submitted: .*token/i);
  assert.ok((await summary.buttons()).includes('Set API Token'));
  const shown = await vscode.notifications();
  assert.equal(shown.filter((message) => /token/i.test(message)).length, 1, `one error, not one per image: ${JSON.stringify(shown)}`);
  assert.equal(api.stats.submits, 0);
});
