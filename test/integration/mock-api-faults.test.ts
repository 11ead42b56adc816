// Injected faults behave as documented, so client tests built on them test what they claim to.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockApi, type MockApi } from '../mock-api/index';
import { call, download, pollUntilFinished, sleep, waitFor } from '../mock-api/testing';

let mock: MockApi;
before(async () => {
  mock = await startMockApi({ knobs: { generationDelayMs: 40 } });
});
after(() => mock.close());
beforeEach(() => mock.reset());

const generate = { action: 'generate', prompt: 'x', async: true };

test('failNext answers matching requests with the given status, body and headers, then stops', async () => {
  mock.knobs.failNext = [{ count: 2, status: 500, body: { success: false, error: { code: 'api_error', message: 'Internal server error.' } }, path: 'tasks' }];
  assert.equal((await call(mock, 'images', generate)).status, 200);
  for (let i = 0; i < 2; i++) {
    const failed = await call(mock, 'tasks', { action: 'retrieve', id: 'x' });
    assert.equal(failed.status, 500);
    assert.equal(failed.json.error.code, 'api_error');
  }
  assert.equal((await call(mock, 'tasks', { action: 'retrieve', id: 'x' })).status, 200);
  assert.deepEqual(mock.knobs.failNext, []);
});

test('rateLimitNext gives 429 too_many_requests with Retry-After, and the submit is not accepted', async () => {
  mock.rateLimitNext(1, 7, 'images');
  const limited = await call(mock, 'images', generate);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '7');
  assert.equal(limited.json.error.code, 'too_many_requests');
  assert.equal(mock.stats.submits, 0);
  assert.equal(mock.stats.imagesRequests, 1);
  assert.equal((await call(mock, 'images', generate)).status, 200);
  assert.equal(mock.stats.submits, 1);
});

test('htmlErrorNext answers with an nginx HTML page', async () => {
  mock.htmlErrorNext(1, 502);
  const page = await call(mock, 'tasks', { action: 'retrieve', id: 'x' });
  assert.equal(page.status, 502);
  assert.equal(page.headers.get('content-type'), 'text/html');
  assert.match(page.text, /<h1>502 Bad Gateway<\/h1>/);
  assert.equal(page.json, undefined);
});

test('moderateNext fails the task with content_moderation, in the record and in blocking mode', async () => {
  mock.knobs.moderateNext = 2;
  const ack = await call(mock, 'images', generate);
  const { record } = await pollUntilFinished(mock, ack.json.task_id);
  assert.equal(record.response.success, false);
  assert.equal(record.response.error.code, 'content_moderation');
  assert.match(record.response.error.message, /content safety policy/);
  assert.equal(record.response.data, undefined);
  const blocking = await call(mock, 'images', { action: 'generate', prompt: 'x' });
  assert.equal(blocking.status, 400);
  assert.equal(blocking.json.error.code, 'content_moderation');
  assert.equal((await call(mock, 'images', { action: 'generate', prompt: 'x' })).json.success, true);
});

test('neverFinishNext keeps a task pending; taskDelaysMs sets per-task delays', async () => {
  mock.knobs.neverFinishNext = 1;
  mock.knobs.taskDelaysMs = [5, 1000, 10];
  const stuck = (await call(mock, 'images', generate)).json.task_id;
  const slow = (await call(mock, 'images', generate)).json.task_id;
  const fast = (await call(mock, 'images', generate)).json.task_id;
  const slowRecord = (await pollUntilFinished(mock, slow)).record;
  await pollUntilFinished(mock, fast);
  assert.ok(slowRecord.elapsed >= 1);
  const { json } = await call(mock, 'tasks', { action: 'retrieve', id: stuck });
  assert.equal(json.finished_at, undefined);
  assert.ok(mock.stats.taskFinishedAt[fast] < mock.stats.taskFinishedAt[slow]);
  assert.equal(mock.stats.taskFinishedAt[stuck], undefined);
});

