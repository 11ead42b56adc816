// The real client, poller and downloader over loopback against the stand-in: the paths that work.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { decode as decodeJpeg } from 'jpeg-js';
import type { NanoBananaClient } from '../../src/api/client';
import { downloadImage } from '../../src/api/download';
import { TaskPoller } from '../../src/api/poller';
import type { TaskRecord } from '../../src/api/schemas';
import { imageDataUri } from '../../src/core/dataUri';
import { listDir, removeDir, scratchDir, TEST_BACKOFF, useClientEnv, type ClientEnv } from './helpers/clientEnv';
import { makePng, pngPixels, readPng } from './helpers/images';

const env = useClientEnv();
let dir: string;

beforeEach(async () => {
  dir = await scratchDir();
});
afterEach(async () => removeDir(dir));

/** A poller like the env's whose lookups are recorded: per task id, the record each lookup answered (undefined: absent). */
function recordingPoller() {
  const snapshots = new Map<string, Array<TaskRecord | undefined>>();
  const client = {
    async retrieveBatch(ids: readonly string[], signal?: AbortSignal): Promise<TaskRecord[]> {
      const records = await env.client.retrieveBatch(ids, signal);
      for (const id of ids) snapshots.set(id, [...(snapshots.get(id) ?? []), records.find((record) => record.id === id)]);
      return records;
    },
  } as NanoBananaClient;
  return { poller: new TaskPoller(() => client, { intervalMs: 100 }), snapshots };
}

/** Submit, wait, and save every result as `baseName`. */
async function run(request: Parameters<ClientEnv['client']['submit']>[0], baseName = 'x') {
  const submitted = await env.client.submit(request);
  const finished = await env.poller.wait(submitted.taskId);
  assert.equal(finished.state.state, 'succeeded', JSON.stringify(finished.state));
  const urls = finished.state.state === 'succeeded' ? finished.state.imageUrls : [];
  const saved = [];
  for (const url of urls) saved.push(await downloadImage(url, { dispatcher: env.dispatcher, apiBaseUrl: env.mock.url, directory: dir, baseName, backoff: TEST_BACKOFF }));
  return { submitted, finished, urls, saved };
}

describe('generate', () => {
  test('submit, wait, download: a PNG of the requested pixel size', async () => {
    const { submitted, finished, urls, saved } = await run({ action: 'generate', prompt: 'a lighthouse at dusk', aspect_ratio: '16:9' });
    assert.equal(finished.record.id, submitted.taskId);
    assert.equal(urls.length, 1);
    assert.ok(urls[0]!.startsWith(`${env.mock.imageHostUrl}/nanobanana/`));
    const [image] = saved;
    assert.equal(image!.fileName, 'x.png');
    assert.deepEqual(image!.type, { mime: 'image/png', extension: 'png' });
    const bytes = await readFile(image!.path);
    assert.equal(image!.bytes, bytes.length);
    const header = readPng(bytes);
    assert.deepEqual([header.width, header.height], [1024, 576]);
    assert.deepEqual([image!.width, image!.height], [1024, 576]);
    assert.deepEqual(await listDir(dir), ['x.png']);
    assert.equal(env.mock.stats.submits, 1);
    assert.equal(env.mock.stats.generate, 1);
  });

  test('the submit is sent as the contract wants: async, with the bearer token and JSON headers', async () => {
    await env.client.submit({ action: 'generate', prompt: 'p', count: 2, resolution: '1K' });
    const [submit] = env.mock.stats.requests.filter((r) => r.path === '/nano-banana/images');
    assert.deepEqual(submit!.body, { action: 'generate', prompt: 'p', count: 2, resolution: '1K', async: true });
    assert.equal(submit!.headers.authorization, `Bearer ${env.mock.token}`);
    assert.equal(submit!.headers['content-type'], 'application/json');
    assert.equal(submit!.headers.accept, 'application/json');
  });

  test('count 2 gives two distinct files', async () => {
    const { urls, saved } = await run({ action: 'generate', prompt: 'two cats', count: 2, aspect_ratio: '3:4' });
    assert.equal(urls.length, 2);
    assert.deepEqual(saved.map((s) => s.fileName), ['x.png', 'x-2.png']);
    const [a, b] = await Promise.all(saved.map((s) => readFile(s.path)));
    assert.ok(!a!.equals(b!));
    for (const s of saved) assert.deepEqual([s.width, s.height], [768, 1024]);
  });

  test('pending snapshots of every shape are waited through, never taken as the end', async () => {
    env.mock.knobs.generationDelayMs = 1_200;
    const { taskId } = await env.client.submit({ action: 'generate', prompt: 'slow' });
    const recording = recordingPoller();
    const finished = await recording.poller.wait(taskId);
    const snapshots = recording.snapshots.get(taskId) ?? [];
    assert.equal(finished.state.state, 'succeeded');
    const pending = snapshots.slice(0, -1).map((record) => record?.response);
    assert.ok(pending.length >= 4, `only ${pending.length} pending snapshots`);
    // The stand-in cycles through: no response, {task_id}, success with empty data, success false without error.
    assert.ok(pending.some((response) => response === undefined));
    assert.ok(pending.some((response) => response?.success === false && response.error === undefined));
    assert.ok(pending.some((response) => response?.success === true && response.data?.length === 0));
  });
});

