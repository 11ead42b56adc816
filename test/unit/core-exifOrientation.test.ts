// EXIF orientation: read from a JPEG's Exif segment in both byte orders, and applied to pixels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jpegOrientation, swapsSides, type Orientation } from '../../src/core/exifOrientation';
import { orientRaster } from '../../src/core/raster';
import { makeJpeg } from '../integration/helpers/images';
import { withExifOrientation } from './helpers/images';

test('jpegOrientation reads the tag in big- and little-endian Exif', () => {
  const jpeg = makeJpeg(8, 4);
  for (const orientation of [1, 3, 6, 8]) {
    assert.equal(jpegOrientation(withExifOrientation(jpeg, orientation, 'MM')), orientation);
    assert.equal(jpegOrientation(withExifOrientation(jpeg, orientation, 'II')), orientation);
  }
});

test('jpegOrientation is 1 without Exif, for an out-of-range value, and for a non-JPEG', () => {
  assert.equal(jpegOrientation(makeJpeg(8, 4)), 1);
  assert.equal(jpegOrientation(withExifOrientation(makeJpeg(8, 4), 9)), 1);
  assert.equal(jpegOrientation(new Uint8Array([0x89, 0x50, 0x4e, 0x47])), 1);
});

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
    assert.equal(swapsSides(value), value >= 5);
  }
});
