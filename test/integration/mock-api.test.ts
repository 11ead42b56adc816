// The stand-in speaks the contract: auth, validation, the three completion modes, task look-ups.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { imageSizeFor, startMockApi, type MockApi } from '../mock-api/index';
import { call, download, pngSize, pollUntilFinished, waitFor } from '../mock-api/testing';

let mock: MockApi;
before(async () => {
  mock = await startMockApi({ knobs: { generationDelayMs: 60 } });
});
after(() => mock.close());
beforeEach(() => mock.reset());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('imageSizeFor follows the long-side rule', () => {
  assert.deepEqual(imageSizeFor(undefined, undefined), { width: 1024, height: 1024 });
  assert.deepEqual(imageSizeFor('16:9', '1K'), { width: 1024, height: 576 });
  assert.deepEqual(imageSizeFor('2:3', '1K'), { width: 683, height: 1024 });
  assert.deepEqual(imageSizeFor('1:1', '4K'), { width: 4096, height: 4096 });
});

test('a missing token is 400 no_token, a wrong one 401 invalid_token', async () => {
  const missing = await call(mock, 'images', { action: 'generate', prompt: 'x' }, null);
  assert.equal(missing.status, 400);
  assert.equal(missing.json.success, false);
  assert.equal(missing.json.error.code, 'no_token');
  assert.equal(missing.json.error.message, 'No token specified for the request.');
  assert.match(missing.json.trace_id, /^[0-9a-f-]{36}$/);
  const wrong = await call(mock, 'tasks', { action: 'retrieve', id: 'x' }, 'not-the-token');
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.error.code, 'invalid_token');
  assert.equal(mock.stats.submits, 0);
});

test('every invalid field is a 400 bad_request naming the problem', async () => {
  const cases: Array<[object | string, RegExp]> = [
    [{ action: 'draw', prompt: 'x' }, /action/],
    [{ action: 'generate' }, /^prompt is required\.$/],
    [{ action: 'generate', prompt: '   ' }, /^prompt is required\.$/],
    [{ action: 'generate', prompt: 'x', model: 'dall-e' }, /^model is invalid\.$/],
    [{ action: 'edit', prompt: 'x' }, /image_urls/],
    [{ action: 'edit', prompt: 'x', image_urls: [] }, /image_urls/],
    [{ action: 'edit', prompt: 'x', image_urls: ['ftp://host/a.png'] }, /image_urls\[0\]/],
    [{ action: 'edit', prompt: 'x', image_urls: ['data:text/plain;base64,aGk='] }, /image_urls\[0\]/],
    [{ action: 'edit', prompt: 'x', image_urls: [`data:image/png;base64,${'A'.repeat(13_990_000)}`] }, /10 MB/],
    [{ action: 'generate', prompt: 'x', count: 5 }, /count/],
    [{ action: 'generate', prompt: 'x', count: 1.5 }, /count/],
    [{ action: 'generate', prompt: 'x', aspect_ratio: '5:4' }, /aspect_ratio/],
    [{ action: 'generate', prompt: 'x', resolution: '8K' }, /resolution/],
    [{ action: 'generate', prompt: 'x', resolution: '2K' }, /2K.*nano-banana/],
    [{ action: 'generate', prompt: 'x', model: 'nano-banana-2-lite:official', resolution: '4K' }, /4K/],
    ['{"action": "generate", ', /JSON/],
  ];
  for (const [body, message] of cases) {
    const { status, json } = await call(mock, 'images', body);
    assert.equal(status, 400, JSON.stringify(body).slice(0, 80));
    assert.equal(json.error.code, 'bad_request');
    assert.match(json.error.message, message);
  }
  assert.equal(mock.stats.submits, 0);
  assert.equal(mock.stats.imagesRequests, cases.length);
});

test('newer and :official models are accepted, with 2K/4K where the model supports them', async () => {
  for (const model of ['nano-banana-2.1', 'nano-banana-pro:official', 'nano-banana-2']) {
    const { status } = await call(mock, 'images', { action: 'generate', prompt: 'x', model, resolution: '2K', async: true });
    assert.equal(status, 200, model);
  }
});

test('unknown paths are 404 no_api, and an oversized body is 413 request_too_large', async () => {
  const missing = await fetch(`${mock.url}/nano-banana/videos`, { method: 'POST', body: '{}' });
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as any).error.code, 'no_api');
  const big = await call(mock, 'images', { action: 'generate', prompt: 'x'.repeat(26 * 1024 * 1024) });
  assert.equal(big.status, 413);
  assert.equal(big.json.error.code, 'request_too_large');
  assert.equal(mock.stats.submits, 0);
});

test('async generate: acknowledgement, polling until finished, then a PNG of the requested size', async () => {
  for (const [aspect_ratio, resolution, model] of [[undefined, undefined, undefined], ['16:9', '2K', 'nano-banana-pro']]) {
    const ack = await call(mock, 'images', { action: 'generate', prompt: 'a lighthouse', aspect_ratio, resolution, model, async: true });
    assert.equal(ack.status, 200);
    assert.equal(typeof ack.json.task_id, 'string');
    const { record } = await pollUntilFinished(mock, ack.json.task_id);
    assert.equal(record.id, ack.json.task_id);
    assert.equal(record.type, 'images');
    assert.equal(record.request.prompt, 'a lighthouse');
    assert.ok(record.finished_at >= record.created_at && record.elapsed >= 0);
    for (const key of ['_id', 'api_id', 'application_id', 'credential_id', 'user_id', 'trace_id']) assert.equal(typeof record[key], 'string', key);
    assert.equal(record.response.success, true);
    assert.deepEqual(Object.keys(record.response.cost).sort(), ['amount', 'currency', 'list_amount']);
    const url: string = record.response.data[0].image_url;
    assert.match(url, new RegExp(`^${mock.imageHostUrl}/nanobanana/[0-9a-f]{64}\\.png$`));
    const image = await download(url);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.equal(Number(image.headers.get('content-length')), image.bytes.length);
    assert.deepEqual(image.bytes.subarray(0, 8), PNG_SIGNATURE);
    assert.deepEqual(pngSize(image.bytes), imageSizeFor(aspect_ratio, resolution));
  }
});

