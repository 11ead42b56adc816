// Proxies, end to end: the packaged extension in a real VS Code whose settings hold `http.proxy` and
// `http.proxyAuthorization`, with a real forward proxy (tinyproxy, demanding those credentials) in
// front of the stand-in. A job's API calls and its image download must show in the proxy's log; a
// proxy that is down must be named in the error with nothing submitted; `http.noProxy` must keep
// the proxy out.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, beforeEach, test } from 'node:test';
import { DEMO_TOKEN } from '../mock-api';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy';
import { useSession } from './harness/node-test';

const CREDENTIALS = { user: 'e2e-proxy-user', password: 'e2e-proxy-secret' };
const AUTHORIZATION = `Basic ${Buffer.from(`${CREDENTIALS.user}:${CREDENTIALS.password}`).toString('base64')}`;

let proxy: Tinyproxy;
// The proxy runs before VS Code starts, so that its address can be in the settings VS Code starts with.
const session = useSession(async () => {
  proxy = await startTinyproxy({ basicAuth: CREDENTIALS });
  return {
    settings: { 'nanoBanana.askForOptions': false, 'http.proxy': proxy.url, 'http.proxyAuthorization': AUTHORIZATION },
    knobs: { generationDelayMs: 300 },
  };
});
after(async () => proxy?.stop());

beforeEach(async () => {
  const { vscode, api } = session();
  api.reset();
  await vscode.runCommand('Notifications: Clear All Notifications');
});

async function generate(prompt: string): Promise<void> {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput(prompt);
}

/** The user settings file as the harness wrote it, changed in place. */
function changeUserSettings(changes: Record<string, unknown>): void {
  const file = join(session().userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...settings, ...changes }, null, 2)}\n`);
}

/** The proxy's request lines for the stand-in (VS Code itself may send others its way). */
async function standInRequests(): Promise<string[]> {
  const { api } = session();
  return (await proxy.requests()).filter((line) => line.includes(api.url) || line.includes(api.imageHostUrl));
}

test('[fault:proxy-used] Generate Image with http.proxy set: the submit, the lookups and the image download show in the proxy\'s log; the token reaches the API only', async () => {
  const { api } = session();
  await generate('a lighthouse through the proxy');
  await session().waitForFile('assets/generated/a-lighthouse-through-the-proxy.png');

  const lines = await standInRequests();
  assert.ok(lines.includes(`POST ${api.url}/nano-banana/images HTTP/1.1`), `no submit in the proxy's log: ${JSON.stringify(lines)}`);
  assert.ok(lines.includes(`POST ${api.url}/nano-banana/tasks HTTP/1.1`), `no lookup in the proxy's log: ${JSON.stringify(lines)}`);
  assert.ok(lines.some((line) => line.startsWith(`GET ${api.imageHostUrl}/nanobanana/`)), `no image download in the proxy's log: ${JSON.stringify(lines)}`);
  assert.equal(api.stats.submits, 1);

  // Every request reached the stand-in through the proxy; the token went to the API only, and the
  // proxy's credentials to the proxy only.
  const apiHeaders = api.stats.requests.map((request) => request.headers);
  assert.ok(apiHeaders.every((headers) => /tinyproxy/.test(String(headers.via)) && headers.authorization === `Bearer ${DEMO_TOKEN}`));
  assert.ok(api.stats.downloadHeaders.length > 0 && api.stats.downloadHeaders.every((headers) => /tinyproxy/.test(String(headers.via))));
  const imageHostSaw = JSON.stringify(api.stats.downloadHeaders);
  assert.ok(!/authorization/i.test(imageHostSaw) && !imageHostSaw.includes(DEMO_TOKEN), imageHostSaw);
  assert.ok(!JSON.stringify(apiHeaders).includes(AUTHORIZATION), 'the API never sees the proxy credentials');
  assert.ok(!session().outputLog().includes(AUTHORIZATION), 'nor does the log');
});

test('[fault:proxy-down] http.proxy set to a proxy that is not running: the error names the proxy, nothing is submitted', async () => {
  const { vscode, api, listFiles } = session();
  await proxy.stop();
  const filesBefore = listFiles();
  await generate('a lighthouse with the proxy down');
  const failed = await vscode.waitForNotification(/Could not connect to the proxy/);
  const message = await failed.message();
  assert.ok(message.includes(`Could not connect to the proxy ${proxy.url} (http.proxy): connect ECONNREFUSED`), message);
  assert.match(message, /Nothing was sent to the service/);
  assert.doesNotMatch(message, /unavailable|may have accepted/);
  assert.equal(api.stats.imagesRequests, 0, 'no submit reached the stand-in');
  assert.equal(api.stats.submits, 0);
  assert.deepEqual(listFiles(), filesBefore);
});

test('http.noProxy holding 127.0.0.1: the job goes straight to the stand-in and the proxy\'s log shows nothing of it', async () => {
  const { vscode, api } = session();
  // The proxy back where the settings point, with a fresh log.
  proxy = await startTinyproxy({ port: proxy.port, basicAuth: CREDENTIALS });
  changeUserSettings({ 'http.noProxy': ['127.0.0.1'] });
  // A fresh extension host reads the settings as written; a running one would learn of them a moment later.
  await vscode.reloadWindow();

  await generate('a lighthouse past the proxy');
  await session().waitForFile('assets/generated/a-lighthouse-past-the-proxy.png');
  assert.deepEqual(await standInRequests(), []);
  assert.ok(api.stats.requests.length > 0 && api.stats.requests.every((request) => request.headers.via === undefined));
  assert.equal(api.stats.submits, 1);
});
