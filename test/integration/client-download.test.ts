// Saving results against the stand-in's image host: broken transfers are retried, cancelled or refused
// ones leave nothing behind (no partial file, no hidden .part file), and no name is ever overwritten.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Agent } from 'undici';
import { downloadImage, type DownloadOptions } from '../../src/api/download';
import { ApiError } from '../../src/api/errors';
import { apiError, listDir, removeDir, scratchDir, TEST_BACKOFF, until, useClientEnv } from './helpers/clientEnv';
import { makePng, readPng } from './helpers/images';
import { selfSignedCertificate, startTlsFront } from '../support/tlsFront';

const env = useClientEnv();
let dir: string;

beforeEach(async () => {
  dir = await scratchDir();
});
afterEach(async () => removeDir(dir));

/** A finished result on the stand-in's image host; the generation itself is not under test here. */
async function resultUrl(prompt = 'a quiet harbour'): Promise<string> {
  const { taskId } = await env.client.submit({ action: 'generate', prompt, aspect_ratio: '1:1' });
  const finished = await env.poller.wait(taskId);
  assert.equal(finished.state.state, 'succeeded');
  return finished.state.state === 'succeeded' ? finished.state.imageUrls[0]! : '';
}

function save(url: string, options: Partial<DownloadOptions> = {}) {
  return downloadImage(url, { dispatcher: env.dispatcher, apiBaseUrl: env.mock.url, directory: dir, baseName: 'x', backoff: TEST_BACKOFF, ...options });
}

function rejectsWith(code: string) {
  return apiError((error) => assert.equal(error.code, code));
}

describe('broken transfers', () => {
  const caseIds = { truncateNextDownloads: 'fault:download-truncated', resetNextDownloads: 'fault:download-reset' } as const;
  for (const fault of ['truncateNextDownloads', 'resetNextDownloads'] as const) {
    test(`[${caseIds[fault]}] ${fault}: retried, then saved complete; no .part file left`, async () => {
      const url = await resultUrl();
      const baseline = env.mock.stats.downloads;
      env.mock.knobs[fault] = 2;
      const log: string[] = [];
      const saved = await save(url, { log: (line) => log.push(line) });
      assert.equal(env.mock.stats.downloads - baseline, 3);
      assert.equal(log.length, 2);
      assert.deepEqual(await listDir(dir), ['x.png']);
      const bytes = await readFile(saved.path);
      assert.equal(bytes.length, saved.bytes);
      const png = readPng(bytes);
      assert.deepEqual([png.width, png.height], [1024, 1024]);
      assert.equal(png.idat.length, 1024 * (1024 * 3 + 1), 'the whole image arrived');
    });
  }

  test('broken on every attempt: an error, and no file at all', async () => {
    const url = await resultUrl();
    env.mock.knobs.truncateNextDownloads = TEST_BACKOFF.attempts;
    await assert.rejects(save(url), (error: unknown) => error instanceof ApiError && ['network', 'truncated'].includes(error.code));
    assert.deepEqual(await listDir(dir), []);
  });

  test('an image the host does not have (404): download_failed, not retried, no file', async () => {
    const url = `${env.mock.imageHostUrl}/nanobanana/${'0'.repeat(64)}.png`;
    await assert.rejects(save(url), (error: unknown) => rejectsWith('download_failed')(error) && (error as ApiError).status === 404);
    assert.equal(env.mock.stats.downloads, 1);
    assert.deepEqual(await listDir(dir), []);
  });
});

describe('refused downloads', () => {
  test('[security:download-size-cap] larger than maxBytes: too_large, not retried, no file', async () => {
    const url = await resultUrl();
    await assert.rejects(save(url, { maxBytes: 1_000 }), rejectsWith('too_large'));
    assert.equal(env.mock.stats.downloads, 1);
    assert.deepEqual(await listDir(dir), []);
  });

  for (const url of ['file:///etc/passwd', 'ftp://cdn.acedata.cloud/a.png', 'data:image/png;base64,iVBORw0KGgo=', 'javascript:alert(1)', 'not a url']) {
    test(`[security:non-http-image-url] a non-http image address is refused: ${url}`, async () => {
      await assert.rejects(save(url), rejectsWith('unsupported_url'));
      assert.equal(env.mock.stats.downloads, 0);
      assert.deepEqual(await listDir(dir), []);
    });
  }
});

