// Issue 15, point 1: variations. With a count of 3 the panel shows the three side by side, each with
// "Keep this one", chosen here by keyboard; the others are discarded, and where the job linked its images
// only the kept one stays linked: at the link's place (Insert Link), or under the name the reference asked
// for (the missing-image fix), also when a variation was deleted by hand first. The history remembers it.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const session = useSession({ settings: { 'nanoBanana.askForOptions': true, 'nanoBanana.count': 3 }, knobs: { generationDelayMs: 200 } });

const read = (relativePath: string) => readFileSync(session().path(relativePath), 'utf8');

/** The latest job's "Keep this one" buttons, once the job is saved with all three. */
async function keepButtons(): Promise<Frame> {
  const frame = await session().vscode.webviewFrame('.job-latest.stage-saved .variations', 60_000);
  await waitUntil(async () => (await frame.locator('.job-latest button[data-action="keep"]').count()) === 3, () => 'the latest job never showed three "Keep this one" buttons');
  return frame;
}

/**
 * Keeps the second variation with the keyboard: focus the first button, arrow right, Enter. code-server's
 * file system has no trash (as any remote workspace), so the extension asks before deleting for good.
 */
async function keepSecondByKeyboard(frame: Frame): Promise<void> {
  const { page, vscode } = session();
  await frame.locator('.job-latest button[data-action="keep"]').first().focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Keep variation 2 of 3, discard the others');
  await page.keyboard.press('Enter');
  const dialog = await vscode.waitForDialog();
  assert.match(dialog.message, /cannot be moved to the trash here/);
  await dialog.clickButton('Delete Permanently');
}

test('count 3 with Insert Link: the three side by side; "Keep this one" leaves one file and one link, at the link\'s place', async () => {
  const { vscode, page, listFiles } = session();
  await vscode.openFile('docs/guide.md');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await vscode.runCommand('Nano Banana: Generate Image and Insert Link');
  await vscode.typeInInput('a banana choir');
  await vscode.acceptQuickPick();
  await page.locator('.editor-group-container .tab.dirty[data-resource-name="guide.md"]').waitFor({ timeout: 60_000 });

  const frame = await keepButtons();
  await vscode.screenshot('variations-side-by-side');
  await keepSecondByKeyboard(frame);
  await vscode.waitForNotification('kept assets/generated/a-banana-choir-2.png');
  assert.deepEqual(listFiles('assets/generated'), ['assets/generated/a-banana-choir-2.png']);
  // Before the document is opened, which may cover the panel.
  const panel = await vscode.webviewFrame('.job-kept');
  assert.equal(await panel.locator('.job-latest .job-kept').innerText(), 'Kept variation 2 of 3; the others were discarded.');
  assert.equal(await panel.locator('.job-latest .result').count(), 1);

  await vscode.openFile('docs/guide.md');
  await vscode.saveActiveEditor();
  const text = read('docs/guide.md');
  assert.equal(text.match(/!\[/g)?.length, 1, text);
  assert.match(text, /run \*\*Nano Banana: Generate Image and Insert Link\*\*\.\n\n!\[a banana choir\]\(\.\.\/assets\/generated\/a-banana-choir-2\.png\)$/, 'where the cursor was');
});

test('count 3 from the missing-image fix, one variation deleted by hand: the kept one takes the name the reference asks for', async () => {
  const { vscode, listFiles } = session();
  await vscode.openFile('README.md');
  await vscode.clickOnText('friendly');
  await vscode.pickCodeAction('Generate Missing Image with Nano Banana');
  await vscode.acceptQuickPick(); // the prompt: the alt text
  await vscode.waitForQuickInput();
  await vscode.pickQuickPickItem('Count');
  await vscode.pickQuickPickItem('3');
  await vscode.acceptQuickPick();

  const frame = await keepButtons();
  assert.deepEqual(listFiles('images').filter((file) => file.includes('robot')), ['images/robot-2.png', 'images/robot-3.png', 'images/robot.png']);
  rmSync(session().path('images/robot-3.png'));
  await keepSecondByKeyboard(frame);
  await vscode.waitForNotification('kept images/robot.png');
  assert.deepEqual(listFiles('images').filter((file) => file.includes('robot')), ['images/robot.png']);
  assert.match(read('README.md'), /!\[A friendly robot mascot\]\(images\/robot\.png\)/, 'the reference is unchanged and leads to the kept image');
  assert.deepEqual(await vscode.notifications().then((shown) => shown.filter((message) => /error|could not/i.test(message))), []);
});
