// The real connection (client, poller, downloads) through a real forward proxy, tinyproxy, to the
// stand-in on loopback: what goes through the proxy, what bypasses it, where the proxy's credentials
// and the token go, and what a user is told when the proxy is down (nothing is resubmitted).
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openConnection, type ApiConnection, type ProxyOptions } from '../../src/api/connection';
import { neverReachedServer } from '../../src/api/http';
import { apiError, removeDir, scratchDir, TEST_BACKOFF, useClientEnv } from './helpers/clientEnv';
import { freePort, startTinyproxy, tinyproxyMissing, type Tinyproxy } from '../support/tinyproxy';

const env = useClientEnv();
const generate = { action: 'generate', prompt: 'a lighthouse at dusk' } as const;
const CREDENTIALS = { user: 'proxy-user', password: 'proxy-secret-42' };
const BASIC = `Basic ${Buffer.from(`${CREDENTIALS.user}:${CREDENTIALS.password}`).toString('base64')}`;

let proxy: Tinyproxy | undefined;
let connection: ApiConnection | undefined;
let dir: string | undefined;

beforeEach(async () => {
  dir = await scratchDir();
});
afterEach(async () => {
  await connection?.close();
  await proxy?.stop();
  await removeDir(dir);
  connection = proxy = dir = undefined;
});

/** The connection as the extension opens it; no developer's proxy variables unless a test gives some. */
function connect(options: ProxyOptions, baseUrl = env.mock.url): ApiConnection {
  connection = openConnection({
    baseUrl,
    token: env.mock.token,
    timeouts: { connectMs: 2_000, headersMs: 10_000, bodyMs: 10_000 },
    proxy: { environment: {}, ...options },
    pollIntervalMs: 100,
    log: (line) => env.log.push(line),
  });
  return connection;
}

/** A generate job from submit to saved file; returns the image's URL. */
async function runJob(api: ApiConnection): Promise<string> {
  const { taskId } = await api.client.submit(generate);
  const finished = await api.poller.wait(taskId);
  assert.equal(finished.state.state, 'succeeded');
  const url = finished.state.state === 'succeeded' ? finished.state.imageUrls[0]! : '';
  const saved = await api.download(url, { directory: dir!, baseName: 'lighthouse', backoff: TEST_BACKOFF });
  assert.equal(saved.type.extension, 'png');
  return url;
}

/** The request lines a proxy forwards for one job: the submit, at least one lookup, the image. */
function assertJobWentThrough(requests: string[], imageUrl: string): void {
  assert.ok(requests.includes(`POST ${env.mock.url}/nano-banana/images HTTP/1.1`), `submit missing from ${JSON.stringify(requests)}`);
  assert.ok(requests.includes(`POST ${env.mock.url}/nano-banana/tasks HTTP/1.1`), `lookup missing from ${JSON.stringify(requests)}`);
  assert.ok(requests.includes(`GET ${imageUrl} HTTP/1.1`), `image download missing from ${JSON.stringify(requests)}`);
}

const via = (headers: Record<string, unknown>) => String(headers.via ?? '');

