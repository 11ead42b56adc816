// Minimal PNG codec: enough to write the stand-in's results and to read the inputs clients
// send for edits (8-bit, non-interlaced, as common tools and browsers produce).
import { crc32, deflate, inflateSync } from 'node:zlib';
import { promisify } from 'node:util';
import type { RgbImage } from './pixels';

const deflateAsync = promisify(deflate);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * 8-bit RGB, filter 0 on every row. Deflate runs on the thread pool so a 4K result does not stall
 * the server while other requests are in flight. `incompressible` pixels (noise) are stored
 * uncompressed: deflate could not shrink them and would only cost seconds.
 */
export async function encodePng(image: RgbImage, incompressible = false): Promise<Buffer> {
  const { width, height, rgb } = image;
  const stride = width * 3;
  const raw = Buffer.allocUnsafe(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    raw[at] = 0;
    rgb.copy(raw, at + 1, y * stride, (y + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const idat = await deflateAsync(raw, { level: incompressible ? 0 : 6, chunkSize: 1 << 20 });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

export function isPng(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.subarray(0, 8).equals(SIGNATURE);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Undoes the per-row filters (all five types); returns the samples without the filter bytes. */
function unfilter(data: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      let predictor: number;
      switch (type) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: predictor = paeth(a, b, c); break;
        default: throw new Error(`bad PNG filter ${type}`);
      }
      out[row + x] = (data[src + x] + predictor) & 0xff;
    }
  }
  return out;
}

/** Returns undefined for anything outside the supported subset; callers fall back then. */
export function decodePng(bytes: Buffer): RgbImage | undefined {
  if (!isPng(bytes)) return undefined;
  try {
    let width = 0, height = 0, colourType = -1, palette: Buffer | undefined;
    const idat: Buffer[] = [];
    for (let at = 8; at + 8 <= bytes.length; ) {
      const length = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      const data = bytes.subarray(at + 8, at + 8 + length);
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        if (data[8] !== 8 || data[12] !== 0) return undefined; // 8-bit, non-interlaced only
        colourType = data[9];
      } else if (type === 'PLTE') palette = data;
      else if (type === 'IDAT') idat.push(data);
      else if (type === 'IEND') break;
      at += 12 + length;
    }
    const channels = CHANNELS[colourType];
    if (!channels || width === 0 || height === 0 || (colourType === 3 && !palette)) return undefined;
    const samples = unfilter(inflateSync(Buffer.concat(idat)), width, height, channels);
    const rgb = Buffer.allocUnsafe(width * height * 3);
    for (let p = 0, s = 0, d = 0; p < width * height; p++, s += channels, d += 3) {
      if (colourType === 3) {
        const entry = samples[s] * 3;
        rgb[d] = palette![entry]; rgb[d + 1] = palette![entry + 1]; rgb[d + 2] = palette![entry + 2];
      } else if (channels >= 3) {
        rgb[d] = samples[s]; rgb[d + 1] = samples[s + 1]; rgb[d + 2] = samples[s + 2];
      } else {
        rgb[d] = rgb[d + 1] = rgb[d + 2] = samples[s]; // grey; alpha, if any, is dropped
      }
    }
    return { width, height, rgb };
  } catch {
    return undefined;
  }
}
