// Exact pixel operations: turning by an EXIF orientation, halving by area averaging, cropping (past the
// edges too) and finding where the alpha is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Orientation } from '../../src/core/exifOrientation';
import { alphaBounds, cropRaster, halveRaster, orientRaster } from '../../src/core/raster';

/** A 3×2 image whose pixels are numbered 1..6 in reading order (one byte per channel, all equal). */
function numbered(): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(6 * 4);
  for (let i = 0; i < 6; i++) data.fill(i + 1, i * 4, i * 4 + 4);
  return { data, width: 3, height: 2 };
}
const rows = (raster: { data: Uint8Array; width: number; height: number }) =>
  Array.from({ length: raster.height }, (_, y) => Array.from({ length: raster.width }, (_, x) => raster.data[(y * raster.width + x) * 4]));

test('orientRaster turns the pixels as each of the eight tag values says', () => {
  // 1 2 3
  // 4 5 6
  const expected: Record<Orientation, number[][]> = {
    1: [[1, 2, 3], [4, 5, 6]],
    2: [[3, 2, 1], [6, 5, 4]],
    3: [[6, 5, 4], [3, 2, 1]],
    4: [[4, 5, 6], [1, 2, 3]],
    5: [[1, 4], [2, 5], [3, 6]],
    6: [[4, 1], [5, 2], [6, 3]],
    7: [[6, 3], [5, 2], [4, 1]],
    8: [[3, 6], [2, 5], [1, 4]],
  };
  for (const [orientation, want] of Object.entries(expected)) {
    const value = Number(orientation) as Orientation;
    const turned = orientRaster(numbered(), value);
    assert.deepEqual(rows(turned), want, `orientation ${orientation}`);
  }
});

test('halveRaster averages each 2×2 block, rounding to nearest, and drops an odd last row or column', () => {
  const data = new Uint8Array(3 * 3 * 4);
  const values = [0, 10, 99, 20, 31, 99, 99, 99, 99];
  values.forEach((value, i) => data.fill(value, i * 4, i * 4 + 4));
  const half = halveRaster({ data, width: 3, height: 3 });
  assert.deepEqual([half.width, half.height], [1, 1]);
  assert.deepEqual([...half.data], [15, 15, 15, 15], '(0 + 10 + 20 + 31) / 4 = 15.25');
});

test('cropRaster past the image\'s edges fills what lies beyond with transparent pixels', () => {
  const crop = cropRaster(numbered(), { x: -1, y: 1, width: 3, height: 2 });
  // Row 1 of the image (4 5 6) shifted right by one; below it, nothing.
  assert.deepEqual(rows(crop), [[0, 4, 5], [0, 0, 0]]);
  assert.equal(crop.data[3], 0, 'transparent, not opaque black');
});

test('alphaBounds: the rectangle of the pixels at least that opaque, or none', () => {
  const data = new Uint8Array(4 * 3 * 4);
  data[(1 * 4 + 1) * 4 + 3] = 200;
  data[(2 * 4 + 2) * 4 + 3] = 9;
  data[(0 * 4 + 3) * 4 + 3] = 3;
  const raster = { data, width: 4, height: 3 };
  assert.deepEqual(alphaBounds(raster, 8), { x: 1, y: 1, width: 2, height: 2 });
  assert.deepEqual(alphaBounds(raster, 1), { x: 1, y: 0, width: 3, height: 3 });
  assert.equal(alphaBounds(raster, 201), undefined);
});
