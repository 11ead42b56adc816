// The geometry of exact sizes: what a cover crop keeps, how large a copy may be, what to generate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coverCrop, fitWithin, fitWithinArea, generationFor, nominalSize, subjectFrame } from '../../src/core/imageGeometry';

test('coverCrop keeps the centred part with the target\'s ratio, as large as the source allows', () => {
  assert.deepEqual(coverCrop({ width: 1344, height: 768 }, { width: 1200, height: 630 }), { x: 0, y: 31, width: 1344, height: 706 });
  assert.deepEqual(coverCrop({ width: 1024, height: 1024 }, { width: 300, height: 200 }), { x: 0, y: 170, width: 1024, height: 683 });
  assert.deepEqual(coverCrop({ width: 1024, height: 1024 }, { width: 200, height: 300 }), { x: 170, y: 0, width: 683, height: 1024 });
  assert.deepEqual(coverCrop({ width: 4096, height: 2048 }, { width: 512, height: 512 }), { x: 1024, y: 0, width: 2048, height: 2048 });
});

test('coverCrop of the same ratio keeps everything, smaller or larger', () => {
  assert.deepEqual(coverCrop({ width: 1600, height: 900 }, { width: 1920, height: 1080 }), { x: 0, y: 0, width: 1600, height: 900 });
  assert.deepEqual(coverCrop({ width: 1600, height: 900 }, { width: 16, height: 9 }), { x: 0, y: 0, width: 1600, height: 900 });
});

test('fitWithin shrinks to the long side keeping the aspect, and leaves a small enough size alone', () => {
  assert.deepEqual(fitWithin({ width: 6000, height: 4000 }, 3072), { width: 3072, height: 2048 });
  assert.deepEqual(fitWithin({ width: 4000, height: 6000 }, 3072), { width: 2048, height: 3072 });
  assert.deepEqual(fitWithin({ width: 3000, height: 2000 }, 3072), { width: 3000, height: 2000 });
  assert.deepEqual(fitWithin({ width: 100000, height: 1 }, 3072), { width: 3072, height: 1 }, 'never below one pixel');
});

test('fitWithinArea shrinks to a pixel budget keeping the aspect, never over it, and leaves a small enough size alone', () => {
  const budget = 2048 * 2048;
  assert.deepEqual(fitWithinArea({ width: 6000, height: 4000 }, budget), { width: 2508, height: 1672 });
  assert.deepEqual(fitWithinArea({ width: 4000, height: 4000 }, budget), { width: 2048, height: 2048 });
  assert.deepEqual(fitWithinArea({ width: 2000, height: 2000 }, budget), { width: 2000, height: 2000 });
  for (const [width, height] of [[6000, 4000], [4032, 3024], [9000, 1000], [12345, 6789]]) {
    const fitted = fitWithinArea({ width, height }, budget);
    assert.ok(fitted.width * fitted.height <= budget, `${width}x${height} → ${fitted.width}x${fitted.height}`);
    assert.ok(Math.abs(fitted.width / fitted.height - width / height) < 0.01, 'same aspect');
  }
});

test('nominalSize follows the documented long side per resolution', () => {
  assert.deepEqual(nominalSize('16:9', '1K'), { width: 1024, height: 576 });
  assert.deepEqual(nominalSize('2:3', '2K'), { width: 1365, height: 2048 });
  assert.deepEqual(nominalSize('1:1', '4K'), { width: 4096, height: 4096 });
});

test('generationFor picks the nearest ratio and the smallest resolution whose crop covers the size', () => {
  const all = ['1K', '2K', '4K'];
  assert.deepEqual(generationFor({ width: 300, height: 200 }, all), { aspectRatio: '3:2', resolution: '1K', upscaled: false });
  assert.deepEqual(generationFor({ width: 1200, height: 630 }, all), { aspectRatio: '16:9', resolution: '2K', upscaled: false });
  assert.deepEqual(generationFor({ width: 1920, height: 1080 }, all), { aspectRatio: '16:9', resolution: '2K', upscaled: false });
  assert.deepEqual(generationFor({ width: 3000, height: 3000 }, all), { aspectRatio: '1:1', resolution: '4K', upscaled: false });
  assert.deepEqual(generationFor({ width: 1080, height: 1080 }, ['1K']), { aspectRatio: '1:1', resolution: '1K', upscaled: true }, 'a 1K-only model: the result is upscaled');
  assert.deepEqual(generationFor({ width: 8192, height: 8192 }, all), { aspectRatio: '1:1', resolution: '4K', upscaled: true });
});

test('subjectFrame: the subject\'s bounds with a margin, widened or heightened about their centre to the target\'s ratio', () => {
  // 100×50 at (10, 20), margin 10 % of 100 = 10 px: 120×70, then 120×120 for a square, centred on (60, 45).
  assert.deepEqual(subjectFrame({ x: 10, y: 20, width: 100, height: 50 }, { width: 64, height: 64 }, 0.1), { x: 0, y: -15, width: 120, height: 120 });
  // For 3:1, 70 high needs 210 wide.
  assert.deepEqual(subjectFrame({ x: 10, y: 20, width: 100, height: 50 }, { width: 300, height: 100 }, 0.1), { x: -45, y: 10, width: 210, height: 70 });
});
