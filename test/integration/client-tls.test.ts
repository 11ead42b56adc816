// Certificates (issue 22, point 4): the stand-in behind HTTPS with a self-signed certificate made at test
// time. `http.proxyStrictSSL: false` concerns the proxy's own certificate only: the API's is checked
// whatever it says, a refusal names the host, the reason and what fixes it, and NODE_EXTRA_CA_CERTS (read
// when a process starts, hence a child process) is what makes such a certificate trusted.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openConnection, type ApiConnection, type ProxyOptions } from '../../src/api/connection';
import { apiError, useClientEnv } from './helpers/clientEnv';
import { selfSignedCertificate, startTlsFront, type SelfSignedCertificate, type TlsFront } from '../support/tlsFront';
import { startTinyproxy, tinyproxyMissing, type Tinyproxy } from '../support/tinyproxy';

const env = useClientEnv();
const generate = { action: 'generate', prompt: 'a lighthouse at dusk' } as const;

let certificate: SelfSignedCertificate;
let httpsApi: TlsFront;
let proxy: Tinyproxy | undefined;
let connection: ApiConnection | undefined;

/** This machine's own NODE_EXTRA_CA_CERTS, if any: Node read it at startup; the messages read it again. */
const machineExtraCertificates = process.env.NODE_EXTRA_CA_CERTS;

before(async () => {
  certificate = selfSignedCertificate();
  // So that the advice is the one for a machine without it, whatever the developer's or CI's environment.
  delete process.env.NODE_EXTRA_CA_CERTS;
});
after(() => {
  certificate?.remove();
  if (machineExtraCertificates !== undefined) process.env.NODE_EXTRA_CA_CERTS = machineExtraCertificates;
});
beforeEach(async () => {
  httpsApi = await startTlsFront(certificate, Number(new URL(env.mock.url).port));
});
afterEach(async () => {
  await connection?.close();
  await proxy?.stop();
  await httpsApi.close();
  connection = proxy = undefined;
});

function connect(baseUrl: string, proxyOptions: ProxyOptions = {}): ApiConnection {
  connection = openConnection({
    baseUrl,
    token: env.mock.token,
    timeouts: { connectMs: 2_000, headersMs: 10_000, bodyMs: 10_000 },
    proxy: { environment: {}, ...proxyOptions },
    log: (line) => env.log.push(line),
  });
  return connection;
}

/** The refusal of the self-signed API, as a user must read it. */
function refusedApiCertificate(error: { code?: string; message?: string }): void {
  assert.equal(error.code, 'certificate');
  assert.match(error.message ?? '', new RegExp(`^The certificate of 127\\.0\\.0\\.1:${httpsApi.port} was refused: it is not signed by an authority this computer trusts \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)\\. Nothing was sent to it\\.`));
  assert.match(error.message ?? '', /set the environment variable NODE_EXTRA_CA_CERTS to a PEM file holding its root certificate/);
  assert.match(error.message ?? '', /"http\.proxyStrictSSL" does not turn this check off/);
}

/** One submit by a fresh process started with `environment`, as the extension host would be. */
async function submitInChildProcess(proxyOptions: ProxyOptions, environment: Record<string, string>): Promise<{ taskId?: string; code?: string; message?: string }> {
  const request = JSON.stringify({ baseUrl: httpsApi.url, token: env.mock.token, proxy: proxyOptions });
  const script = join(__dirname, 'helpers', 'submitOnce.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, request], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '', ...environment },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('through a forward proxy', { skip: tinyproxyMissing }, () => {
  test('[security:api-certificate-checked] http.proxyStrictSSL false: the self-signed API is still refused, naming host, reason and NODE_EXTRA_CA_CERTS; the token never left', async () => {
    proxy = await startTinyproxy();
    await assert.rejects(connect(httpsApi.url, { url: proxy.url, strictSSL: false }).client.submit(generate), apiError(refusedApiCertificate));
    assert.ok((await proxy.requests()).includes(`CONNECT 127.0.0.1:${httpsApi.port} HTTP/1.1`), 'the request went through the proxy');
    assert.equal(httpsApi.handshakes, 0, 'no TLS session was completed with the API');
    assert.equal(env.mock.stats.imagesRequests, 0);
    assert.deepEqual(env.log.filter((line) => line.startsWith('submit')), [], 'a refused certificate is not retried');
  });

  test('[security:extra-ca-certs] NODE_EXTRA_CA_CERTS naming the certificate: the same API through the same proxy is accepted', async () => {
    proxy = await startTinyproxy();
    const proxyOptions = { url: proxy.url, strictSSL: false };
    refusedApiCertificate(await submitInChildProcess(proxyOptions, {}));
    // Set, but to a file without this root: the message says so rather than advising to set it.
    const other = selfSignedCertificate();
    try {
      const wrongFile = await submitInChildProcess(proxyOptions, { NODE_EXTRA_CA_CERTS: other.certFile });
      assert.equal(wrongFile.code, 'certificate');
      assert.ok(wrongFile.message?.includes(`NODE_EXTRA_CA_CERTS (${other.certFile}) does not hold the root certificate that signed it`), wrongFile.message);
    } finally {
      other.remove();
    }
    assert.equal(env.mock.stats.submits, 0);

    const trusted = await submitInChildProcess(proxyOptions, { NODE_EXTRA_CA_CERTS: certificate.certFile });
    assert.match(trusted.taskId ?? '', /^[\w-]{8,}$/, JSON.stringify(trusted));
    assert.equal(env.mock.stats.submits, 1);
    assert.ok(httpsApi.handshakes >= 1);
  });

  test('[security:proxy-strict-ssl] an https:// proxy with a self-signed certificate: refused by default, naming the proxy and http.proxyStrictSSL; accepted with it false', async () => {
    proxy = await startTinyproxy();
    const httpsProxy = await startTlsFront(certificate, proxy.port);
    try {
      await assert.rejects(
        connect(env.mock.url, { url: httpsProxy.url }).client.submit(generate),
        apiError((error) => {
          assert.equal(error.code, 'certificate');
          assert.match(error.message ?? '', new RegExp(`^The certificate of the proxy https://127\\.0\\.0\\.1:${httpsProxy.port} \\(http\\.proxy\\) was refused: it is not signed by an authority this computer trusts \\(DEPTH_ZERO_SELF_SIGNED_CERT\\)\\. Nothing was sent to the service\\. Set "http\\.proxyStrictSSL" to false`));
        }),
      );
      assert.equal(env.mock.stats.imagesRequests, 0);
      await connection!.close();

      const { taskId } = await connect(env.mock.url, { url: httpsProxy.url, strictSSL: false }).client.submit(generate);
      assert.ok(taskId);
      assert.ok((await proxy.requests()).some((line) => line.startsWith(`CONNECT 127.0.0.1:${new URL(env.mock.url).port}`)), 'it went through the proxy');
      assert.equal(env.mock.stats.submits, 1);
    } finally {
      await httpsProxy.close();
    }
  });
});

test('[security:api-certificate-checked] without a proxy: the self-signed API is refused the same way, and so is an image host', async () => {
  const api = connect(httpsApi.url, { strictSSL: false });
  await assert.rejects(api.client.submit(generate), apiError(refusedApiCertificate));
  await assert.rejects(
    api.download(`${httpsApi.url}/nanobanana/${'0'.repeat(64)}.png`, { directory: '/nonexistent', baseName: 'x' }),
    apiError(refusedApiCertificate),
  );
  assert.equal(env.mock.stats.imagesRequests + env.mock.stats.downloads, 0);
});
