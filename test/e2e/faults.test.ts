// Faults and attacks that only the real VS Code can show: a workspace that tries to redirect the
// token, a window reload while a job waits, a task that outlives the wait limit, a download that
// keeps failing, a task id typed by hand, a task refused by moderation, and 20 images saved at once
// into one folder. Every test checks the stand-in's counters: no job is ever submitted twice.
//
// The workspace's .vscode/settings.json points nanoBanana.apiBaseUrl at a decoy stand-in and sets
// the output directory; the first is ignored, the second honoured, so every result of this file
// lands in `from-workspace-settings/`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DEMO_TOKEN, startMockApi, type MockApi } from '../mock-api';
import { call } from '../mock-api/testing';
import { readPng } from '../integration/helpers/images';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';
import type { SessionOptions } from './harness/session';
import { waitForWorkbench } from './harness/workbench';

const FOLDER = 'from-workspace-settings';
const COUNT = 4;

let decoy: MockApi;
const options: SessionOptions = {
  // The shortest wait limit the setting allows, so a task can outlive it within a test.
  settings: { 'nanoBanana.askForOptions': false, 'nanoBanana.count': COUNT, 'nanoBanana.waitTimeoutMinutes': 1 },
  knobs: { generationDelayMs: 300 },
  files: {},
};
// Registered before useSession's own hook, so the decoy's address is in the workspace before VS Code starts.
before(async () => {
  decoy = await startMockApi({ token: DEMO_TOKEN });
  options.files![`.vscode/settings.json`] = JSON.stringify({ 'nanoBanana.apiBaseUrl': decoy.url, 'nanoBanana.outputDirectory': FOLDER }, null, 2);
});
after(async () => decoy?.close());
const session = useSession(options);

const slowTest = { timeout: 240_000 };

