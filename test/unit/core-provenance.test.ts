// The provenance record inside PNG and JPEG files: written without touching the pixel data, read back,
// replaced rather than duplicated, and refused (never a crash) in damaged files. Files are built and
// checked by code independent of the module (node:zlib, jpeg-js, the stand-in's PNG decoder).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { decode as decodeJpeg } from 'jpeg-js';
import { sniffImageType } from '../../src/core/imageType';
import { embedProvenance, embedProvenanceInHead, MAX_JPEG_COMMENT_BYTES, readProvenance, type Provenance } from '../../src/core/provenance';
import { makeGif, makeJpeg, makePng, makeWebpVp8l, PNG_SIGNATURE, pngPixels } from '../integration/helpers/images';
import { decodePng } from '../mock-api/png';

const RECORD: Provenance = {
  prompt: '一只戴着宇航员头盔的香蕉，漂浮在星空中 🍌🚀',
  model: 'nano-banana-2',
  taskId: '4d320ead-7f3c-4a51-9d0e-5c2a1b6f8e90',
  action: 'generate',
  aspectRatio: '16:9',
  resolution: '2K',
  createdAt: '2026-12-02T06:00:00.000Z',
};
const EDIT: Provenance = { prompt: '把背景换成夜空', model: 'nano-banana', taskId: 'b3a1c2d4', action: 'edit', resolution: '1K', createdAt: '2026-12-02T06:05:00.000Z' };

function stamp(bytes: Uint8Array, record = RECORD): Buffer {
  const parts = embedProvenance(bytes, record);
  assert.ok(parts, 'the format carries a record');
  return Buffer.concat(parts);
}

interface RawChunk { type: string; data: Buffer; crcValid: boolean }

/** Chunks as the PNG spec defines them, read here independently of the module. */
function rawChunks(png: Buffer): RawChunk[] {
  const found: RawChunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    found.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length), crcValid: crc32(typeAndData) === png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return found;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A PNG with these extra chunks between IHDR and IDAT (and before IEND, for `trailing`). */
function pngWith(extra: Buffer[], trailing: Buffer[] = []): Buffer {
  const chunks = rawChunks(makePng(9, 7)).map((chunk) => pngChunk(chunk.type, chunk.data));
  return Buffer.concat([PNG_SIGNATURE, chunks[0], ...extra, chunks[1], ...trailing, chunks[2]]);
}

const ourChunks = (png: Buffer) => rawChunks(png).filter((chunk) => chunk.type === 'iTXt' && chunk.data.subarray(0, 12).toString('latin1') === 'nano-banana\0');

/** The JPEG markers before the scan, e.g. ['E0', 'FE', 'DB', …]. */
function jpegMarkers(jpeg: Buffer): string[] {
  const markers: string[] = [];
  for (let at = 2; jpeg[at + 1] !== 0xda; at += 2 + jpeg.readUInt16BE(at + 2)) markers.push(jpeg[at + 1].toString(16).toUpperCase());
  return markers;
}
const scanOf = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));
const comments = (jpeg: Buffer) => {
  const found: string[] = [];
  for (let at = 2; jpeg[at + 1] !== 0xda; at += 2 + jpeg.readUInt16BE(at + 2)) {
    if (jpeg[at + 1] === 0xfe) found.push(jpeg.subarray(at + 4, at + 2 + jpeg.readUInt16BE(at + 2)).toString('utf8'));
  }
  return found;
};

