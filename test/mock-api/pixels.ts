// Pixel work on plain 8-bit RGB buffers: sizes, deterministic pictures, and the edit transform.
// Rows are built once and copied, because a 4K image is 50 MB and per-pixel JS would be slow.
import { createHash } from 'node:crypto';

export interface RgbImage {
  width: number;
  height: number;
  /** width * height * 3 bytes, row by row. */
  rgb: Buffer;
}

const LONG_SIDE: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 };

/** Pixel size the service returns for an aspect ratio and resolution (defaults 1:1 and 1K). */
export function imageSizeFor(aspectRatio: string | undefined, resolution: string | undefined): { width: number; height: number } {
  const long = LONG_SIDE[resolution ?? '1K'] ?? 1024;
  const match = /^(\d+):(\d+)$/.exec(aspectRatio ?? '1:1');
  const w = match ? Number(match[1]) : 1;
  const h = match ? Number(match[2]) : 1;
  if (w >= h) return { width: long, height: Math.round((long * h) / w) };
  return { width: Math.round((long * w) / h), height: long };
}

export function digest(...parts: Array<string | Buffer>): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest();
}

/**
 * Vertical stripes in two colours taken from the seed, darkening in 16 bands from top to bottom:
 * distinct per seed and cheap at any size.
 */
export function patternImage(seed: Buffer, width: number, height: number): RgbImage {
  const stride = width * 3;
  const rgb = Buffer.allocUnsafe(height * stride);
  const stripeWidth = 8 + (seed[6] % 56);
  const bands = 16;
  const bandHeight = Math.ceil(height / bands);
  for (let band = 0; band < bands; band++) {
    const shade = 1 - (0.4 * band) / (bands - 1);
    const colours = [seed.subarray(0, 3), seed.subarray(3, 6)].map((c) => Buffer.from(c.map((v) => Math.round(v * shade))));
    const row = Buffer.allocUnsafe(stride);
    for (let x = 0, i = 0; x < width; x += stripeWidth, i++) {
      row.fill(colours[i % 2], x * 3, Math.min(width, x + stripeWidth) * 3);
    }
    for (let y = band * bandHeight; y < Math.min(height, (band + 1) * bandHeight); y++) row.copy(rgb, y * stride);
  }
  return { width, height, rgb };
}

/**
 * Seeded xorshift pixels: incompressible, so PNG size approaches the raw size (memory benchmarks).
 * One block of about 1 MB is tiled: repeats that far apart are beyond deflate's 32 KB window.
 */
export function noiseImage(seed: Buffer, width: number, height: number): RgbImage {
  const length = width * height * 3;
  const words = new Uint32Array(Math.min(Math.ceil(length / 4), 262_139));
  let state = seed.readUInt32LE(0) || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  const block = Buffer.from(words.buffer);
  const rgb = Buffer.allocUnsafe(length);
  for (let at = 0; at < length; at += block.length) block.copy(rgb, at, 0, Math.min(block.length, length - at));
  return { width, height, rgb };
}

/** Colour negative; XOR by whole words is the same as 255 - v on every byte. */
export function invert(image: RgbImage): RgbImage {
  const rgb = Buffer.from(image.rgb);
  const words = Math.floor(rgb.length / 4);
  for (let i = 0; i < words; i++) rgb.writeInt32LE(rgb.readInt32LE(i * 4) ^ -1, i * 4);
  for (let i = words * 4; i < rgb.length; i++) rgb[i] ^= 0xff;
  return { width: image.width, height: image.height, rgb };
}

export function scaleNearest(image: RgbImage, width: number, height: number): RgbImage {
  if (image.width === width && image.height === height) return image;
  const stride = width * 3;
  const rgb = Buffer.allocUnsafe(height * stride);
  const sourceX = Array.from({ length: width }, (_, x) => Math.min(image.width - 1, Math.floor((x * image.width) / width)) * 3);
  let previousSourceY = -1;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.floor((y * image.height) / height));
    if (sy === previousSourceY) {
      rgb.copy(rgb, y * stride, (y - 1) * stride, y * stride);
      continue;
    }
    const src = sy * image.width * 3;
    for (let x = 0, d = y * stride; x < width; x++, d += 3) {
      const s = src + sourceX[x];
      rgb[d] = image.rgb[s];
      rgb[d + 1] = image.rgb[s + 1];
      rgb[d + 2] = image.rgb[s + 2];
    }
    previousSourceY = sy;
  }
  return { width, height, rgb };
}