describe('redirects', () => {
  let redirector: Server;
  let base: string;
  let target = '';
  const seen: Array<string | undefined> = [];

  before(async () => {
    // A stand-in for a CDN edge that sends clients on to the real file.
    redirector = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(302, { location: req.url === '/bad' ? 'file:///etc/passwd' : target }).end('moved');
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  });
  after(async () => {
    redirector.closeAllConnections();
    await new Promise((resolve) => redirector.close(resolve));
  });

  test('a redirect to the image host is followed', async () => {
    target = await resultUrl();
    const saved = await save(`${base}/good`);
    assert.equal(saved.fileName, 'x.png');
    assert.equal(env.mock.stats.downloads, 1);
    assert.equal(env.mock.stats.downloadHeaders[0]!.authorization, undefined);
    assert.deepEqual(seen, [undefined]);
  });

  test('[security:non-http-image-url] a redirect to a non-http address is refused', async () => {
    await assert.rejects(save(`${base}/bad`), rejectsWith('unsupported_url'));
    assert.deepEqual(await listDir(dir), []);
  });
});

describe('redirects that lead where a download must not go (issue 22, point 5)', () => {
  let chain: Server;
  let chainBase: string;
  let chainRequests = 0;
  /** A host on another loopback address, standing in for an internal one: it must never be reached. */
  let internal: Server;
  let internalPort: number;
  let internalRequests = 0;
  let target = '';
  const resolved: string[] = [];
  /** A public-looking API address, so internal addresses are refused; its resolver never leaves the process. */
  const publicApi = {
    apiBaseUrl: 'https://api.acedata.cloud',
    resolveHost: async (host: string) => {
      resolved.push(host);
      return { 'api.acedata.cloud': ['203.0.113.10'], 'images.example': ['10.20.30.40'] }[host] ?? Promise.reject(new Error(`ENOTFOUND ${host}`));
    },
  };

  before(async () => {
    // `/hops/N`: N more redirects, then the image; `/to?url`: one redirect to `url`.
    chain = createServer((req, res) => {
      chainRequests++;
      const url = new URL(req.url ?? '/', 'http://host');
      const hops = /^\/hops\/(\d+)$/.exec(url.pathname);
      const location = hops ? (Number(hops[1]) > 0 ? `/hops/${Number(hops[1]) - 1}` : target) : url.searchParams.get('url')!;
      res.writeHead(302, { location }).end();
    });
    internal = createServer((_req, res) => {
      internalRequests++;
      res.writeHead(200, { 'content-type': 'image/png' }).end(makePng(8, 8));
    });
    await new Promise<void>((resolve) => chain.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.2', resolve));
    chainBase = `http://127.0.0.1:${(chain.address() as AddressInfo).port}`;
    internalPort = (internal.address() as AddressInfo).port;
  });
  beforeEach(() => {
    chainRequests = internalRequests = 0;
    resolved.length = 0;
  });
  after(async () => {
    for (const server of [chain, internal]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  const to = (url: string) => `${chainBase}/to?url=${encodeURIComponent(url)}`;

  test('[security:download-redirects] five redirects are followed; a sixth is refused before it is requested', async () => {
    target = await resultUrl();
    assert.equal((await save(`${chainBase}/hops/4`)).fileName, 'x.png');
    assert.equal(chainRequests, 5);
    chainRequests = 0;
    await assert.rejects(save(`${chainBase}/hops/5`, { backoff: { attempts: 1, baseMs: 1, maxMs: 1 } }), apiError((error) => {
      assert.equal(error.code, 'download_failed');
      assert.match(error.message, /redirected more than 5 times/);
    }));
    assert.equal(chainRequests, 6);
    assert.equal(env.mock.stats.downloads, 1, 'only the first download reached the image');
  });

  test('[security:download-redirects] with a public API address, a redirect to another loopback address, localhost or a name resolving to a private one is refused before any connection', async () => {
    for (const url of [`http://127.0.0.2:${internalPort}/x.png`, `http://localhost:${internalPort}/x.png`, `http://images.example:${internalPort}/x.png`]) {
      await assert.rejects(save(to(url), publicApi), apiError((error) => {
        assert.equal(error.code, 'unsupported_url');
        assert.match(error.message, /, a loopback, private or link-local address; downloads go to such addresses only when the API address is one\.$/);
      }), url);
    }
    assert.equal(internalRequests, 0, 'the internal host was never contacted');
    assert.deepEqual([...new Set(resolved)].sort(), ['api.acedata.cloud', 'images.example', 'localhost']);
    assert.deepEqual(await listDir(dir), []);
  });

  test('[security:download-redirects] with the API itself on loopback (the stand-in), the same redirect is followed', async () => {
    const saved = await save(to(`http://127.0.0.2:${internalPort}/x.png`));
    assert.equal(saved.fileName, 'x.png');
    assert.equal(internalRequests, 1);
  });

  test('[security:download-redirects] from https to http: refused before the http host is contacted', async () => {
    const certificate = selfSignedCertificate();
    const secure = await startTlsFront(certificate, Number(new URL(chainBase).port));
    // The downloader under test, over an agent that trusts the test certificate.
    const trusting = new Agent({ connect: { ca: certificate.cert } });
    try {
      await assert.rejects(save(`${secure.url}/to?url=${encodeURIComponent(`http://127.0.0.2:${internalPort}/x.png`)}`, { dispatcher: trusting }), apiError((error) => {
        assert.equal(error.code, 'unsupported_url');
        assert.equal(error.message, `The image address ${secure.url}/to redirected from https to http://127.0.0.2:${internalPort}/x.png; a download never gives up https.`);
      }));
      assert.equal(secure.handshakes, 1, 'the https host was asked');
      assert.equal(internalRequests, 0, 'the http host never was');
    } finally {
      await trusting.close();
      await secure.close();
      certificate.remove();
    }
  });
});

describe('a host that streams without Content-Length', () => {
  let host: Server;
  let base: string;

  before(async () => {
    // Chunked answers: the size cap and the type check must work on the stream itself.
    host = createServer((req, res) => {
      const type = req.url === '/page' ? 'text/html' : req.url === '/drawing.svg' ? 'image/svg+xml' : 'image/png';
      res.writeHead(200, { 'content-type': type });
      if (req.url === '/page') {
        res.end('<html><body>Sign in to continue</body></html>'.repeat(50));
      } else if (req.url === '/drawing.svg') {
        // An SVG is a document that can carry script: it must never be saved as a result.
        res.end(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>alert(1)</script>${'<rect width="1" height="1"/>'.repeat(200)}</svg>`);
      } else {
        res.write(makePng(64, 64, () => [1, 2, 3]).subarray(0, 100));
        res.end(Buffer.alloc(50_000, 7));
      }
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  after(async () => {
    host.closeAllConnections();
    await new Promise((resolve) => host.close(resolve));
  });

  test('[security:download-size-cap] the size cap stops the stream: too_large, no file', async () => {
    await assert.rejects(save(`${base}/big.png`, { maxBytes: 10_000 }), rejectsWith('too_large'));
    assert.deepEqual(await listDir(dir), []);
  });

  test('a page that is not an image (a login portal, say): not_an_image, no file', async () => {
    await assert.rejects(save(`${base}/page`), rejectsWith('not_an_image'));
    assert.deepEqual(await listDir(dir), []);
  });

  test('[security:svg-not-rendered] an SVG result, even served as image/svg+xml: not_an_image, no file', async () => {
    await assert.rejects(save(`${base}/drawing.svg`), rejectsWith('not_an_image'));
    assert.deepEqual(await listDir(dir), []);
  });
});

describe('cancellation', () => {
  test('while a slow download runs: cancelled, and the directory holds no file at all', async () => {
    env.mock.knobs.noise = true;
    const url = await resultUrl('noise to make it big');
    env.mock.knobs.downloadBytesPerSecond = 100_000;
    const controller = new AbortController();
    const download = save(url, { signal: controller.signal });
    download.catch(() => undefined);
    // The transfer is under way once its hidden temporary file exists.
    assert.ok(await until(async () => (await listDir(dir)).some((name) => name.endsWith('.part'))), 'the download started');
    controller.abort();
    await assert.rejects(download, rejectsWith('cancelled'));
    assert.deepEqual(await listDir(dir), []);
    assert.equal(env.mock.stats.downloads, 1, 'a cancelled download is not retried');
  });

  test('already cancelled: nothing is fetched', async () => {
    const url = await resultUrl();
    await assert.rejects(save(url, { signal: AbortSignal.abort() }), rejectsWith('cancelled'));
    assert.equal(env.mock.stats.downloads, 0);
    assert.deepEqual(await listDir(dir), []);
  });
});

describe('names', () => {
  test('an existing file is never overwritten', async () => {
    const url = await resultUrl();
    await writeFile(join(dir, 'x.png'), 'mine');
    const saved = await save(url);
    assert.equal(saved.fileName, 'x-2.png');
    assert.equal(await readFile(join(dir, 'x.png'), 'utf8'), 'mine');
    assert.deepEqual(await listDir(dir), ['x-2.png', 'x.png']);
  });

  test('a file of another type with the same base name is no clash', async () => {
    const url = await resultUrl();
    await writeFile(join(dir, 'x.jpg'), 'other');
    assert.equal((await save(url)).fileName, 'x.png');
  });
});