describe('PNG', () => {
  const original = makePng(37, 21);

  test('the record reads back, Chinese and emoji intact, from an iTXt chunk with a valid CRC before the image data', () => {
    const stamped = stamp(original);
    assert.deepEqual(readProvenance(stamped), RECORD);
    const chunks = rawChunks(stamped);
    assert.deepEqual(chunks.map((chunk) => chunk.type), ['IHDR', 'iTXt', 'IDAT', 'IEND']);
    assert.ok(chunks.every((chunk) => chunk.crcValid), 'every CRC is valid');
    // keyword, NUL, uncompressed (0, 0), empty language tag and translated keyword, then UTF-8 JSON.
    const text = chunks[1].data;
    assert.equal(text.subarray(0, 16).toString('latin1'), 'nano-banana\0\0\0\0\0');
    assert.deepEqual(JSON.parse(text.subarray(16).toString('utf8')), RECORD);
  });

  test('pixels are untouched: IDAT bytes identical, and independent decoders read the same image', () => {
    const stamped = stamp(original);
    const idat = (png: Buffer) => Buffer.concat(rawChunks(png).filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data));
    assert.ok(idat(stamped).equals(idat(original)));
    assert.deepEqual(pngPixels(stamped), pngPixels(original));
    const decoded = decodePng(stamped);
    assert.ok(decoded, 'the stand-in decodes it');
    assert.deepEqual([decoded.width, decoded.height], [37, 21]);
    assert.ok(decoded.rgb.equals(pngPixels(original).rgb));
  });

  test('stamping again replaces our record, wherever it was, and keeps everyone else\'s text', () => {
    const description = pngChunk('tEXt', Buffer.from('Description\0a caption someone wrote', 'latin1'));
    const otherITxt = pngChunk('iTXt', Buffer.from('nano-banana-notes\0\0\0\0\0keep me', 'latin1'));
    const oldOurs = (record: Provenance) => rawChunks(stamp(makePng(2, 2), record)).find((chunk) => chunk.type === 'iTXt')!;
    const withOld = pngWith([description, otherITxt], [pngChunk('iTXt', oldOurs(RECORD).data)]);
    const restamped = stamp(stamp(withOld, RECORD), EDIT);
    assert.equal(ourChunks(restamped).length, 1);
    assert.deepEqual(readProvenance(restamped), EDIT);
    assert.deepEqual(rawChunks(restamped).map((chunk) => chunk.type), ['IHDR', 'tEXt', 'iTXt', 'iTXt', 'IDAT', 'IEND']);
    assert.ok(restamped.equals(stamp(pngWith([description, otherITxt]), EDIT)), 'as if the old record had never been there');
  });

  test('a long prompt is kept whole (a PNG chunk is not limited to 64 KB)', () => {
    const long = { ...RECORD, prompt: '香蕉'.repeat(40_000) };
    assert.deepEqual(readProvenance(stamp(original, long)), long);
  });

  test('a PNG without our record, or with a damaged one, reads as undefined', () => {
    assert.equal(readProvenance(original), undefined);
    const stamped = stamp(original);
    const flipped = Buffer.from(stamped);
    flipped[stamped.indexOf('"prompt"') + 2] ^= 0x20; // inside our chunk: its CRC no longer matches
    assert.equal(readProvenance(flipped), undefined);
    const iTxt = (text: string) => pngWith([pngChunk('iTXt', Buffer.concat([Buffer.from('nano-banana\0\0\0\0\0', 'latin1'), Buffer.from(text)]))]);
    assert.equal(readProvenance(iTxt('not json')), undefined);
    assert.equal(readProvenance(iTxt(JSON.stringify({ ...RECORD, taskId: 42 }))), undefined);
    assert.equal(readProvenance(iTxt(JSON.stringify({ ...RECORD, action: 'upscale' }))), undefined);
    assert.deepEqual(readProvenance(iTxt(JSON.stringify({ ...RECORD, extra: 'dropped' }))), RECORD);
    const compressed = pngWith([pngChunk('iTXt', Buffer.concat([Buffer.from('nano-banana\0\x01\0\0\0', 'latin1'), deflateSync(JSON.stringify(RECORD))]))]);
    assert.equal(readProvenance(compressed), undefined, 'we never write compressed text');
  });
});

describe('JPEG', () => {
  const original = makeJpeg(40, 24);

  test('the record reads back from a COM segment after APP0, and the scan bytes are identical', () => {
    const stamped = stamp(original);
    assert.deepEqual(readProvenance(stamped), RECORD);
    assert.deepEqual(jpegMarkers(stamped), ['E0', 'FE', ...jpegMarkers(original).slice(1)]);
    assert.equal(comments(stamped)[0], `nano-banana:${JSON.stringify(RECORD)}`);
    assert.ok(scanOf(stamped).equals(scanOf(original)));
    const [before, after] = [decodeJpeg(original, { useTArray: true }), decodeJpeg(stamped, { useTArray: true })];
    assert.deepEqual([after.width, after.height], [40, 24]);
    assert.ok(Buffer.from(after.data).equals(Buffer.from(before.data)), 'jpeg-js decodes the same pixels');
  });

  test('stamping again replaces our comment and keeps a foreign one', () => {
    const foreign = Buffer.from('Created with GIMP');
    const commentSegment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, foreign.length + 2]), foreign]);
    const withForeign = Buffer.concat([original.subarray(0, 20), commentSegment, original.subarray(20)]); // after APP0 (2 + 18 bytes)
    const restamped = stamp(stamp(withForeign, RECORD), EDIT);
    assert.deepEqual(comments(restamped), [`nano-banana:${JSON.stringify(EDIT)}`, 'Created with GIMP']);
    assert.deepEqual(readProvenance(restamped), EDIT);
    assert.ok(restamped.equals(stamp(withForeign, EDIT)));
  });

  test('a prompt too long for a COM segment is cut at a character, within 65533 bytes, and says so', () => {
    for (const unit of ['香蕉', '🍌', 'x🍌', 'ab']) {
      const long = { ...RECORD, prompt: unit.repeat(40_000) };
      const stamped = stamp(original, long);
      const read = readProvenance(stamped);
      assert.ok(read, unit);
      assert.equal(read.promptTruncated, true);
      assert.ok(long.prompt.startsWith(read.prompt), 'a prefix of the prompt');
      assert.doesNotMatch(read.prompt, /\p{Cs}|\ufffd/u, 'no half of a character');
      const commentBytes = Buffer.byteLength(comments(stamped)[0]);
      assert.ok(commentBytes <= MAX_JPEG_COMMENT_BYTES && commentBytes > MAX_JPEG_COMMENT_BYTES - 8, `${commentBytes} bytes: as long as fits`);
      assert.deepEqual({ ...read, prompt: '', promptTruncated: undefined }, { ...long, prompt: '', promptTruncated: undefined });
      assert.ok(scanOf(stamped).equals(scanOf(original)));
    }
  });

  test('a JPEG without our record reads as undefined', () => {
    assert.equal(readProvenance(original), undefined);
  });
});