describe('through a forward proxy', { skip: tinyproxyMissing }, () => {
  test('[fault:proxy-used] http.proxy set: submit, lookups and the image download all go through the proxy; the token only to the API', async () => {
    proxy = await startTinyproxy();
    const imageUrl = await runJob(connect({ url: proxy.url }));
    assertJobWentThrough(await proxy.requests(), imageUrl);
    // The stand-in saw every request arrive from the proxy, not straight from the client.
    const { requests, downloadHeaders } = env.mock.stats;
    assert.ok(requests.length >= 2 && requests.every((request) => /tinyproxy/.test(via(request.headers))));
    assert.ok(requests.every((request) => request.headers.authorization === `Bearer ${env.mock.token}`));
    assert.equal(downloadHeaders.length, 1);
    assert.match(via(downloadHeaders[0]!), /tinyproxy/);
    assert.equal(downloadHeaders[0]!.authorization, undefined);
    assert.ok(!JSON.stringify(downloadHeaders).includes(env.mock.token), 'the image host never sees the token');
    assert.equal(env.mock.stats.submits, 1);
  });

  test('[fault:proxy-used] http.proxyAuthorization is what a proxy that demands credentials gets; neither host ever sees it', async () => {
    proxy = await startTinyproxy({ basicAuth: CREDENTIALS });
    await assert.rejects(
      connect({ url: proxy.url }).client.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'proxy');
        assert.match(error.message, /^The proxy http:\/\/127\.0\.0\.1:\d+ \(http\.proxy\) asks for credentials \(HTTP 407\).*http\.proxyAuthorization/);
      }),
    );
    assert.equal(env.mock.stats.imagesRequests, 0, 'the proxy passed nothing on');
    await connection!.close();

    const imageUrl = await runJob(connect({ url: proxy.url, authorization: BASIC }));
    assertJobWentThrough(await proxy.requests(), imageUrl);
    const seen = JSON.stringify([env.mock.stats.requests.map((request) => request.headers), env.mock.stats.downloadHeaders]);
    assert.ok(!/proxy-authorization/i.test(seen) && !seen.includes(BASIC), 'the proxy credentials stayed with the proxy');
  });

  test('[fault:proxy-down] http.proxy set to a proxy that is not running: the error names the proxy (without its credentials), nothing is resubmitted', async () => {
    const down = `http://${CREDENTIALS.user}:${CREDENTIALS.password}@127.0.0.1:${await freePort()}`;
    const api = connect({ url: down });
    await assert.rejects(
      api.client.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'proxy');
        assert.match(error.message, /^Could not connect to the proxy http:\/\/127\.0\.0\.1:\d+ \(http\.proxy\): connect ECONNREFUSED .*Nothing was sent to the service/);
        assert.ok(!error.message.includes(CREDENTIALS.password) && !error.message.includes(CREDENTIALS.user), error.message);
        assert.doesNotMatch(error.message, /unavailable|may have accepted/);
        assert.equal(neverReachedServer(error), false, 'a proxy that is down is not a reason to send a paid request again');
      }),
    );
    assert.equal(env.mock.stats.imagesRequests, 0);
    assert.equal(env.mock.stats.submits, 0);
    assert.deepEqual(env.log.filter((line) => line.startsWith('submit')), [], 'no resubmission was attempted');

    // Downloads (free) are retried, then fail the same way.
    await assert.rejects(
      api.download(`${env.mock.imageHostUrl}/nanobanana/${'0'.repeat(64)}.png`, { directory: dir!, baseName: 'x', backoff: TEST_BACKOFF }),
      apiError((error) => assert.match(error.message, /^Could not connect to the proxy http:\/\/127\.0\.0\.1:\d+ \(http\.proxy\)/)),
    );
    assert.equal(env.mock.stats.downloads, 0);
  });

  test('credentials in the proxy URL are sent to the proxy as well', async () => {
    proxy = await startTinyproxy({ basicAuth: CREDENTIALS });
    const imageUrl = await runJob(connect({ url: proxy.url.replace('//', `//${CREDENTIALS.user}:${CREDENTIALS.password}@`) }));
    assertJobWentThrough(await proxy.requests(), imageUrl);
  });

  test('http.noProxy holding 127.0.0.1: the job runs straight to the stand-in, the proxy sees nothing', async () => {
    proxy = await startTinyproxy();
    await runJob(connect({ url: proxy.url, noProxy: ['example.com', '127.0.0.1'] }));
    assert.deepEqual(await proxy.requests(), []);
    assert.ok(env.mock.stats.requests.every((request) => via(request.headers) === ''));
    assert.equal(env.mock.stats.submits, 1);
  });

  test('http.noProxy naming only the image host\'s port: the API goes through the proxy, the download does not', async () => {
    proxy = await startTinyproxy();
    const imagePort = new URL(env.mock.imageHostUrl).port;
    await runJob(connect({ url: proxy.url, noProxy: [`127.0.0.1:${imagePort}`] }));
    const requests = await proxy.requests();
    assert.ok(requests.length >= 2 && requests.every((line) => line.includes(env.mock.url)), JSON.stringify(requests));
    assert.equal(via(env.mock.stats.downloadHeaders[0]!), '');
  });

  test('http.proxy empty: HTTP_PROXY is used, NO_PROXY honoured, and a proxy that is down is named by its variable', async () => {
    proxy = await startTinyproxy();
    const imageUrl = await runJob(connect({ environment: { HTTP_PROXY: proxy.url } }));
    assertJobWentThrough(await proxy.requests(), imageUrl);
    await connection!.close();

    const before = (await proxy.requests()).length;
    await runJob(connect({ environment: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } }));
    assert.equal((await proxy.requests()).length, before, 'NO_PROXY bypassed the proxy');
    await connection!.close();

    env.mock.reset();
    const down = `127.0.0.1:${await freePort()}`;
    await assert.rejects(
      connect({ environment: { http_proxy: down, HTTP_PROXY: proxy.url } }).client.submit(generate),
      apiError((error) => assert.match(error.message, new RegExp(`^Could not connect to the proxy http://${down} \\(http_proxy\\)`))),
    );
    assert.equal(env.mock.stats.imagesRequests, 0);
  });

  test('http.proxy set: the variables are not consulted, not even NO_PROXY', async () => {
    proxy = await startTinyproxy();
    const imageUrl = await runJob(connect({ url: proxy.url, environment: { HTTP_PROXY: `http://127.0.0.1:${await freePort()}`, NO_PROXY: '*' } }));
    assertJobWentThrough(await proxy.requests(), imageUrl);
  });

  test('an https address the proxy cannot tunnel to: the error names the proxy, nothing is resubmitted', async () => {
    proxy = await startTinyproxy();
    const unreachable = connect({ url: proxy.url }, `https://127.0.0.1:${await freePort()}`).client;
    await assert.rejects(
      unreachable.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'proxy');
        assert.match(error.message, /^The proxy http:\/\/127\.0\.0\.1:\d+ \(http\.proxy\) did not forward the request: .*Nothing was sent/);
      }),
    );
    assert.equal((await proxy.requests()).filter((line) => line.startsWith('CONNECT ')).length, 1);
  });
});
