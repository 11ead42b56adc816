// Issue 4, scenarios 1 and 8: on a first run without any token, Generate Image asks for it in a
// password box and keeps it (also across a window reload); and the token, once in use, shows up
// nowhere a user or another extension could read it: settings files, the workspace, the Output
// channel, the results panel's HTML. A language-model tool asks in the same box (issue 11).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

// Distinctive, so any copy of it anywhere is found by a plain substring search.
const TOKEN = 'nbe2e-7f3a9c41-token-leak-probe';

const session = useSession({ token: TOKEN, tokenInEnv: false, toolCaller: true, settings: { 'nanoBanana.askForOptions': false } });

/** The Authorization headers of every API request the stand-in received. */
function authorizationHeaders(): string[] {
  return session().api.stats.requests.map((request) => String(request.headers.authorization ?? ''));
}

test('with no token, a tool call asks in the same password box; dismissed, the agent is told to have the user set one, and nothing is sent', async () => {
  const { vscode, page, api, tools } = session();
  const call = tools.invoke('nanoBanana_generateImage', { prompt: 'a lighthouse', path: 'img/lighthouse.png' });
  await (await vscode.waitForDialog(60_000)).clickButton('Yes');
  const ask = await vscode.waitForQuickInput();
  assert.equal(ask.title, 'Nano Banana: API Token');
  assert.equal(await page.locator('.quick-input-widget .quick-input-box input').getAttribute('type'), 'password');
  await page.keyboard.press('Escape');
  const { text } = await call.result();
  assert.match(text!, /No Nano Banana API token is set.*Nothing was sent or billed\. Ask the user to run "Nano Banana: Set API Token"/);
  assert.equal(api.stats.requests.length, 0);
});

test('with no token anywhere, Generate Image asks for one in a password box, then goes on with the prompt', async () => {
  const { vscode, page, api } = session();
  await vscode.runCommand('Nano Banana: Generate Image');

  const ask = await vscode.waitForQuickInput();
  assert.equal(ask.title, 'Nano Banana: API Token');
  assert.match(ask.message, /No Nano Banana API token is set yet/);
  assert.equal(await page.locator('.quick-input-widget .quick-input-box input').getAttribute('type'), 'password');
  assert.equal(api.stats.requests.length, 0, 'nothing was sent before the token was given');
  await vscode.typeInInput(TOKEN);

  const prompt = await vscode.waitForQuickInput();
  assert.equal(prompt.title, 'Nano Banana: Generate Image');
  await vscode.typeInInput('a lighthouse at dawn');
  await session().waitForFile('assets/generated/a-lighthouse-at-dawn.png');
  assert.ok(authorizationHeaders().length > 0);
  assert.ok(authorizationHeaders().every((header) => header === `Bearer ${TOKEN}`), 'every request carried the typed token');
});

test('the next Generate Image does not ask again, not even after a window reload', async () => {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  assert.equal((await vscode.waitForQuickInput()).title, 'Nano Banana: Generate Image');
  await vscode.typeInInput('a second lighthouse');
  await session().waitForFile('assets/generated/a-second-lighthouse.png');

  // A new extension host only has what was stored: the secret storage, no environment variable.
  await vscode.reloadWindow();

  await vscode.runCommand('Nano Banana: Generate Image');
  assert.equal((await vscode.waitForQuickInput()).title, 'Nano Banana: Generate Image');
  await vscode.typeInInput('a third lighthouse');
  await session().waitForFile('assets/generated/a-third-lighthouse.png');
  assert.ok(authorizationHeaders().every((header) => header === `Bearer ${TOKEN}`));
});

test('the token appears in no settings file, no workspace file, no Output channel and not in the results panel', async () => {
  const { vscode, api, userDataDir, workspace, listFiles, outputLog } = session();
  // A failed job too, so the log holds an error report as well as the normal progress lines.
  api.htmlErrorNext(1, 500, 'images');
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput('a lighthouse that fails');
  await vscode.waitForNotification(/unavailable right now/);

  // The token was really in use in this session, so its absence below means something.
  assert.ok(authorizationHeaders().includes(`Bearer ${TOKEN}`));

  const userSettings = readFileSync(join(userDataDir, 'User', 'settings.json'), 'utf8');
  assert.match(userSettings, /nanoBanana\.apiBaseUrl/, 'this is the settings file VS Code uses');
  assert.ok(!userSettings.includes(TOKEN), 'user settings.json holds no token');
  const workspaceSettings = join(workspace, '.vscode', 'settings.json');
  if (existsSync(workspaceSettings)) assert.ok(!readFileSync(workspaceSettings, 'utf8').includes(TOKEN), 'workspace settings.json holds no token');
  for (const file of listFiles()) {
    assert.ok(!readFileSync(join(workspace, file)).includes(TOKEN), `${file} holds no token`);
  }

  // VS Code writes the channel to disk a moment after the line was logged.
  const log = await waitUntil(() => /\[error\]/.test(outputLog()) && outputLog(), () => `no error line in:\n${outputLog()}`);
  assert.match(log, /submit generate accepted/, 'the Nano Banana channel logged the jobs');
  assert.ok(!log.includes(TOKEN), 'the Output channel holds no token');

  await vscode.runCommand('Nano Banana: Show Results');
  const panel = await vscode.webviewFrame('.job-latest', 60_000);
  await panel.locator('.job-latest.stage-failed .job-prompt', { hasText: 'a lighthouse that fails' }).waitFor({ timeout: 30_000 });
  // The webview's own document and the frames VS Code wraps around it. Read in the page's world:
  // frame.content() reads through Playwright's utility world, which can still hold the blank
  // document VS Code replaced when it wrote the webview's HTML.
  const documents: string[] = [];
  for (let frame: typeof panel | null = panel; frame && frame !== vscode.page.mainFrame(); frame = frame.parentFrame()) {
    documents.push(await frame.evaluate(() => document.documentElement.outerHTML));
  }
  assert.ok(documents[0].includes('a lighthouse that fails'), `the HTML holds the panel as shown, not ${documents[0].slice(0, 200)}`);
  for (const html of documents) assert.ok(!html.includes(TOKEN), 'the webview HTML holds no token');
});
