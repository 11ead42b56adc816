// Local images become data URIs typed by their bytes; oversized and non-image files are refused by name.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertInputImageSize, imageDataUri, InputImageError, MAX_INPUT_IMAGE_BYTES } from '../../src/core/dataUri';
import { makeGif, makeJpeg, makePng, makeWebpVp8l } from '../integration/helpers/images';

const payload = (uri: string) => Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64');

describe('imageDataUri', () => {
  test('a PNG round-trips exactly', () => {
    const png = makePng(12, 8);
    const uri = imageDataUri(png, 'photo.png');
    assert.ok(uri.startsWith('data:image/png;base64,'));
    assert.ok(payload(uri).equals(png));
  });

  test('the type comes from the bytes: a PNG named .jpg is image/png', () => {
    assert.ok(imageDataUri(makePng(4, 4), 'holiday.jpg').startsWith('data:image/png;base64,'));
  });

  test('a JPEG named .png is image/jpeg', () => {
    const jpeg = makeJpeg(8, 8);
    const uri = imageDataUri(jpeg, 'logo.png');
    assert.ok(uri.startsWith('data:image/jpeg;base64,'));
    assert.ok(payload(uri).equals(jpeg));
  });

  test('WebP and GIF', () => {
    assert.ok(imageDataUri(makeWebpVp8l(3, 3), 'a.webp').startsWith('data:image/webp;base64,'));
    assert.ok(imageDataUri(makeGif(3, 3), 'a.gif').startsWith('data:image/gif;base64,'));
  });

  test('only the viewed bytes of a Uint8Array are encoded', () => {
    const png = makePng(5, 5);
    const padded = Buffer.concat([Buffer.alloc(11, 0xaa), png, Buffer.alloc(7, 0xbb)]);
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 11, png.length);
    assert.ok(payload(imageDataUri(view, 'v.png')).equals(png));
  });

  test('exactly 10 MB is accepted', () => {
    const bytes = Buffer.alloc(MAX_INPUT_IMAGE_BYTES);
    makePng(2, 2).copy(bytes);
    assert.ok(imageDataUri(bytes, 'big.png').startsWith('data:image/png;base64,'));
  });

  test('over 10 MB is refused with a message naming the file', () => {
    const bytes = Buffer.alloc(MAX_INPUT_IMAGE_BYTES + 1);
    makePng(2, 2).copy(bytes);
    assert.throws(
      () => imageDataUri(bytes, 'huge-scan.png'),
      (error: unknown) =>
        error instanceof InputImageError &&
        error.fileName === 'huge-scan.png' &&
        error.message.includes('"huge-scan.png"') &&
        /10 MB/.test(error.message),
    );
  });

  test('a file can be refused by its size alone, before it is read, with the same message', () => {
    assert.doesNotThrow(() => assertInputImageSize(MAX_INPUT_IMAGE_BYTES, 'fits.png'));
    assert.throws(
      () => assertInputImageSize(25 * 1024 * 1024, 'scan.tif.png'),
      (error: unknown) => error instanceof InputImageError && error.fileName === 'scan.tif.png' && error.message.startsWith('"scan.tif.png" is 25.0 MB; the service accepts images of at most 10 MB.'),
    );
  });

  test('a non-image is refused with a message naming the file', () => {
    assert.throws(
      () => imageDataUri(Buffer.from('%PDF-1.7\n'), 'report.png'),
      (error: unknown) =>
        error instanceof InputImageError && error.fileName === 'report.png' && /"report\.png" is not a PNG, JPEG, WebP or GIF/.test(error.message),
    );
  });

  test('an empty file is refused', () => {
    assert.throws(() => imageDataUri(new Uint8Array(0), 'empty.png'), InputImageError);
  });
});
