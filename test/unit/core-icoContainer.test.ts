// The favicon container: written, then parsed back as a reader would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeIco } from '../../src/core/icoContainer';
import { imageSize } from '../../src/core/imageType';
import { makePng } from '../integration/helpers/images';
import { parseIco } from './helpers/images';

test('an .ico of 16, 32 and 48 px parses back as three PNG entries of those sizes, in order', () => {
  const pngs = [16, 32, 48].map((size) => ({ size, png: makePng(size, size) }));
  const entries = parseIco(writeIco(pngs));
  assert.equal(entries.length, 3);
  assert.deepEqual(entries.map((entry) => [entry.width, entry.height, entry.bitsPerPixel]), [[16, 16, 32], [32, 32, 32], [48, 48, 32]]);
  entries.forEach((entry, index) => {
    assert.deepEqual(entry.data, new Uint8Array(pngs[index].png), 'each entry is the PNG itself');
    assert.deepEqual(imageSize(entry.data), { width: pngs[index].size, height: pngs[index].size });
  });
});

test('256 px is written as 0, as the format says; larger entries are refused', () => {
  const [entry] = parseIco(writeIco([{ size: 256, png: makePng(1, 1) }]));
  assert.equal(entry.width, 256);
  assert.throws(() => writeIco([{ size: 257, png: makePng(1, 1) }]), /1 to 256 px/);
});