test('acknowledgements alternate between the two shapes of the contract', async () => {
  const acks = [];
  for (let i = 0; i < 2; i++) acks.push((await call(mock, 'images', { action: 'generate', prompt: 'x', async: true })).json);
  assert.deepEqual(Object.keys(acks[0]).sort(), ['task_id', 'trace_id']);
  assert.deepEqual(acks[1], { success: true, task_id: acks[1].task_id });
  mock.knobs.ackShape = 'success';
  assert.equal((await call(mock, 'images', { action: 'generate', prompt: 'x', async: true })).json.success, true);
});

test('pending snapshots show every pending variant and never look succeeded or failed', async () => {
  mock.knobs.generationDelayMs = 600;
  const ack = await call(mock, 'images', { action: 'generate', prompt: 'slow', async: true });
  const { snapshots } = await pollUntilFinished(mock, ack.json.task_id, 10);
  const pending = snapshots.slice(0, -1);
  const shapes = new Set(pending.map((s) => JSON.stringify(s.response === undefined ? 'none' : Object.keys(s.response).sort())));
  assert.deepEqual([...shapes].sort(), ['"none"', '["data","success"]', '["success"]', '["task_id"]'].sort());
  for (const snapshot of pending) {
    assert.equal(snapshot.finished_at, undefined);
    const response = snapshot.response ?? {};
    assert.ok(!(response.data ?? []).some((item: any) => item.image_url), 'pending snapshot carries images');
    assert.equal(response.error, undefined);
  }
});

test('retrieve of an unknown id is {}; retrieve_batch returns known records only and accepts []', async () => {
  const unknown = await call(mock, 'tasks', { action: 'retrieve', id: 'no-such-task' });
  assert.equal(unknown.status, 200);
  assert.deepEqual(unknown.json, {});
  const empty = await call(mock, 'tasks', { action: 'retrieve_batch', ids: [] });
  assert.deepEqual(empty.json, { items: [], count: 0 });
  const a = (await call(mock, 'images', { action: 'generate', prompt: 'a', async: true })).json.task_id;
  const b = (await call(mock, 'images', { action: 'generate', prompt: 'b', async: true })).json.task_id;
  const batch = await call(mock, 'tasks', { action: 'retrieve_batch', ids: [a, 'ghost', b] });
  assert.equal(batch.json.count, 2);
  assert.deepEqual(batch.json.items.map((item: any) => item.id), [a, b]);
  assert.deepEqual(mock.stats.retrieveBatchIds, [0, 3]);
  assert.equal(mock.stats.retrieve, 1);
  assert.equal(mock.stats.lookupTimes.length, 3);
});

test('blocking generate answers with the success body once done, one item per count', async () => {
  const started = Date.now();
  const { status, json } = await call(mock, 'images', { action: 'generate', prompt: 'two cats', count: 2 });
  assert.ok(Date.now() - started >= 50);
  assert.equal(status, 200);
  assert.equal(json.success, true);
  assert.equal(typeof json.task_id, 'string');
  assert.equal(typeof json.trace_id, 'string');
  assert.equal(json.data.length, 2);
  assert.notEqual(json.data[0].image_url, json.data[1].image_url);
  assert.deepEqual(Object.keys(mock.stats.taskFinishedAt), [json.task_id]);
  // Every other task leaves out data[].prompt, as the live service sometimes does.
  const second = await call(mock, 'images', { action: 'generate', prompt: 'two cats' });
  assert.deepEqual([json.data[0].prompt, second.json.data[0].prompt], ['two cats', undefined]);
});

test('callback_url: acknowledged at once, the result POSTed to the listener', async () => {
  const received: any[] = [];
  const listener = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ contentType: req.headers['content-type'], body: JSON.parse(body) });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  try {
    const port = (listener.address() as AddressInfo).port;
    const ack = await call(mock, 'images', { action: 'generate', prompt: 'hook', callback_url: `http://127.0.0.1:${port}/hook` });
    assert.equal(typeof ack.json.task_id, 'string');
    assert.equal(received.length, 0);
    await waitFor(() => received.length > 0, 'the callback');
    assert.equal(received[0].contentType, 'application/json');
    assert.equal(received[0].body.success, true);
    assert.equal(received[0].body.task_id, ack.json.task_id);
    assert.match(received[0].body.data[0].image_url, /\/nanobanana\/[0-9a-f]{64}\.png$/);
    assert.equal(mock.stats.callbacksSent, 1);
  } finally {
    listener.close();
  }
});

test('the /__mock/ control surface works without a token', async () => {
  await call(mock, 'images', { action: 'generate', prompt: 'x', async: true });
  const stats = (await (await fetch(`${mock.url}/__mock/stats`)).json()) as any;
  assert.equal(stats.submits, 1);
  const knobs = await fetch(`${mock.url}/__mock/knobs`, { method: 'POST', body: JSON.stringify({ generationDelayMs: 5, format: 'jpeg' }) });
  assert.equal(knobs.status, 200);
  assert.equal(mock.knobs.format, 'jpeg');
  await fetch(`${mock.url}/__mock/reset`, { method: 'POST' });
  assert.equal(mock.stats.submits, 0);
  assert.deepEqual(mock.knobs, { generationDelayMs: 60 });
});
