// Missing images from the Markdown preview (issue 13): the rendered page is where a broken image shows,
// but the quick fix lives in the source. The preview's title bar offers "Generate Missing Images in This
// File" for the file it shows, found from the preview's tab (its title bar is given no file), and the
// preview shows the image once it is saved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const TITLE_ACTION = 'Generate Missing Images in This File';

const session = useSession({
  // The default workspace: README.md links images/robot.png, which does not exist.
  files: { 'notes/boat.md': '# Boats\n\n![a banana boat](boat.png)\n' },
  knobs: { generationDelayMs: 200 },
});

/** Makes the preview tab the active editor (its title actions show only then) and clicks the action. */
async function clickPreviewTitleAction(page: Page, tabLabel: string): Promise<void> {
  await page.locator('.tab', { hasText: tabLabel }).click();
  await page.locator(`.editor-actions .action-label[aria-label="${TITLE_ACTION}"]`).click({ timeout: 15_000 });
}

test('the title bar of a preview opened beside its source generates the images that file references', async () => {
  const { vscode, api } = session();
  await vscode.openFile('README.md');
  await vscode.runCommand('Markdown: Open Preview to the Side');
  await clickPreviewTitleAction(vscode.page, 'Preview README.md');

  const dialog = await vscode.waitForDialog();
  assert.match(dialog.message, /Generate 1 missing image\?/);
  assert.match(dialog.detail, /images\/robot\.png/);
  await dialog.clickButton('Generate');

  await session().waitForFile('images/robot.png');
  await vscode.waitForNotification('1 of 1 missing images generated');
  assert.equal(api.stats.generate, 1);

  // The preview is refreshed, so the image it could not load before now shows. Its frame is replaced
  // meanwhile (the results panel opening beside it moves it), so it is looked up on every try.
  const mascot = 'img[alt="A friendly robot mascot"]';
  await waitUntil(
    async () => {
      const preview = await vscode.webviewFrame(mascot, 2000).catch(() => undefined);
      return preview?.$eval(mascot, (img) => (img as HTMLImageElement).naturalWidth > 0).catch(() => false);
    },
    () => 'the preview still shows the broken image',
    15_000,
  );
  await vscode.screenshot('missing-images-preview-done');
});

test('a preview whose source is not open in any tab still finds its file in the workspace', async () => {
  const { vscode, listFiles } = session();
  await vscode.runCommand('View: Close All Editors');
  await vscode.openFile('notes/boat.md');
  await vscode.runCommand('Markdown: Open Preview');
  await vscode.page.locator('.tab', { hasText: 'Preview boat.md' }).click();
  await vscode.runCommand('View: Close Other Editors in Group');
  await waitUntil(async () => (await vscode.page.locator('.tab').count()) === 1, () => 'the source tab is still open');

  await clickPreviewTitleAction(vscode.page, 'Preview boat.md');
  const dialog = await vscode.waitForDialog();
  assert.match(dialog.detail, /notes\/boat\.png/);
  await dialog.clickButton('Generate');
  await session().waitForFile('notes/boat.png');
  assert.deepEqual(listFiles('notes'), ['notes/boat.md', 'notes/boat.png']);
});
