import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRenderableMime, parseWebviewMessage } from '../../src/preview/protocol';

test('parseWebviewMessage: ready', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
});

test('parseWebviewMessage: every image action with a job id and an index', () => {
  for (const type of ['open', 'reveal', 'copyLink', 'insertLink', 'editAgain', 'keep']) {
    assert.deepEqual(parseWebviewMessage({ type, jobId: 'job-1', imageIndex: 2 }), { type, jobId: 'job-1', imageIndex: 2 });
  }
});

test('parseWebviewMessage: generateAgain needs only a job id', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'generateAgain', jobId: 'job-1' }), { type: 'generateAgain', jobId: 'job-1' });
});

test('parseWebviewMessage: unknown fields are dropped', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'open', jobId: 'j', imageIndex: 0, uri: 'file:///etc/passwd' }), {
    type: 'open',
    jobId: 'j',
    imageIndex: 0,
  });
  assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: true }), { type: 'ready' });
});

test('parseWebviewMessage: rejects anything that is not a message object', () => {
  for (const raw of [undefined, null, 'ready', 42, [], [{ type: 'ready' }], {}]) {
    assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
  }
});

test('parseWebviewMessage: rejects unknown types', () => {
  for (const type of ['state', 'delete', 'OPEN', '', 'toString', '__proto__']) {
    assert.equal(parseWebviewMessage({ type, jobId: 'j', imageIndex: 0 }), undefined, type);
  }
  assert.equal(parseWebviewMessage({ type: 1 }), undefined);
});

test('parseWebviewMessage: rejects missing or malformed job ids', () => {
  assert.equal(parseWebviewMessage({ type: 'generateAgain' }), undefined);
  assert.equal(parseWebviewMessage({ type: 'generateAgain', jobId: '' }), undefined);
  assert.equal(parseWebviewMessage({ type: 'generateAgain', jobId: 7 }), undefined);
  assert.equal(parseWebviewMessage({ type: 'open', jobId: ['j'], imageIndex: 0 }), undefined);
  assert.equal(parseWebviewMessage({ type: 'open', jobId: 'j'.repeat(201), imageIndex: 0 }), undefined);
});

test('parseWebviewMessage: rejects image indexes that are not non-negative integers', () => {
  for (const imageIndex of [undefined, -1, 1.5, '0', NaN, Infinity, 2 ** 60, null]) {
    assert.equal(parseWebviewMessage({ type: 'open', jobId: 'j', imageIndex }), undefined, String(imageIndex));
  }
});

test('isRenderableMime: raster formats only', () => {
  for (const mime of ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'IMAGE/PNG']) assert.ok(isRenderableMime(mime), mime);
  for (const mime of ['image/svg+xml', 'text/html', 'application/octet-stream', '', 'image/png; charset=utf-8']) {
    assert.ok(!isRenderableMime(mime), mime);
  }
});
