// EXIF orientation: read from a JPEG's Exif segment in both byte orders.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jpegOrientation } from '../../src/core/exifOrientation';
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
