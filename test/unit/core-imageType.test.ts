// File type and pixel size from the bytes of real small images, never from a name.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decode as decodeJpeg } from 'jpeg-js';
import { imageSize, sniffImageType, SNIFF_BYTES } from '../../src/core/imageType';
import {
  makeGif, makeJpeg, makePng, makeWebpVp8, makeWebpVp8l, makeWebpVp8x, readPng,
} from '../integration/helpers/images';

describe('PNG', () => {
  const png = makePng(37, 21);

  test('the builder writes a real PNG (checked independently)', () => {
    const read = readPng(png);
    assert.deepEqual([read.width, read.height, read.colorType], [37, 21, 2]);
    assert.equal(read.idat.length, 21 * (37 * 3 + 1));
  });

  test('type and size', () => {
    assert.deepEqual(sniffImageType(png), { mime: 'image/png', extension: 'png' });
    assert.deepEqual(imageSize(png), { width: 37, height: 21 });
  });

  test('sizes beyond 16 bits', () => {
    const header = Buffer.from(makePng(1, 1).subarray(0, 33));
    header.writeUInt32BE(70_000, 16);
    header.writeUInt32BE(65_536, 20);
    assert.deepEqual(imageSize(header), { width: 70_000, height: 65_536 });
  });

  test('the first SNIFF_BYTES are enough', () => {
    assert.deepEqual(imageSize(png.subarray(0, SNIFF_BYTES)), { width: 37, height: 21 });
  });
});

describe('JPEG', () => {
  test('type and size of a jpeg-js file', () => {
    const jpeg = makeJpeg(40, 24);
    assert.equal(decodeJpeg(jpeg).width, 40, 'jpeg-js reads back its own file');
    assert.deepEqual(sniffImageType(jpeg), { mime: 'image/jpeg', extension: 'jpg' });
    assert.deepEqual(imageSize(jpeg), { width: 40, height: 24 });
  });

  test('width and height are not swapped', () => {
    assert.deepEqual(imageSize(makeJpeg(8, 50)), { width: 8, height: 50 });
  });

  test('the size marker is found behind metadata segments', () => {
    const jpeg = makeJpeg(16, 12);
    const comment = Buffer.alloc(4 + 3000, 0x41);
    comment[0] = 0xff;
    comment[1] = 0xfe; // COM
    comment.writeUInt16BE(2 + 3000, 2);
    const withComment = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]);
    assert.deepEqual(imageSize(withComment), { width: 16, height: 12 });
  });

  test('fill bytes before a marker are skipped, as in the provenance reader', () => {
    const jpeg = makeJpeg(16, 12);
    const filled = Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xff]), jpeg.subarray(2)]);
    assert.deepEqual(imageSize(filled), { width: 16, height: 12 });
  });

  test('a head cut after the size marker but before the scan still gives the size', () => {
    const jpeg = makeJpeg(16, 12);
    const scan = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    assert.deepEqual(imageSize(jpeg.subarray(0, scan)), { width: 16, height: 12 });
  });

  test('a head cut before the size marker gives no size, but still the type', () => {
    const head = makeJpeg(16, 12).subarray(0, 20);
    assert.equal(sniffImageType(head)?.extension, 'jpg');
    assert.equal(imageSize(head), undefined);
  });
});

describe('WebP', () => {
  test('VP8 (lossy)', () => {
    const webp = makeWebpVp8(300, 150);
    assert.deepEqual(sniffImageType(webp), { mime: 'image/webp', extension: 'webp' });
    assert.deepEqual(imageSize(webp), { width: 300, height: 150 });
  });

  test('VP8L (lossless)', () => {
    const webp = makeWebpVp8l(1024, 768);
    assert.equal(sniffImageType(webp)?.mime, 'image/webp');
    assert.deepEqual(imageSize(webp), { width: 1024, height: 768 });
  });

  test('VP8L at the 14-bit maximum', () => {
    assert.deepEqual(imageSize(makeWebpVp8l(16_384, 16_384)), { width: 16_384, height: 16_384 });
  });

  test('VP8X (extended), sizes beyond 16 bits', () => {
    const webp = makeWebpVp8x(100_000, 70_000, 32);
    assert.equal(sniffImageType(webp)?.extension, 'webp');
    assert.deepEqual(imageSize(webp), { width: 100_000, height: 70_000 });
  });

  test('VP8X: the 30-byte header alone is enough and does not throw', () => {
    const header = makeWebpVp8x(640, 480);
    assert.equal(header.length, 30);
    assert.deepEqual(imageSize(header), { width: 640, height: 480 });
  });

  test('a RIFF that is not WebP (WAV) is not an image', () => {
    const wav = Buffer.alloc(44);
    wav.write('RIFF', 0, 'latin1');
    wav.write('WAVE', 8, 'latin1');
    assert.equal(sniffImageType(wav), undefined);
    assert.equal(imageSize(wav), undefined);
  });
});

describe('GIF', () => {
  test('type and size', () => {
    const gif = makeGif(320, 200);
    assert.deepEqual(sniffImageType(gif), { mime: 'image/gif', extension: 'gif' });
    assert.deepEqual(imageSize(gif), { width: 320, height: 200 });
  });

  test('GIF87a too', () => {
    const gif = makeGif(5, 6);
    gif.write('GIF87a', 0, 'latin1');
    assert.deepEqual(imageSize(gif), { width: 5, height: 6 });
  });
});

describe('not images', () => {
  const samples: Array<[string, Buffer]> = [
    ['empty', Buffer.alloc(0)],
    ['HTML error page', Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>')],
    ['JSON', Buffer.from('{"success":false,"error":{"code":"api_error"}}')],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['PNG signature with one byte wrong', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b]), Buffer.alloc(24)])],
    ['truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e])],
    ['lone 0xFF 0xD8', Buffer.from([0xff, 0xd8])],
  ];
  for (const [name, bytes] of samples) {
    test(name, () => {
      assert.equal(sniffImageType(bytes), undefined);
      assert.equal(imageSize(bytes), undefined);
    });
  }

  test('a subarray of a larger buffer is read at its own offset', () => {
    const png = makePng(9, 7);
    const padded = Buffer.concat([Buffer.from('garbage!'), png]);
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 8, png.length);
    assert.deepEqual(imageSize(view), { width: 9, height: 7 });
  });
});
