// Image fixtures built in the test: codecs loaded from node_modules, JPEGs with an EXIF orientation,
// and an .ico reader to check what the writer produced.
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { loadCodecs, WASM_FILES, type Codecs } from '../../../src/core/imaging/codecs';

const MODULES = join(__dirname, '..', '..', '..', 'node_modules', '@jsquash');
const WASM_PATHS: Record<string, string> = {
  [WASM_FILES.jpegDecoder]: join(MODULES, 'jpeg', 'codec', 'dec', WASM_FILES.jpegDecoder),
  [WASM_FILES.jpegEncoder]: join(MODULES, 'jpeg', 'codec', 'enc', WASM_FILES.jpegEncoder),
  [WASM_FILES.resizer]: join(MODULES, 'resize', 'lib', 'resize', 'pkg', WASM_FILES.resizer),
};

/** The same codecs the worker loads from dist/, found where npm installed them. */
export function codecsFromNodeModules(): Promise<Codecs> {
  return loadCodecs((name) => WASM_PATHS[name]);
}

/** RGBA pixels: each pixel's colour tells where it came from (red = x, green = y), alpha as given. */
export function gradient(width: number, height: number, alpha = 255): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([Math.round((x * 255) / Math.max(1, width - 1)), Math.round((y * 255) / Math.max(1, height - 1)), 128, alpha], (y * width + x) * 4);
  }
  return { data, width, height };
}

/**
 * A JPEG with enough grain to weigh what a phone photo does: 6000×4000 at quality 82 is about 12 MB.
 * Deterministic, so every run sends the same bytes.
 */
export async function grainyPhoto(codecs: Codecs, width: number, height: number, quality = 82): Promise<Uint8Array> {
  const data = new Uint8Array(width * height * 4);
  let seed = 1;
  for (let i = 0; i < data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const grain = (seed >>> 24) & 63;
    const x = (i / 4) % width;
    const y = Math.floor(i / 4 / width);
    data.set([((x >> 3) + grain) & 255, ((y >> 3) + grain) & 255, (grain * 3) & 255, 255], i);
  }
  return codecs.encodeJpeg({ data, width, height }, quality);
}

/** `jpeg` with an Exif APP1 segment (big-endian TIFF, IFD0 holding only Orientation) right after SOI. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number, byteOrder: 'II' | 'MM' = 'MM'): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 12 + 4);
  const view = new DataView(tiff.buffer);
  const little = byteOrder === 'II';
  tiff.set([byteOrder.charCodeAt(0), byteOrder.charCodeAt(1)]);
  view.setUint16(2, 42, little);
  view.setUint32(4, 8, little);
  view.setUint16(8, 1, little);
  view.setUint16(10, 0x0112, little);
  view.setUint16(12, 3, little); // SHORT
  view.setUint32(14, 1, little);
  view.setUint16(18, orientation, little);
  const payload = new Uint8Array([...Buffer.from('Exif\0\0', 'latin1'), ...tiff]);
  const segment = new Uint8Array([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload]);
  return new Uint8Array([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}

export interface ParsedIcoEntry {
  width: number;
  height: number;
  bitsPerPixel: number;
  data: Uint8Array;
}

/** Reads an .ico's directory and each entry's bytes, checking the header as a reader would. */
export function parseIco(bytes: Uint8Array): ParsedIcoEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) throw new Error('not an icon file');
  const count = view.getUint16(4, true);
  return Array.from({ length: count }, (_, index) => {
    const at = 6 + index * 16;
    const size = view.getUint32(at + 8, true);
    const offset = view.getUint32(at + 12, true);
    if (offset + size > bytes.length) throw new Error(`entry ${index} runs past the end of the file`);
    return { width: bytes[at] || 256, height: bytes[at + 1] || 256, bitsPerPixel: view.getUint16(at + 6, true), data: bytes.subarray(offset, offset + size) };
  });
}

/**
 * A PNG whose header claims `width`×`height` while it carries only a few rows of pixels: a few hundred
 * bytes that a decoder would expand into gigabytes (a decompression bomb). Its chunks' CRCs are right,
 * so only the size gives it away.
 */
export function pngClaiming(width: number, height: number, rows = 4): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6], 8); // 8-bit RGBA
  const pixels = deflateSync(Buffer.alloc(rows * (width * 4 + 1)));
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]));
}

/** The header of a baseline JPEG claiming `width`×`height` (up to its first scan): all a size reader sees. */
export function jpegClaiming(width: number, height: number): Uint8Array {
  const frame = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  const scan = [0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00];
  return new Uint8Array([0xff, 0xd8, ...frame, ...scan, 0x00, 0xff, 0xd9]);
}

/** RGB pixels (three bytes each, as the stand-in draws them) as an opaque RGBA raster. */
export function opaqueRaster(image: { width: number; height: number; rgb: Uint8Array }): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(image.width * image.height * 4);
  for (let from = 0, to = 0; from < image.rgb.length; from += 3, to += 4) {
    data[to] = image.rgb[from];
    data[to + 1] = image.rgb[from + 1];
    data[to + 2] = image.rgb[from + 2];
    data[to + 3] = 255;
  }
  return { data, width: image.width, height: image.height };
}
