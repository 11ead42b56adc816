// Issue 4, scenarios 6 and 7: what a user sees when a job fails (a token the service refuses, a used-up
// balance, a proxy's HTML error page) and when they cancel while waiting: a notification that names the
// problem and offers the action that helps, a note for a cancellation, and in no case a file. Issue 12:
// a cancel after the submit was sent never claims nothing was sent; a save that fails loses nothing.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeEach, test } from 'node:test';
import { DEMO_TOKEN } from '../mock-api';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const session = useSession({ settings: { 'nanoBanana.askForOptions': false }, knobs: { generationDelayMs: 300 } });

let filesBefore: string[];

beforeEach(async () => {
  const { vscode, api, listFiles } = session();
  api.reset();
  // Each test looks for its own notification; toasts of the previous one would only be in the way.
  await vscode.runCommand('Notifications: Clear All Notifications');
  filesBefore = listFiles();
});

async function generate(prompt: string): Promise<void> {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput(prompt);
}

const NOTIFICATIONS = '.notifications-toasts .notification-list-item, .notifications-center .notification-list-item';

/** Messages of the error notifications on screen (toasts or notification center). */
async function errorMessages(): Promise<string[]> {
  const { page } = session();
  const items = page.locator(NOTIFICATIONS).filter({ has: page.locator('.notification-list-item-icon.codicon-error') });
  return (await items.locator('.notification-list-item-message').allInnerTexts()).map((text) => text.trim());
}

/** The job's progress notification (with its Cancel button) closes with the failure, not once the user dismisses the error. */
async function progressIsGone(): Promise<void> {
  const { page } = session();
  const progress = page.locator(NOTIFICATIONS).filter({ has: page.locator('.notification-list-item-message', { hasText: 'generating image' }) });
  await progress.first().waitFor({ state: 'detached', timeout: 10_000 });
}

test('a token the service refuses (401): the notification says so and offers Set API Token, which fixes it', async () => {
  const { vscode, api, listFiles } = session();
  await vscode.runCommand('Nano Banana: Set API Token');
  await vscode.typeInInput('not-the-token-the-service-knows');
  await vscode.waitForNotification(/API token saved/);

  await generate('a refused token');
  const refused = await vscode.waitForNotification(/token was not accepted/);
  assert.match(await refused.message(), /invalid_token/);
  assert.ok((await refused.buttons()).includes('Set API Token'), `buttons: ${JSON.stringify(await refused.buttons())}`);
  await progressIsGone();
  assert.equal(api.stats.submits, 0, 'the service created no task');
  assert.deepEqual(listFiles(), filesBefore, 'no file was written');

  await refused.clickButton('Set API Token');
  const ask = await vscode.waitForQuickInput();
  assert.equal(ask.title, 'Nano Banana: API Token');
  await vscode.typeInInput(DEMO_TOKEN);
  await vscode.waitForNotification(/API token saved/);
  await generate('an accepted token');
  await session().waitForFile('assets/generated/an-accepted-token.png');
});

test('a used-up balance (403 used_up): the notification says so and offers the console; no file', async () => {
  const { vscode, api, listFiles } = session();
  api.knobs.failNext = [{
    count: 1,
    status: 403,
    path: 'images',
    body: { success: false, error: { code: 'used_up', message: 'Your balance is not sufficient for current request, please buy more.' }, trace_id: 'trace-used-up-e2e' },
  }];
  await generate('a picture nobody pays for');
  const usedUp = await vscode.waitForNotification(/balance is not sufficient/);
  const message = await usedUp.message();
  assert.match(message, /Top up your balance/);
  assert.match(message, /trace-used-up-e2e/, 'the trace id support needs');
  assert.ok((await usedUp.buttons()).includes('Open Console'), `buttons: ${JSON.stringify(await usedUp.buttons())}`);
  assert.deepEqual(await errorMessages(), [message], 'one error, shown once');
  await progressIsGone();
  assert.equal(api.stats.submits, 0);
  assert.deepEqual(listFiles(), filesBefore, 'no file was written');
});

