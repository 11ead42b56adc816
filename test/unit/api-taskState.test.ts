// The derived task state for every variant the contract lists; a pending snapshot must never look terminal.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskResponse } from '../../src/api/schemas';
import { deriveTaskState } from '../../src/api/taskState';

const IMAGE = 'https://platform.cdn.acedata.cloud/nanobanana/69790adb-c85d-4362-ad9e-0c9ba4352cf4.png';

/** Through the schema first, as the client does with every lookup. */
const derive = (response: unknown) => deriveTaskState(response === undefined ? undefined : TaskResponse.parse(response));

describe('pending', () => {
  const pending: Array<[string, unknown]> = [
    ['no response', undefined],
    ['response {task_id}', { task_id: 't-1' }],
    ['response {task_id, trace_id}', { task_id: 't-1', trace_id: 'tr-1' }],
    ['success true with empty data', { success: true, task_id: 't-1', data: [] }],
    ['success true with missing data', { success: true, task_id: 't-1' }],
    ['success true with null data', { success: true, task_id: 't-1', data: null }],
    ['success true with data items lacking image_url', { success: true, data: [{ prompt: 'cat' }] }],
    ['success true with an empty image_url', { success: true, data: [{ image_url: '' }] }],
    ['success false without error object', { success: false, task_id: 't-1' }],
    ['success false beside images but no error object', { success: false, data: [{ image_url: IMAGE }] }],
  ];
  for (const [name, response] of pending) {
    test(name, () => {
      const state = derive(response);
      assert.deepEqual(state, { state: 'pending' });
      assert.ok(state.state !== 'succeeded' && state.state !== 'failed', 'a pending snapshot is never terminal');
    });
  }

  test('null response', () => {
    assert.deepEqual(deriveTaskState(null), { state: 'pending' });
  });
});

describe('succeeded', () => {
  test('success true with image_url', () => {
    assert.deepEqual(derive({ success: true, task_id: 't', data: [{ prompt: 'cat', image_url: IMAGE }] }), {
      state: 'succeeded',
      imageUrls: [IMAGE],
    });
  });

  test('images present with success missing', () => {
    assert.deepEqual(derive({ task_id: 't', data: [{ image_url: IMAGE }] }), { state: 'succeeded', imageUrls: [IMAGE] });
  });

  test('several images, in order, skipping items without a URL', () => {
    const second = IMAGE.replace('.png', '-2.jpg');
    assert.deepEqual(derive({ success: true, data: [{ image_url: IMAGE }, { prompt: 'lost' }, { image_url: second }] }), {
      state: 'succeeded',
      imageUrls: [IMAGE, second],
    });
  });
});

describe('failed', () => {
  test('success false with error {code, message}', () => {
    assert.deepEqual(
      derive({ success: false, error: { code: 'content_moderation', message: 'The prompt violates the content policy.' } }),
      { state: 'failed', code: 'content_moderation', message: 'The prompt violates the content policy.' },
    );
  });

  for (const code of ['rejected', 'bad_request', 'forbidden']) {
    test(`failure code ${code} is kept`, () => {
      const state = derive({ success: false, error: { code, message: 'm' } });
      assert.equal(state.state, 'failed');
      assert.equal(state.state === 'failed' && state.code, code);
    });
  }

  test('error object beside no images, success missing', () => {
    assert.deepEqual(derive({ task_id: 't', error: { code: 'rejected', message: 'No image was produced.' } }), {
      state: 'failed',
      code: 'rejected',
      message: 'No image was produced.',
    });
  });

  test('error object beside an empty data array', () => {
    const state = derive({ data: [], error: { code: 'bad_request', message: 'x' } });
    assert.equal(state.state, 'failed');
  });

  test('an error without code or message still fails, with a readable reason', () => {
    const state = derive({ success: false, error: {} });
    assert.equal(state.state, 'failed');
    assert.ok(state.state === 'failed' && state.code.length > 0 && state.message.length > 0);
  });

  test('success false beside images and an error object is a failure, not a success', () => {
    const state = derive({ success: false, data: [{ image_url: IMAGE }], error: { code: 'forbidden', message: 'm' } });
    assert.equal(state.state, 'failed');
  });
});