describe('edit', () => {
  test('a local image goes as a data URI; the stand-in gets exactly its bytes and the result is derived from it', async () => {
    const input = makePng(24, 16, (x, y) => [x * 10, y * 15, (x + y) * 5]);
    const uri = imageDataUri(input, 'photo.jpg');
    assert.ok(uri.startsWith('data:image/png;base64,'), 'typed by bytes, not by the .jpg name');
    const { saved } = await run({ action: 'edit', prompt: 'negative', image_urls: [uri] }, 'edited');

    assert.deepEqual(env.mock.stats.receivedImageUrls, [[uri]]);
    const received = env.mock.stats.receivedImageUrls[0]![0]!;
    assert.ok(Buffer.from(received.slice(received.indexOf(',') + 1), 'base64').equals(input));
    const [submit] = env.mock.stats.requests.filter((r) => r.path === '/nano-banana/images');
    assert.equal((submit!.body as Record<string, unknown>).aspect_ratio, undefined, 'no ratio sent: the input ratio is kept');

    const result = pngPixels(await readFile(saved[0]!.path));
    const source = pngPixels(input);
    assert.deepEqual([result.width, result.height], [24, 16]);
    assert.ok(result.rgb.equals(Buffer.from(source.rgb.map((v) => 255 - v))), 'the stand-in returns the colour negative of the input');
    assert.equal(saved[0]!.fileName, 'edited.png');
    assert.equal(env.mock.stats.edit, 1);
  });
});

describe('file type from the bytes', () => {
  test('JPEG results are saved as .jpg', async () => {
    env.mock.knobs.format = 'jpeg';
    const { urls, saved } = await run({ action: 'generate', prompt: 'jpeg please', aspect_ratio: '4:3' });
    assert.ok(urls[0]!.endsWith('.jpg'));
    assert.equal(saved[0]!.fileName, 'x.jpg');
    assert.equal(saved[0]!.type.mime, 'image/jpeg');
    const decoded = decodeJpeg(await readFile(saved[0]!.path));
    assert.deepEqual([decoded.width, decoded.height], [1024, 768]);
    assert.deepEqual([saved[0]!.width, saved[0]!.height], [1024, 768]);
  });

  test('JPEG bytes under a .png URL are saved as .jpg', async () => {
    env.mock.knobs.format = 'jpeg';
    env.mock.knobs.misnamedExtension = true;
    const { urls, saved } = await run({ action: 'generate', prompt: 'misnamed jpeg' });
    assert.ok(urls[0]!.endsWith('.png'));
    assert.equal(saved[0]!.fileName, 'x.jpg');
    assert.equal(decodeJpeg(await readFile(saved[0]!.path)).width, 1024);
  });

  test('PNG bytes under a .jpg URL are saved as .png', async () => {
    env.mock.knobs.misnamedExtension = true;
    const { urls, saved } = await run({ action: 'generate', prompt: 'misnamed png' });
    assert.ok(urls[0]!.endsWith('.jpg'));
    assert.equal(saved[0]!.fileName, 'x.png');
    assert.equal(readPng(await readFile(saved[0]!.path)).width, 1024);
  });
});

describe('acknowledgements', () => {
  for (const shape of ['trace', 'success'] as const) {
    test(`the ${shape} shape gives a task id that can be waited on`, async () => {
      env.mock.knobs.ackShape = shape;
      const submitted = await env.client.submit({ action: 'generate', prompt: `ack ${shape}` });
      assert.match(submitted.taskId, /^[0-9a-f-]{36}$/);
      if (shape === 'trace') assert.match(submitted.traceId ?? '', /^[0-9a-f-]{36}$/);
      else assert.equal(submitted.traceId, undefined);
      const finished = await env.poller.wait(submitted.taskId);
      assert.equal(finished.record.id, submitted.taskId);
      assert.equal(finished.state.state, 'succeeded');
    });
  }
});

