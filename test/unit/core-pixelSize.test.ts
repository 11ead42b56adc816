// Exact sizes as typed: accepted forms, and every bad one refused with a message before anything is billed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withExactSize } from '../../src/core/exactSize';
import { describeOptions } from '../../src/core/options';
import { formatPixelSize, parsePixelSize, pixelSizeOf } from '../../src/core/pixelSize';

test('parsePixelSize reads width x height with x, ×, * and spaces', () => {
  for (const text of ['1200x630', '1200×630', '1200 X 630', ' 1200 * 630 ', '1200x630px']) {
    assert.deepEqual(parsePixelSize(text), { size: { width: 1200, height: 630 } }, text);
  }
  assert.deepEqual(parsePixelSize('8192x1'), { size: { width: 8192, height: 1 } });
});

test('parsePixelSize refuses zero, negative, fractional, absurd and unparseable sizes, saying why', () => {
  for (const text of ['0x630', '1200x0', '-5x10', '10.5x10', '8193x100', '100x99999']) {
    const parsed = parsePixelSize(text);
    assert.ok('error' in parsed, text);
    assert.match(parsed.error, /whole number of pixels from 1 to 8192/, text);
  }
  for (const text of ['', 'big', '1200', '1200x', 'x630', '1200x630x2', '12OOx630']) {
    const parsed = parsePixelSize(text);
    assert.ok('error' in parsed, text);
    assert.match(parsed.error, /is not a size.*1200x630/, text);
  }
});

test('pixelSizeOf takes a reference\'s width and height only when both are usable', () => {
  assert.deepEqual(pixelSizeOf(300, 200), { width: 300, height: 200 });
  assert.equal(pixelSizeOf(300, undefined), undefined);
  assert.equal(pixelSizeOf(0, 200), undefined);
  assert.equal(pixelSizeOf(9000, 200), undefined);
  assert.equal(formatPixelSize({ width: 1200, height: 630 }), '1200×630');
});

test('withExactSize sets the nearest ratio and raises the resolution only as far as needed', () => {
  const base = { model: 'nano-banana-2', aspectRatio: '1:1', resolution: '1K', count: 1 };
  assert.deepEqual(withExactSize(base, { width: 1200, height: 630 }), { ...base, aspectRatio: '16:9', resolution: '2K', exactSize: { width: 1200, height: 630 } });
  assert.equal(withExactSize({ ...base, resolution: '4K' }, { width: 300, height: 200 }).resolution, '4K', 'a higher chosen resolution is kept');
  assert.equal(withExactSize({ ...base, model: 'nano-banana' }, { width: 1920, height: 1080 }).resolution, '1K', 'a 1K-only model stays at 1K');
  assert.deepEqual(withExactSize(withExactSize(base, { width: 10, height: 10 }), undefined), { ...base });
  assert.match(describeOptions(withExactSize(base, { width: 1200, height: 630 })), /^nano-banana-2 · 1200×630 \(16:9\) · 2K · 1 image$/);
});
