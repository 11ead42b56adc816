// The image worker's operations on real codecs (the WebAssembly the worker ships, loaded in-process).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { imageSize, sniffImageType } from '../../src/core/imageType';
import type { Codecs } from '../../src/core/imaging/codecs';
import { cutIcons, cutToSize, prepareForUpload } from '../../src/core/imaging/operations';
import { usesAlpha } from '../../src/core/raster';
import { codecsFromNodeModules, gradient, withExifOrientation } from './helpers/images';

let codecs: Codecs;
before(async () => {
  codecs = await codecsFromNodeModules();
});

test('cutToSize makes exactly the size asked, in the type that came in, without a warning when it only shrinks', async () => {
  const jpeg = await codecs.encodeJpeg(gradient(1024, 1024), 90);
  const cut = await cutToSize(codecs, jpeg, { width: 300, height: 200 });
  assert.deepEqual(imageSize(cut.bytes), { width: 300, height: 200 });
  assert.equal(sniffImageType(cut.bytes)?.extension, 'jpg');
  assert.equal(cut.upscaledFrom, undefined);
  const png = codecs.encodePng(gradient(64, 64, 100));
  const pngCut = await cutToSize(codecs, png, { width: 48, height: 16 });
  assert.equal(sniffImageType(pngCut.bytes)?.extension, 'png');
  assert.deepEqual(imageSize(pngCut.bytes), { width: 48, height: 16 });
  assert.ok(usesAlpha(await codecs.decode(pngCut.bytes)), 'transparency is kept');
});

test('cutToSize reports an upscale: the crop was smaller than the size', async () => {
  const jpeg = await codecs.encodeJpeg(gradient(160, 90), 90);
  const cut = await cutToSize(codecs, jpeg, { width: 320, height: 180 });
  assert.deepEqual(imageSize(cut.bytes), { width: 320, height: 180 });
  assert.deepEqual(cut.upscaledFrom, { width: 160, height: 90 });
});

test('the resampling is not nearest-neighbour and does not shift colours: a flat colour stays that colour', async () => {
  const flat = { data: new Uint8Array(200 * 100 * 4).map((_, i) => [200, 60, 20, 255][i % 4]), width: 200, height: 100 };
  const small = codecs.resize(flat, { width: 37, height: 19 }, false);
  for (let i = 0; i < small.data.length; i += 4) assert.deepEqual([...small.data.subarray(i, i + 4)], [200, 60, 20, 255]);
  // A two-pixel stripe pattern halved: nearest neighbour would keep pure black or white, Lanczos averages to grey.
  const stripes = { data: new Uint8Array(8 * 2 * 4).map((_, i) => (i % 4 === 3 ? 255 : Math.floor(i / 4) % 2 ? 255 : 0)), width: 8, height: 2 };
  const halved = codecs.resize(stripes, { width: 4, height: 1 }, false);
  assert.ok(halved.data[4] > 64 && halved.data[4] < 192, `grey, not ${halved.data[4]}`);
});

test('a photo is decoded the way its EXIF orientation says: a 6 turns 40×20 into 20×40', async () => {
  const jpeg = await codecs.encodeJpeg(gradient(40, 20), 90);
  const turned = await codecs.decode(withExifOrientation(jpeg, 6));
  assert.deepEqual([turned.width, turned.height], [20, 40]);
  // Orientation 6 is a quarter turn clockwise: the source's left column (red 0) becomes the top row.
  assert.ok(turned.data[0] < 20 && turned.data[(turned.width - 1) * 4] < 20, 'top row from the left column');
});

test('prepareForUpload: a large photo becomes a JPEG of about 4 megapixels, same aspect', async () => {
  const jpeg = await codecs.encodeJpeg(gradient(4500, 3000), 80);
  const copy = await prepareForUpload(codecs, jpeg);
  assert.equal(copy.mime, 'image/jpeg');
  assert.deepEqual([copy.width, copy.height], [2508, 1672]);
  assert.deepEqual(imageSize(copy.bytes), { width: 2508, height: 1672 });
});

test('prepareForUpload keeps transparency as PNG', async () => {
  const png = codecs.encodePng(gradient(4200, 100, 128));
  const copy = await prepareForUpload(codecs, png);
  assert.equal(copy.mime, 'image/png');
  assert.deepEqual([copy.width, copy.height], [4096, 98], 'within the pixel budget, but no longer than the service takes');
  assert.ok(usesAlpha(await codecs.decode(copy.bytes)));
});

test('undecodable inputs are refused by kind: damaged JPEG or PNG, WebP or GIF', async () => {
  await assert.rejects(codecs.decode(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0])), { name: 'UndecodableImage', reason: 'damaged' });
  await assert.rejects(codecs.decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2])), { name: 'UndecodableImage', reason: 'damaged' });
  await assert.rejects(codecs.decode(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])), { name: 'UndecodableImage', reason: 'unsupported-type' });
});

test('cutIcons: one square PNG per size from the centre of the image', async () => {
  const jpeg = await codecs.encodeJpeg(gradient(600, 400), 90);
  const icons = await cutIcons(codecs, jpeg, [512, 180, 48, 16]);
  assert.deepEqual(icons.map((icon) => [icon.size, imageSize(icon.png)?.width, imageSize(icon.png)?.height, sniffImageType(icon.png)?.extension]), [
    [512, 512, 512, 'png'],
    [180, 180, 180, 'png'],
    [48, 48, 48, 'png'],
    [16, 16, 16, 'png'],
  ]);
});
