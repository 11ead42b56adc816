// Issue 22, point 3: no secret in the log. The real API session registers what it must hide when it opens
// a connection from the settings and the proxy variables, and every line goes through the real Log;
// only the Output channel underneath is in memory (test/support/vscodeInMemory.ts), so what it recorded
// is exactly what a user would see and paste into a bug report.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startMockApi, type MockApi } from '../mock-api';
import { logged, userSettings, useInMemoryVscode } from '../support/vscodeInMemory';

useInMemoryVscode();

const token = `sk-${randomUUID()}`;
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;
/** Each way a proxy and its credentials can be given, and the secrets each one holds. */
const PROXIES = {
  'scheme://user:pass@host, the password percent-encoded': { url: 'http://alice:Pr0xy%40Secret@proxy.corp:3128', secrets: ['Pr0xy%40Secret', 'Pr0xy@Secret'] },
  'a password holding a raw @': { url: 'http://bob:hunter@22-raw@proxy.corp:3128', secrets: ['hunter@22-raw'] },
  'no scheme': { url: 'carol:n0-scheme-pass@proxy.corp:3128', secrets: ['n0-scheme-pass'] },
};
const ENVIRONMENT = {
  HTTPS_PROXY: { url: 'http://dave:env-https-pass@proxy.corp:3128', secrets: ['env-https-pass'] },
  HTTP_PROXY: { url: 'erin:env-http-pass@proxy.corp:8080', secrets: ['env-http-pass'] },
};
const AUTHORIZATION = { value: basic('frank:auth-header-pass'), secrets: [basic('frank:auth-header-pass'), 'auth-header-pass'] };
const PRESIGNED = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20250101&X-Amz-Signature=5f1e0c0ffee';

let mock: MockApi;
let scratch: string;
let modules: { session: typeof import('../../src/services/apiSession'); log: typeof import('../../src/services/log') };

before(async () => {
  mock = await startMockApi({ port: 0, token, knobs: { generationDelayMs: 20 } });
  scratch = await mkdtemp(join(tmpdir(), 'nano-banana-redaction-'));
  userSettings.nanoBanana = { apiBaseUrl: mock.url };
  Object.assign(process.env, Object.fromEntries(Object.entries(ENVIRONMENT).map(([name, { url }]) => [name, url])));
  modules = { session: await import('../../src/services/apiSession'), log: await import('../../src/services/log') };
});
after(async () => {
  await mock?.close();
  await rm(scratch, { recursive: true, force: true });
});

test('[security:secrets-redacted] the token, proxy credentials in every form they can be given, and presigned URLs never reach the log', async () => {
  const { session: { ApiSession }, log: { Log } } = modules;
  const log = new Log();
  const session = new ApiSession(log);
  const secrets = [token, ...Object.values(PROXIES).flatMap((proxy) => proxy.secrets), ...Object.values(ENVIRONMENT).flatMap((proxy) => proxy.secrets), ...AUTHORIZATION.secrets, 'X-Amz-Signature', '5f1e0c0ffee'];

  // One connection per proxy setting, as when the user changes http.proxy; the stand-in itself is reached directly.
  for (const [form, proxy] of Object.entries(PROXIES)) {
    userSettings.http = { proxy: proxy.url, noProxy: ['127.0.0.1'], proxyAuthorization: AUTHORIZATION.value };
    await session.use(token, async (api) => {
      // What a failing proxy, a debugging line or an error dump could carry.
      log.info(`${form}: proxy ${proxy.url} answered 502 for ${proxy.secrets.join(' and ')}`);
      log.warn(`request headers {"authorization":"Bearer ${token}","proxy-authorization":"${AUTHORIZATION.value}"} token=${token}`);
      log.error('the proxy refused', Object.assign(new Error(`tunnel through ${proxy.url} failed`), { cause: { code: 'ECONNRESET', message: `as ${AUTHORIZATION.value.slice(6)} = frank:auth-header-pass` } }));
      log.info(`environment: HTTPS_PROXY=${ENVIRONMENT.HTTPS_PROXY.url} HTTP_PROXY=${ENVIRONMENT.HTTP_PROXY.url}`);
      const { taskId } = await api.client.submit({ action: 'generate', prompt: 'a locked door' });
      const finished = await api.poller.wait(taskId);
      const imageUrl = finished.state.state === 'succeeded' ? finished.state.imageUrls[0]! : '';
      // The real download path: a presigned address that breaks once is retried, the retry logged as the engine logs it.
      log.info(`fetching ${imageUrl}?${PRESIGNED}`);
      mock.knobs.resetNextDownloads = 1;
      await api.download(`${imageUrl}?${PRESIGNED}`, { directory: scratch, baseName: 'door', log: (line) => log.warn(line), backoff: { attempts: 2, baseMs: 1, maxMs: 1 } });
      await api.download(`${mock.imageHostUrl}/nanobanana/${'0'.repeat(64)}.png?${PRESIGNED}`, { directory: scratch, baseName: 'gone' }).catch((error: unknown) => log.error('The job failed', error));
    });
  }
  session.dispose();

  const text = logged.join('\n');
  for (const secret of secrets) assert.ok(!text.includes(secret), `"${secret}" reached the log:\n${text}`);
  // What is left is still useful: the proxies' hosts and the images' paths.
  assert.match(text, /proxy\.corp:3128/);
  assert.match(text, /fetching http:\/\/127\.0\.0\.1:\d+\/nanobanana\/\w+\.png\?\[redacted\]$/m);
  assert.match(text, /download of http:\/\/127\.0\.0\.1:\d+\/nanobanana\/\w+\.png failed \(\w+\); retrying/);
  assert.match(text, /The image host answered HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/nanobanana\/0{64}\.png\./);
});