describe('damaged and other files', () => {
  const files = { png: stamp(makePng(12, 9)), jpeg: stamp(makeJpeg(16, 8)) };

  for (const [name, whole] of Object.entries(files)) {
    test(`${name}: every truncation is refused by the reader and the writer, without a crash`, () => {
      for (let length = 0; length < whole.length; length++) {
        const cut = whole.subarray(0, length);
        assert.equal(readProvenance(cut), undefined, `cut at ${length}`);
        // Too short to be recognised at all, it is simply not a format that carries a record.
        if (sniffImageType(cut)) assert.throws(() => embedProvenance(cut, RECORD), /not a complete (PNG|JPEG) file/, `cut at ${length}`);
        else assert.equal(embedProvenance(cut, RECORD), undefined);
      }
    });

    test(`${name}: a corrupted byte anywhere never makes the reader throw`, () => {
      for (let at = 0; at < whole.length; at++) {
        const corrupted = Buffer.from(whole);
        corrupted[at] ^= 0xff;
        const read = readProvenance(corrupted);
        if (read) assert.deepEqual(read, RECORD, `a record read despite byte ${at} is still the true one`);
      }
    });
  }

  test('WebP and GIF are left alone, and have no record', () => {
    for (const file of [makeWebpVp8l(4, 4), makeGif(4, 4), Buffer.from('not an image')]) {
      assert.equal(embedProvenance(file, RECORD), undefined);
      assert.equal(readProvenance(file), undefined);
    }
  });
});

describe('stamping a file known by its head and tail', () => {
  const files = [
    ['png', makePng(400, 300)],
    ['png stamped before', stamp(makePng(400, 300), EDIT)],
    ['jpg', makeJpeg(400, 300)],
    ['jpg stamped before', stamp(makeJpeg(400, 300), EDIT)],
  ] as const;
  for (const [name, bytes] of files) {
    test(`${name}: the head's pieces, then the rest of the file from resumeAt, are the whole-file result`, () => {
      const plan = embedProvenanceInHead(bytes.subarray(0, 4096), bytes.subarray(bytes.length - 12), RECORD);
      assert.ok(plan);
      assert.ok(plan.resumeAt <= 4096);
      assert.ok(Buffer.concat([...plan.parts, bytes.subarray(plan.resumeAt)]).equals(stamp(bytes)));
      assert.deepEqual(readProvenance(Buffer.concat([...plan.parts, bytes.subarray(plan.resumeAt)])), RECORD);
    });
  }

  test('a head that stops before the image data, or a tail that is not the end marker, is refused', () => {
    const png = makePng(400, 300);
    const jpeg = makeJpeg(400, 300);
    assert.throws(() => embedProvenanceInHead(png.subarray(0, 20), png.subarray(png.length - 12), RECORD), /not a complete PNG file/);
    assert.throws(() => embedProvenanceInHead(png.subarray(0, 4096), png.subarray(png.length - 24, png.length - 12), RECORD), /not a complete PNG file/);
    assert.throws(() => embedProvenanceInHead(jpeg.subarray(0, 30), jpeg.subarray(jpeg.length - 12), RECORD), /not a complete JPEG file/);
    assert.throws(() => embedProvenanceInHead(jpeg.subarray(0, 4096), Buffer.from('  '), RECORD), /not a complete JPEG file/);
    assert.equal(embedProvenanceInHead(makeWebpVp8l(8, 8), Buffer.alloc(12), RECORD), undefined);
  });
});
