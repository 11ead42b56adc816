// The job history survives a window reload: jobs generated before it are listed in the results
// panel's gallery afterwards (prompt and image), can be found by searching their prompt, and
// Generate Again repeats one with its own settings and folder, not with today's settings.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { useSession } from './harness/node-test';

const ROBOT = 'a friendly robot mascot';
const ASTRONAUT = 'a banana astronaut';

const session = useSession({
  settings: {
    'nanoBanana.askForOptions': false,
    'nanoBanana.model': 'nano-banana-2',
    'nanoBanana.aspectRatio': '16:9',
    'nanoBanana.resolution': '2K',
    'nanoBanana.outputDirectory': 'art/first',
  },
  knobs: { generationDelayMs: 300 },
});

/** The user settings file as the harness wrote it, changed in place. */
function changeUserSettings(changes: Record<string, unknown>): void {
  const file = join(session().userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...settings, ...changes }, null, 2)}\n`);
}

function galleryCard(frame: Frame, prompt: string) {
  return frame.locator('.gallery .job-earlier').filter({ has: frame.locator('.job-prompt', { hasText: prompt }) });
}

// What the gallery shows: a card the search filters out stays in the page, hidden.
const galleryPrompts = (frame: Frame) => frame.locator('.gallery .job-earlier:visible .job-prompt').allTextContents();

/** Bodies of the generate requests the stand-in received, oldest first. */
function generateRequests(): Array<Record<string, unknown>> {
  return session()
    .api.stats.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images'))
    .map((request) => request.body as Record<string, unknown>)
    .filter((body) => body?.action === 'generate');
}

/** The panel once its latest job is `prompt`, saved (the panel follows the files on disk a moment later). */
async function panelWithLatest(prompt: string): Promise<Frame> {
  const panel = await session().vscode.webviewFrame('.job-latest', 60_000);
  await panel.waitForFunction(
    (expected) => {
      const latest = document.querySelector('.job-latest.stage-saved .job-prompt');
      return latest?.textContent === expected;
    },
    prompt,
    { timeout: 30_000 },
  );
  return panel;
}

let frame: Frame;

test('two jobs are generated before the reload', async () => {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput(ROBOT);
  await session().waitForFile('art/first/a-friendly-robot-mascot.png');

  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput(ASTRONAUT);
  await session().waitForFile('art/first/a-banana-astronaut.png');

  // Both finished in the panel, so both are recorded in the workspace's history.
  const panel = await panelWithLatest(ASTRONAUT);
  assert.deepEqual(await galleryPrompts(panel), [ROBOT]);
});

test('after a window reload, the gallery lists the earlier jobs with their images', async () => {
  const { vscode } = session();
  // Today's settings differ from the ones the robot was generated with: Generate Again must not use these.
  changeUserSettings({
    'nanoBanana.model': 'nano-banana',
    'nanoBanana.aspectRatio': '1:1',
    'nanoBanana.resolution': '1K',
    'nanoBanana.outputDirectory': 'assets/generated',
  });

  await vscode.reloadWindow();

  await vscode.runCommand('Nano Banana: Show Results');
  frame = await vscode.webviewFrame('.gallery .job-earlier', 60_000);
  assert.equal(await frame.locator('.job-latest').count(), 0, 'no job has run in this window yet');
  assert.deepEqual(await galleryPrompts(frame), [ASTRONAUT, ROBOT]);

  const robot = galleryCard(frame, ROBOT);
  assert.equal(await robot.locator('.result-label').textContent(), 'art/first/a-friendly-robot-mascot.png');
  assert.match((await robot.locator('.job-meta').textContent()) ?? '', /nano-banana-2.*16:9.*2K/);
  // Loaded, not broken: the folder of a past result is still one the webview may read from.
  await robot.locator('img.result-image').scrollIntoViewIfNeeded();
  await frame.waitForFunction(
    (prompt) =>
      Array.from(document.querySelectorAll<HTMLImageElement>('.job-earlier img.result-image')).some(
        (image) => image.alt === prompt && image.complete && image.naturalWidth > 0,
      ),
    ROBOT,
    { timeout: 30_000 },
  );
  await vscode.screenshot('history-gallery-after-reload');
});

test('the search box filters the gallery by prompt', async () => {
  await frame.fill('.gallery-search', 'robot');
  assert.deepEqual(await galleryPrompts(frame), [ROBOT]);
  assert.equal(await frame.locator('.gallery-summary').textContent(), '1 of 2 results match “robot”.');

  await frame.fill('.gallery-search', 'zebra');
  assert.deepEqual(await galleryPrompts(frame), []);
  assert.equal(await frame.locator('.gallery-summary').textContent(), 'No earlier result matches “zebra”.');

  await frame.fill('.gallery-search', 'BANANA astro');
  assert.deepEqual(await galleryPrompts(frame), [ASTRONAUT]);

  await frame.fill('.gallery-search', 'mascot');
  assert.deepEqual(await galleryPrompts(frame), [ROBOT]);
});

test('Generate Again on a job from before the reload repeats its prompt, settings and folder', async () => {
  const { vscode } = session();
  const before = generateRequests().length;
  await galleryCard(frame, ROBOT).locator('[data-action="generateAgain"]').click();

  const input = await vscode.waitForQuickInput();
  assert.equal(input.value, ROBOT);
  await vscode.acceptQuickPick();
  await session().waitForFile('art/first/a-friendly-robot-mascot-2.png');
  assert.deepEqual(session().listFiles('assets/generated'), []);

  const requests = generateRequests();
  assert.equal(requests.length, before + 1);
  const again = requests.at(-1);
  assert.equal(again?.prompt, ROBOT);
  assert.equal(again?.model, 'nano-banana-2');
  assert.equal(again?.aspect_ratio, '16:9');
  assert.equal(again?.resolution, '2K');

  // The new job is this window's latest; the gallery still holds both earlier ones.
  const panel = await panelWithLatest(ROBOT);
  assert.equal(await panel.locator('.job-latest .result-label').textContent(), 'art/first/a-friendly-robot-mascot-2.png');
  await panel.fill('.gallery-search', '');
  assert.deepEqual(await galleryPrompts(panel), [ASTRONAUT, ROBOT]);
});

test('a past result whose file was deleted says the file no longer exists', async () => {
  const { vscode, path } = session();
  rmSync(path('art/first/a-banana-astronaut.png'));
  // Hiding the panel tears its page down; showing it again builds the view anew, checking the files.
  await vscode.openFile('README.md');
  await vscode.runCommand('Nano Banana: Show Results');
  const panel = await panelWithLatest(ROBOT);
  const astronaut = galleryCard(panel, ASTRONAUT);
  await astronaut.locator('.result-missing').waitFor({ timeout: 30_000 });
  assert.match((await astronaut.locator('.result-missing').textContent()) ?? '', /no longer exists/);
  assert.equal(await astronaut.locator('img').count(), 0);
  assert.equal(await astronaut.locator('.result-label').textContent(), 'art/first/a-banana-astronaut.png');
  // The other past result is untouched.
  assert.equal(await galleryCard(panel, ROBOT).locator('img.result-image').count(), 1);
});