describe('task lookups', () => {
  test('retrieve: a record for a known id, undefined for an unknown one', async () => {
    const { taskId } = await env.client.submit({ action: 'generate', prompt: 'r' });
    const record = await env.client.retrieve(taskId);
    assert.equal(record?.id, taskId);
    assert.equal(record?.type, 'images');
    assert.equal(await env.client.retrieve('00000000-0000-0000-0000-000000000000'), undefined);
    const sent = env.mock.stats.requests.filter((r) => r.path === '/nano-banana/tasks').map((r) => r.body);
    assert.deepEqual(sent, [{ action: 'retrieve', id: taskId }, { action: 'retrieve', id: '00000000-0000-0000-0000-000000000000' }]);
  });

  test('retrieve_batch with no ids (the token check) and with unknown ids', async () => {
    assert.deepEqual(await env.client.retrieveBatch([]), []);
    assert.deepEqual(await env.client.retrieveBatch(['nope-1', 'nope-2']), []);
    assert.equal(env.mock.stats.retrieveBatch, 2);
  });

  test('[poller:batch-50] more than 50 ids in one lookup is refused before anything is sent', async () => {
    await assert.rejects(env.client.retrieveBatch(Array.from({ length: 51 }, (_, i) => `id-${i}`)), RangeError);
    assert.equal(env.mock.stats.retrieveBatch, 0);
  });

  test('[poller:batch-50] ten concurrent waits: one retrieve_batch per tick, not one per task', async () => {
    env.mock.knobs.generationDelayMs = 400;
    const submitted = await Promise.all(Array.from({ length: 10 }, (_, i) => env.client.submit({ action: 'generate', prompt: `batch ${i}` })));
    const { poller, snapshots } = recordingPoller();
    const results = await Promise.all(submitted.map(({ taskId }) => poller.wait(taskId)));
    assert.ok(results.every((r) => r.state.state === 'succeeded'));
    const perTask = [...snapshots.values()].map((polls) => polls.length);
    assert.equal(perTask.length, 10);
    // Every lookup served every task still waiting: lookups = ticks of the slowest task, ids = all polls.
    assert.equal(env.mock.stats.retrieveBatch, Math.max(...perTask));
    assert.equal(env.mock.stats.retrieveBatchIds.reduce((a, b) => a + b, 0), perTask.reduce((a, b) => a + b, 0));
    assert.equal(env.mock.stats.retrieveBatchIds[0], 10);
    assert.ok(Math.max(...perTask) >= 2, 'the tasks were pending for at least one tick');
    assert.equal(env.mock.stats.retrieve, 0);
  });
});

describe('callback_url', () => {
  let hook: Server;
  let hookUrl: string;
  const received: Array<{ path: string; headers: Record<string, unknown>; body: any }> = [];

  before(async () => {
    hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/nano-banana-hook`;
  });
  after(async () => {
    hook.closeAllConnections();
    await new Promise((resolve) => hook.close(resolve));
  });

  test('is passed through, and the local listener receives the finished result', async () => {
    const submitted = await env.client.submit({ action: 'generate', prompt: 'called back', callback_url: hookUrl });
    const [submit] = env.mock.stats.requests.filter((r) => r.path === '/nano-banana/images');
    assert.equal((submit!.body as Record<string, unknown>).callback_url, hookUrl);
    const finished = await env.poller.wait(submitted.taskId);
    assert.equal(finished.state.state, 'succeeded');
    const deadline = Date.now() + 5_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(received.length, 1);
    const [callback] = received;
    assert.equal(callback!.path, '/nano-banana-hook');
    assert.equal(callback!.body.success, true);
    assert.equal(callback!.body.task_id, submitted.taskId);
    assert.deepEqual(
      callback!.body.data.map((item: { image_url: string }) => item.image_url),
      finished.state.state === 'succeeded' ? finished.state.imageUrls : [],
    );
  });
});

describe('saving', () => {
  test('[security:token-not-to-image-host] no authorization header ever reaches the image host, while every API call carries it', async () => {
    await run({ action: 'generate', prompt: 'secret-free download', count: 2 });
    assert.equal(env.mock.stats.downloads, 2);
    for (const headers of env.mock.stats.downloadHeaders) {
      assert.equal(headers.authorization, undefined);
      assert.ok(!JSON.stringify(headers).includes(env.mock.token));
    }
    const api = env.mock.stats.requests;
    assert.ok(api.length >= 2);
    for (const request of api) assert.equal(request.headers.authorization, `Bearer ${env.mock.token}`);
  });

  test('name clashes: the same base name twice gives x.png and x-2.png, nothing overwritten', async () => {
    const { urls, saved } = await run({ action: 'generate', prompt: 'first' });
    const firstBytes = await readFile(saved[0]!.path);
    const second = await run({ action: 'generate', prompt: 'second, different picture' });
    assert.deepEqual([saved[0]!.fileName, second.saved[0]!.fileName], ['x.png', 'x-2.png']);
    assert.ok((await readFile(saved[0]!.path)).equals(firstBytes), 'x.png is untouched');
    assert.ok(!(await readFile(second.saved[0]!.path)).equals(firstBytes));
    // The same URL again, three times at once: three more distinct names.
    const again = await Promise.all(
      [1, 2, 3].map(() => downloadImage(urls[0]!, { dispatcher: env.dispatcher, apiBaseUrl: env.mock.url, directory: dir, baseName: 'x', backoff: TEST_BACKOFF })),
    );
    assert.deepEqual(again.map((s) => s.fileName).sort(), ['x-3.png', 'x-4.png', 'x-5.png']);
    assert.deepEqual(await listDir(dir), ['x-2.png', 'x-3.png', 'x-4.png', 'x-5.png', 'x.png']);
    assert.ok((await readFile(saved[0]!.path)).equals(firstBytes));
  });
});
