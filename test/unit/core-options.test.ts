import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampCount, describeOptions, fitResolution, initialOptions, supportedResolutions } from '../../src/core/options';

const settings = { model: 'nano-banana-pro', aspectRatio: '16:9', resolution: '2K', count: 2 };

test('1K-only models are offered only 1K, official variants included', () => {
  assert.deepEqual(supportedResolutions('nano-banana'), ['1K']);
  assert.deepEqual(supportedResolutions('nano-banana-2-lite:official'), ['1K']);
  assert.deepEqual(supportedResolutions('nano-banana-pro'), ['1K', '2K', '4K']);
  assert.deepEqual(supportedResolutions('nano-banana-2:official'), ['1K', '2K', '4K']);
});

test('a model the extension does not know yet is passed through and not restricted', () => {
  assert.deepEqual(supportedResolutions('nano-banana-2.1'), ['1K', '2K', '4K']);
  assert.equal(initialOptions('generate', { ...settings, model: 'nano-banana-2.1' }).model, 'nano-banana-2.1');
});

test('generate starts from the settings', () => {
  assert.deepEqual(initialOptions('generate', settings), { model: 'nano-banana-pro', aspectRatio: '16:9', resolution: '2K', count: 2 });
});

test('the last choice wins over the settings', () => {
  const last = { model: 'nano-banana-2', aspectRatio: '3:4', resolution: '4K', count: 1 };
  assert.deepEqual(initialOptions('generate', settings, last), last);
});

test('an edit keeps the input ratio unless one was picked', () => {
  assert.equal(initialOptions('edit', settings).aspectRatio, undefined);
  assert.equal(initialOptions('edit', settings, { model: 'nano-banana', aspectRatio: '9:16', resolution: '1K', count: 1 }).aspectRatio, '9:16');
});

test('a resolution the model cannot do falls back to 1K', () => {
  assert.equal(initialOptions('generate', { ...settings, model: 'nano-banana' }).resolution, '1K');
  assert.equal(fitResolution('nano-banana-pro', '8K'), '1K');
});

test('invalid settings are brought back into range', () => {
  assert.equal(clampCount(0), 1);
  assert.equal(clampCount(9), 4);
  assert.equal(clampCount(2.5), 1);
  assert.equal(initialOptions('generate', { ...settings, aspectRatio: '5:1' }).aspectRatio, '1:1');
});

test('options are summarised in one line', () => {
  assert.equal(describeOptions({ model: 'nano-banana', aspectRatio: '1:1', resolution: '1K', count: 1 }), 'nano-banana · 1:1 · 1K · 1 image');
  assert.equal(describeOptions({ model: 'nano-banana', resolution: '1K', count: 3 }), 'nano-banana · input ratio · 1K · 3 images');
});