/** The result files of one prompt's slug, in the order the extension numbers them. */
function expectedNames(slug: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${FOLDER}/${slug}${index === 0 ? '' : `-${index + 1}`}.png`).sort();
}

function filesOf(slug: string): string[] {
  return session().listFiles(FOLDER).filter((file) => new RegExp(`^${FOLDER}/${slug}(-\\d+)?\\.png$`).test(file));
}

function waitForFiles(slug: string, count: number, timeout = 90_000): Promise<string[]> {
  return waitUntil(
    () => filesOf(slug).length >= count && filesOf(slug),
    () => `${count} files of ${slug} never appeared; the workspace holds ${JSON.stringify(session().listFiles())}`,
    timeout,
  );
}

/** Every saved file is a complete PNG, and nothing half-written (no hidden .part file) is left beside it. */
function assertCompleteFiles(files: string[]): void {
  for (const file of files) assert.ok(readPng(readFileSync(session().path(file))).width > 0, `${file} is a PNG`);
  assert.deepEqual(session().listFiles(FOLDER).filter((file) => file.endsWith('.part')), []);
}


async function generate(prompt: string): Promise<void> {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput(prompt);
}

async function pickPendingTask(label: string): Promise<string> {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Check Pending Tasks');
  const picker = await vscode.waitForQuickInput();
  const item = picker.items.find((candidate) => candidate.label === label);
  assert.ok(item, `${label} is listed among ${JSON.stringify(picker.items)}`);
  await vscode.pickQuickPickItem(label);
  return item.description ?? '';
}

test('[security:workspace-api-base-url] [security:token-not-to-image-host] [security:token-redacted] a workspace cannot redirect the API: requests and the token still go to the user-settings service', async () => {
  const { api } = session();
  await generate('a lighthouse at dusk');
  // The same settings file's output directory is honoured: VS Code did read it.
  assertCompleteFiles(await waitForFiles('a-lighthouse-at-dusk', COUNT));
  assert.equal(api.stats.submits, 1);
  assert.equal(decoy.stats.requests.length, 0, 'the workspace-chosen host was never contacted');
  assert.equal(decoy.stats.downloads, 0);
  assert.equal(api.stats.downloadHeaders.length, COUNT);
  for (const headers of api.stats.downloadHeaders) {
    assert.equal(headers.authorization, undefined, 'no credential reaches the image host');
    assert.ok(!JSON.stringify(headers).includes(DEMO_TOKEN));
  }
  const log = session().outputLog();
  assert.match(log, /saved/);
  assert.ok(!log.includes(DEMO_TOKEN), 'the token is not in the log');
});

test('[fault:window-reload] [durable:persist-and-resume] a window reload while waiting: the job resumes and its images still land, submitted once', slowTest, async () => {
  const { api, vscode, page } = session();
  const submitsBefore = api.stats.submits;
  // Held at the stand-in until the window is back: the task is certainly unfinished when the reload comes.
  api.knobs.holdTasks = true;
  try {
    await generate('a paper boat on a pond');
    await vscode.waitForNotification(/Waiting for the image/);
    assert.equal(api.stats.submits, submitsBefore + 1);
    assert.deepEqual(filesOf('a-paper-boat-on-a-pond'), []);

    const reloaded = page.waitForEvent('load', { timeout: 90_000 });
    await vscode.runCommand('Developer: Reload Window').catch(() => undefined);
    await reloaded;
    await waitForWorkbench(page);
    api.releaseTasks();
    // No command is run after the reload: the extension picks the job up by itself.
    assertCompleteFiles(await waitForFiles('a-paper-boat-on-a-pond', COUNT, 120_000));
  } finally {
    api.releaseTasks();
  }
  assert.equal(api.stats.submits, submitsBefore + 1, 'the job was resumed, not submitted again');
  assert.match(session().outputLog(), /resuming 1 unfinished job/);
  await vscode.waitForCommand('Nano Banana: Set API Token', 90_000);
});

test('[durable:insertion-after-reload] Generate Image and Insert Link interrupted by a reload: after it, the link is still inserted where the cursor was', slowTest, async () => {
  const { api, vscode, page } = session();
  const submitsBefore = api.stats.submits;
  // Held at the stand-in until the window is back: the task is certainly unfinished when the reload comes.
  api.knobs.holdTasks = true;
  try {
    await vscode.openFile('docs/guide.md');
    // Into the text first: Ctrl+End moves the cursor only where the editor has the keyboard.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await vscode.runCommand('Nano Banana: Generate Image and Insert Link');
    await vscode.typeInInput('a map of the harbour');
    await vscode.waitForNotification(/Waiting for the image/);

    const reloaded = page.waitForEvent('load', { timeout: 90_000 });
    await vscode.runCommand('Developer: Reload Window').catch(() => undefined);
    await reloaded;
    await waitForWorkbench(page);
    api.releaseTasks();
    await waitForFiles('a-map-of-the-harbour', COUNT, 120_000);
  } finally {
    api.releaseTasks();
  }
  await waitUntil(async () => (await vscode.activeEditorText().catch(() => '')).includes('a-map-of-the-harbour'), () => 'the links never reached the active editor');
  assert.equal(await vscode.activeEditorTitle(), 'guide.md');
  await vscode.saveActiveEditor();
  const guide = readFileSync(session().path('docs/guide.md'), 'utf8');
  assert.ok(guide.startsWith('# Guide'), 'the document is otherwise unchanged');
  for (const file of expectedNames('a-map-of-the-harbour', COUNT)) assert.ok(guide.includes(`](../${file})`), `${file} is linked in ${guide}`);
  assert.ok(guide.indexOf('](../') > guide.indexOf('Insert Link**'), 'the links are where the cursor was, at the end');
  assert.equal(api.stats.submits, submitsBefore + 1);
});

test('[fault:pending-past-wait-limit] [durable:check-lists-state] a task pending past the wait limit says it is resumable; Check Pending Tasks lists it and fetches it later', slowTest, async () => {
  const { api, vscode } = session();
  const submitsBefore = api.stats.submits;
  // Held at the stand-in past the one-minute wait limit, until the test lets it finish.
  api.knobs.holdTasks = true;
  try {
    await generate('a snowy owl');
    const timedOut = await vscode.waitForNotification(/still running after the wait limit/, 100_000);
    assert.match(await timedOut.message(), /Check Pending Tasks/);
    // The error stands alone: no frozen "Waiting…" progress with a Cancel button beside it.
    await waitUntil(async () => !(await vscode.notifications()).some((message) => /Waiting for the image/.test(message)), () => 'the progress never closed', 5_000);
    await vscode.screenshot('faults-wait-limit-resumable');
    assert.deepEqual(filesOf('a-snowy-owl'), []);
    await timedOut.dismiss();
  } finally {
    api.releaseTasks();
  }

  const description = await pickPendingTask('a snowy owl');
  assert.match(description, /interrupted · task [\w-]+/);
  assertCompleteFiles(await waitForFiles('a-snowy-owl', COUNT, 90_000));
  assert.equal(api.stats.submits, submitsBefore + 1, 'fetched, not submitted again');
});

test('[durable:retry-save] a finished task whose download kept failing: Check Pending Tasks saves it later without a new submit', slowTest, async () => {
  const { api, vscode } = session();
  const submitsBefore = api.stats.submits;
  api.knobs.resetNextDownloads = 1_000;
  try {
    await generate('a red kite');
    const failed = await vscode.waitForNotification(/Check Pending Tasks/, 60_000);
    assert.match(await failed.message(), /Could not reach|download/i);
    assert.deepEqual(filesOf('a-red-kite'), []);
    assertCompleteFiles([]);
    await failed.dismiss();
  } finally {
    api.knobs.resetNextDownloads = 0;
  }
  const description = await pickPendingTask('a red kite');
  assert.match(description, /interrupted/);
  assertCompleteFiles(await waitForFiles('a-red-kite', COUNT));
  assert.equal(api.stats.submits, submitsBefore + 1);
});

test('[durable:lookup-typed-id] a task id typed by hand: its images are looked up and saved', slowTest, async () => {
  const { api, vscode } = session();
  // A task started elsewhere (the console, another machine): this window has never heard of it.
  const ack = await call(api, 'images', { action: 'generate', prompt: 'started elsewhere', count: 2, async: true });
  const taskId: string = ack.json.task_id;
  assert.ok(taskId, `a task id in ${ack.text}`);
  const submitsBefore = api.stats.submits;

  await vscode.runCommand('Nano Banana: Check Pending Tasks');
  await vscode.pickQuickPickItem('Look up a task id…');
  await vscode.typeInInput(taskId);
  const slug = `task-${taskId.slice(0, 8).toLowerCase()}`;
  assertCompleteFiles(await waitForFiles(slug, 2));
  assert.deepEqual(filesOf(slug), expectedNames(slug, 2));
  assert.equal(api.stats.submits, submitsBefore, 'looked up, not submitted');
});

test('[fault:content-moderation] a task failed by content moderation: the service\'s message is shown, and nothing is left to resume', async () => {
  const { api, vscode, page } = session();
  const submitsBefore = api.stats.submits;
  api.knobs.moderateNext = 1;
  await generate('something the policy refuses');
  const refused = await vscode.waitForNotification(/content policy/);
  assert.match(await refused.message(), /rejected by the content safety policy/);
  await refused.dismiss();
  assert.deepEqual(filesOf('something-the-policy-refuses'), []);
  assert.equal(api.stats.submits, submitsBefore + 1);

  await vscode.runCommand('Nano Banana: Check Pending Tasks');
  const labels = (await vscode.waitForQuickInput()).items.map((item) => item.label);
  assert.ok(!labels.includes('something the policy refuses'), `a refused task is not offered for resuming: ${JSON.stringify(labels)}`);
  await page.keyboard.press('Escape');
});

test('[fault:20-concurrent-jobs] 20 images from 5 concurrent jobs of one prompt: all saved, no name clashes, nothing overwritten', slowTest, async () => {
  const { api } = session();
  const submitsBefore = api.stats.submits;
  // Held at the stand-in until all five were submitted: every job is waiting before the first one finishes.
  api.knobs.holdTasks = true;
  try {
    for (let job = 0; job < 5; job++) await generate('a crowd of lanterns');
    await waitUntil(() => api.stats.submits === submitsBefore + 5, () => `${api.stats.submits - submitsBefore} of the 5 jobs were submitted`);
    api.releaseTasks();
    const files = await waitForFiles('a-crowd-of-lanterns', 5 * COUNT, 120_000);
    assert.deepEqual(files, expectedNames('a-crowd-of-lanterns', 5 * COUNT));
    await session().vscode.screenshot('faults-20-concurrent-saved');
    assertCompleteFiles(files);
  } finally {
    api.releaseTasks();
  }
  assert.equal(api.stats.submits, submitsBefore + 5);
  assert.equal(decoy.stats.requests.length, 0, 'and the decoy was never contacted all along');
});
