// Issue 21: the results panel's page is never reloaded by a result. The folders it may load images from
// are set once, when it opens (the workspace folders and the extension's media); reassigning them, as it
// did for each folder a result landed in, makes VS Code reload the page: flicker, the search box's focus
// lost, all state sent again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const session = useSession({ toolCaller: true, settings: { 'nanoBanana.askForOptions': false } });

/** Generates through the language-model tool (no palette or Explorer to drive), answering its confirmation. */
async function generateInto(prompt: string, path: string): Promise<void> {
  const { vscode, tools } = session();
  const call = tools.invoke('nanoBanana_generateImage', { prompt, path });
  const dialog = await vscode.waitForDialog(60_000);
  await dialog.clickButton(dialog.buttons.find((label) => /^(Yes|Continue|OK)$/.test(label)) ?? dialog.buttons[0]);
  const { error } = await call.result();
  assert.equal(error, undefined);
  await session().waitForFile(path);
}

/** The panel's frame once it shows this prompt's result as the latest, its picture loaded from disk. */
async function latestShown(prompt: string): Promise<Frame> {
  const image = `.job-latest .result-image[alt="${prompt}"]`;
  const frame = await session().vscode.webviewFrame(image, 60_000);
  await waitUntil(
    () => frame.locator(image).evaluate((element) => (element as HTMLImageElement).naturalWidth > 0).catch(() => false),
    () => `the picture of "${prompt}" never loaded in the panel`,
  );
  return frame;
}

test('a result saved in a folder the panel has not shown before appears in the same page: nothing reloads it', async () => {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Show Results');
  await generateInto('a picture in the first folder', 'art/first/one.png');
  const frame = await latestShown('a picture in the first folder');
  // A mark on this page's window: a reloaded page comes without it.
  await frame.evaluate(() => {
    (window as unknown as { pageMark?: string }).pageMark = 'the page before the second result';
  });

  await generateInto('a picture in a new folder', 'site/img/two.png');
  const after = await latestShown('a picture in a new folder');
  assert.equal(await after.evaluate(() => (window as unknown as { pageMark?: string }).pageMark), 'the page before the second result');
  assert.deepEqual(
    await after.locator('.job-earlier').evaluateAll((cards) => cards.map((card) => card.querySelector('.job-prompt')?.textContent)),
    ['a picture in the first folder'],
  );
});
