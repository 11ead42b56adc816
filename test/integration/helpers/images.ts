// Real small images built byte by byte, so the sniffing and size reading of src/core/imageType.ts are
// checked against files written independently of it (PNG with node:zlib, JPEG with jpeg-js).
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { encode as encodeJpeg } from 'jpeg-js';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGB PNG; `pixel(x, y)` gives [r, g, b]. */
export function makePng(width: number, height: number, pixel = (x: number, y: number) => [x % 256, y % 256, 128]): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * stride + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Width, height, colour type and the inflated image data (filter bytes included) of a PNG, read chunk by chunk. */
export function readPng(bytes: Buffer): { width: number; height: number; colorType: number; idat: Buffer } {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9]!;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  return { width, height, colorType, idat: inflateSync(Buffer.concat(idat)) };
}

export function makeJpeg(width: number, height: number, quality = 80): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 7) % 256, (i * 3) % 256, 200, 255], i * 4);
  return encodeJpeg({ width, height, data }, quality).data;
}

function riff(chunkType: string, payload: Buffer): Buffer {
  const chunk = Buffer.alloc(8 + payload.length + (payload.length % 2));
  chunk.write(chunkType, 0, 'latin1');
  chunk.writeUInt32LE(payload.length, 4);
  payload.copy(chunk, 8);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + chunk.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, chunk]);
}

/** Lossy WebP: a VP8 key frame header (frame tag, start code, 14-bit sizes). */
export function makeWebpVp8(width: number, height: number): Buffer {
  const payload = Buffer.alloc(10 + 16);
  payload[0] = 0x10; payload[1] = 0x02; payload[2] = 0x00; // key frame, version 0, shown
  payload[3] = 0x9d; payload[4] = 0x01; payload[5] = 0x2a; // start code
  payload.writeUInt16LE(width & 0x3fff, 6);
  payload.writeUInt16LE(height & 0x3fff, 8);
  return riff('VP8 ', payload);
}

/** Lossless WebP: signature 0x2f, then width-1 and height-1 in 14 bits each. */
export function makeWebpVp8l(width: number, height: number): Buffer {
  const payload = Buffer.alloc(5 + 16);
  payload[0] = 0x2f;
  payload.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 1);
  return riff('VP8L', payload);
}

/** Extended WebP: flags, then canvas width-1 and height-1 in 24 bits each; `extra` bytes of further chunks. */
export function makeWebpVp8x(width: number, height: number, extra = 0): Buffer {
  const payload = Buffer.alloc(10);
  payload.writeUIntLE(width - 1, 4, 3);
  payload.writeUIntLE(height - 1, 7, 3);
  const file = riff('VP8X', payload);
  return extra ? Buffer.concat([file, Buffer.alloc(extra)]) : file;
}

/** A complete 1-colour GIF89a of the given size. */
export function makeGif(width: number, height: number): Buffer {
  const screen = Buffer.alloc(13);
  screen.write('GIF89a', 0, 'latin1');
  screen.writeUInt16LE(width, 6);
  screen.writeUInt16LE(height, 8);
  screen[10] = 0x80; // global colour table of 2 entries
  const palette = Buffer.from([0, 0, 0, 255, 255, 255]);
  const descriptor = Buffer.alloc(10);
  descriptor[0] = 0x2c;
  descriptor.writeUInt16LE(width, 5);
  descriptor.writeUInt16LE(height, 7);
  const data = Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00]); // LZW min size 2, one tiny block
  return Buffer.concat([screen, palette, descriptor, data, Buffer.from([0x3b])]);
}

/** The RGB samples of an 8-bit truecolour PNG, undoing the five row filters (written from the PNG spec, not the stand-in). */
export function pngPixels(bytes: Buffer): { width: number; height: number; rgb: Buffer } {
  const { width, height, colorType, idat } = readPng(bytes);
  if (colorType !== 2) throw new Error(`colour type ${colorType} is not 8-bit RGB`);
  const stride = width * 3;
  const rgb = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = idat[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const raw = idat[y * (stride + 1) + 1 + i]!;
      const left = i >= 3 ? rgb[y * stride + i - 3]! : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= 3 ? rgb[(y - 1) * stride + i - 3]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      rgb[y * stride + i] = (raw + predictor) & 0xff;
    }
  }
  return { width, height, rgb };
}