test('holdTasks keeps every task pending until releaseTasks, which starts their delays and holds no more', async () => {
  mock.knobs.holdTasks = true;
  const held = [(await call(mock, 'images', generate)).json.task_id, (await call(mock, 'images', generate)).json.task_id];
  // Many times the 40 ms delay: a task that was not held would have finished by now.
  await sleep(400);
  for (const id of held) assert.equal((await call(mock, 'tasks', { action: 'retrieve', id })).json.finished_at, undefined, 'still pending');
  assert.deepEqual(mock.stats.taskFinishedAt, {});

  mock.releaseTasks();
  assert.equal(mock.knobs.holdTasks, false);
  for (const id of held) assert.equal((await pollUntilFinished(mock, id)).record.response.success, true);
  await pollUntilFinished(mock, (await call(mock, 'images', generate)).json.task_id);
});

test('a reset discards held tasks: a blocking call waiting on one is answered', async () => {
  mock.knobs.holdTasks = true;
  const blocking = call(mock, 'images', { action: 'generate', prompt: 'x' });
  await waitFor(() => mock.stats.submits === 1, 'the held submit');
  mock.reset();
  assert.equal((await blocking).status, 500);
});

test('resetNextRequests drops the connection after accepting the submit', async () => {
  mock.knobs.resetNextRequests = 1;
  await assert.rejects(call(mock, 'images', generate));
  assert.equal(mock.stats.submits, 1);
  await waitFor(() => Object.keys(mock.stats.taskFinishedAt).length === 1, 'the accepted task to finish');
  assert.equal((await call(mock, 'tasks', { action: 'retrieve_batch', ids: [] })).status, 200);
});

test('invalidJsonNext and wrongShapeNext answer 200 with unusable bodies', async () => {
  mock.knobs.invalidJsonNext = 1;
  mock.knobs.wrongShapeNext = 1;
  const cut = await call(mock, 'images', generate);
  assert.equal(cut.status, 200);
  assert.equal(cut.text, '{"task_id": ');
  assert.equal(cut.headers.get('content-type'), 'application/json');
  assert.equal(cut.json, undefined);
  const wrong = await call(mock, 'tasks', { action: 'retrieve', id: 'x' });
  assert.deepEqual(wrong.json, { data: 'nope' });
  assert.equal(mock.stats.submits, 1);
});

test('responseDelayMs holds answers back long enough for a client timeout', async () => {
  mock.knobs.responseDelayMs = 2000;
  const started = Date.now();
  await assert.rejects(
    fetch(`${mock.url}/nano-banana/tasks`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(100) }),
    (error: Error) => error.name === 'TimeoutError',
  );
  assert.ok(Date.now() - started < 1500);
});

async function resultUrl(): Promise<string> {
  const { json } = await call(mock, 'images', { action: 'generate', prompt: 'download me' });
  return json.data[0].image_url;
}

test('truncated and reset downloads announce the full length but deliver part of it', async () => {
  const url = await resultUrl();
  const full = (await download(url)).bytes.length;
  for (const knob of ['truncateNextDownloads', 'resetNextDownloads'] as const) {
    mock.knobs[knob] = 1;
    const response = await fetch(url);
    assert.equal(Number(response.headers.get('content-length')), full);
    await assert.rejects(response.arrayBuffer(), knob);
  }
  assert.equal((await download(url)).bytes.length, full);
  assert.equal(mock.stats.downloads, 4);
});

test('downloadBytesPerSecond slows downloads down', async () => {
  const url = await resultUrl();
  const size = (await download(url)).bytes.length;
  mock.knobs.downloadBytesPerSecond = Math.ceil(size / 0.3);
  const started = Date.now();
  assert.equal((await download(url)).bytes.length, size);
  assert.ok(Date.now() - started >= 200, `${Date.now() - started} ms`);
});

test('close() ends a blocking submit and a slow download without waiting for them', async () => {
  const other = await startMockApi({ knobs: { generationDelayMs: 60_000, taskDelaysMs: [0], downloadBytesPerSecond: 1000 } });
  const { json } = await call(other, 'images', { action: 'generate', prompt: 'quick' });
  const interrupted = Promise.all([
    assert.rejects(download(json.data[0].image_url)),
    assert.rejects(call(other, 'images', { action: 'generate', prompt: 'forever' })),
  ]);
  await sleep(50);
  const started = Date.now();
  await other.close();
  await interrupted;
  assert.ok(Date.now() - started < 1000);
});