test('a proxy answers 500 with an HTML page: the notification says the service is unavailable, without the markup; no file', async () => {
  const { vscode, api, listFiles } = session();
  api.htmlErrorNext(1, 500, 'images');
  await generate('a picture behind a broken proxy');
  const unavailable = await vscode.waitForNotification(/unavailable right now/);
  const message = await unavailable.message();
  assert.match(message, /HTTP 500/);
  assert.doesNotMatch(message, /<|nginx/i, 'the HTML page is not dumped on the user');
  assert.ok((await unavailable.buttons()).includes('Open Output'));
  await progressIsGone();
  assert.equal(api.stats.imagesRequests, 1, 'a submit that may have reached the service is not sent twice');
  assert.equal(api.stats.submits, 0);
  assert.deepEqual(listFiles(), filesBefore, 'no file was written');
});

test('Cancel while waiting for the service: a note that it was cancelled, no error, no file even once the task finishes', async () => {
  const { vscode, api, listFiles } = session();
  // Held at the stand-in until the Cancel was answered: the job is certainly still waiting when it comes.
  api.knobs.holdTasks = true;
  await generate('a picture I changed my mind about');
  const progress = await vscode.waitForNotification(/generating image/);
  // Waiting, not submitting: the service has accepted the task.
  await waitUntil(() => api.stats.submits === 1, () => `the stand-in saw ${api.stats.submits} submits`);
  const downloadsBefore = api.stats.downloads;
  await progress.clickButton('Cancel');

  const note = await vscode.waitForNotification(/cancelled/);
  assert.match(await note.message(), /Check Pending Tasks/, 'it says how to fetch the images later');
  await progress.waitForGone();
  assert.deepEqual(await errorMessages(), []);
  const panel = await vscode.webviewFrame('.job-latest.stage-cancelled', 30_000);
  assert.equal(await panel.locator('.job-latest .job-prompt').textContent(), 'a picture I changed my mind about');

  // The service finishes the task anyway; the cancelled job must not pick it up.
  api.releaseTasks();
  await waitUntil(() => Object.keys(api.stats.taskFinishedAt).length === 1, () => 'the stand-in never finished the task');
  assert.equal(api.stats.downloads, downloadsBefore, 'nothing was downloaded');
  assert.deepEqual(listFiles(), filesBefore, 'no file was written');
  assert.deepEqual(await errorMessages(), []);
});

test('[durable:cancel-after-send] Cancel while the submit is on the wire: no claim that nothing was sent; the console is named as the place to find the task', async () => {
  const { vscode, api } = session();
  // The stand-in has the request (and creates the task) but holds its answer back.
  api.knobs.responseDelayMs = 8000;
  await generate('a request I cancel in flight');
  const progress = await vscode.waitForNotification(/generating image/);
  await waitUntil(() => api.stats.imagesRequests === 1, () => `the stand-in saw ${api.stats.imagesRequests} submits`);
  await progress.clickButton('Cancel');

  const note = await vscode.waitForNotification(/cancelled after the request was sent/);
  const message = await note.message();
  assert.match(message, /may have accepted it and may bill it/);
  assert.match(message, /task list of the Ace Data Cloud console/);
  assert.ok((await note.buttons()).includes('Open Console'));
  assert.deepEqual((await vscode.notifications()).filter((text) => /before anything was sent/.test(text)), []);
  await progress.waitForGone();
  assert.equal(api.stats.submits, 1, 'the service did accept it');
});

test('[durable:save-failure] a file where the output folder should be: the error says what and where, no partial file, and Check Pending Tasks saves the image later without a new submit', async () => {
  const { vscode, api, path, listFiles } = session();
  const blocked = 'assets/generated';
  mkdirSync(dirname(path(blocked)), { recursive: true });
  rmSync(path(blocked), { recursive: true, force: true });
  writeFileSync(path(blocked), 'not a folder');
  try {
    await generate('a picture with nowhere to go');
    const error = await vscode.waitForNotification(/could not be saved in assets\/generated/);
    assert.match(await error.message(), /once the folder can be written, run "Nano Banana: Check Pending Tasks"/);
    await progressIsGone();
    assert.equal(api.stats.submits, 1);
    assert.deepEqual(listFiles().filter((file) => /\.part$|nowhere-to-go/.test(file)), [], 'no partial or misplaced file');
  } finally {
    rmSync(path(blocked), { force: true });
  }
  await vscode.runCommand('Nano Banana: Check Pending Tasks');
  await vscode.pickQuickPickItem('a picture with nowhere to go');
  await session().waitForFile('assets/generated/a-picture-with-nowhere-to-go.png');
  assert.equal(api.stats.submits, 1, 'saved without a new submit');
});
