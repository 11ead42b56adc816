// Issue 21: the history keeps every field of a job. An exact-size job generated before a window reload
// is shown with its exact size afterwards, and Generate Again on it asks with that same exact size and
// saves a file of exactly that many pixels (the history used to strip `exactSize`, leaving only the ratio).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { imageSize } from '../../src/core/imageType';
import { useSession } from './harness/node-test';

const PROMPT = 'a banana social card';
const FIRST = 'assets/generated/a-banana-social-card.png';
const AGAIN = 'assets/generated/a-banana-social-card-2.png';
// 800×450 is cut from the nearest ratio, 16:9, while the settings' ratio is 1:1: neither the request nor
// the file can match by chance.
const EXACT = /^nano-banana · 800×450 \(16:9\) · 1K · 1 image$/;

const session = useSession({
  settings: { 'nanoBanana.askForOptions': true, 'nanoBanana.model': 'nano-banana', 'nanoBanana.aspectRatio': '1:1', 'nanoBanana.resolution': '1K' },
});

const sizeOf = (relativePath: string) => imageSize(readFileSync(session().path(relativePath)));

/** Bodies of the generate requests the stand-in received, oldest first. */
function generateRequests(): Array<Record<string, unknown>> {
  return session()
    .api.stats.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images'))
    .map((request) => request.body as Record<string, unknown>)
    .filter((body) => body?.action === 'generate');
}

test('an exact-size job is generated, saved and finished before the reload', async () => {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput(PROMPT);
  await vscode.pickQuickPickItem('Exact size');
  await vscode.pickQuickPickItem('Type a size…');
  await vscode.typeInInput('800×450');
  assert.match((await vscode.waitForQuickInput()).items[0]?.description ?? '', EXACT);
  await vscode.acceptQuickPick();
  await session().waitForFile(FIRST);
  assert.deepEqual(sizeOf(FIRST), { width: 800, height: 450 });

  // Finished in the panel, so recorded in the workspace's history before the window goes away.
  const panel = await vscode.webviewFrame('.job-latest', 60_000);
  await panel.waitForFunction(
    (prompt) => document.querySelector('.job-latest.stage-saved .job-prompt')?.textContent === prompt,
    PROMPT,
    { timeout: 30_000 },
  );
});

test('after a reload, Generate Again on that job asks with the same exact size and saves a file of exactly that size', async () => {
  const { vscode } = session();
  await vscode.reloadWindow();
  await vscode.runCommand('Nano Banana: Show Results');
  const frame = await vscode.webviewFrame('.gallery .job-earlier', 60_000);
  const card = frame.locator('.gallery .job-earlier').filter({ has: frame.locator('.job-prompt', { hasText: PROMPT }) });
  assert.match((await card.locator('.job-meta').textContent()) ?? '', /800×450 \(16:9\)/, 'the gallery shows the exact size read back from the history');

  const before = generateRequests().length;
  await card.locator('[data-action="generateAgain"]').click();
  assert.equal((await vscode.waitForQuickInput()).value, PROMPT);
  // Typing the same prompt again submits it and waits until the options list replaced the input.
  await vscode.typeInInput(PROMPT);
  assert.match((await vscode.waitForQuickInput()).items[0]?.description ?? '', EXACT, 'the options list offers the exact size of the job');
  await vscode.acceptQuickPick();

  await session().waitForFile(AGAIN);
  assert.deepEqual(sizeOf(AGAIN), { width: 800, height: 450 });
  const requests = generateRequests();
  assert.equal(requests.length, before + 1);
  assert.equal(requests.at(-1)?.aspect_ratio, '16:9', 'asked at the exact size\'s ratio, not the settings\' 1:1');
});
