// Decoded pixels (RGBA, 8 bits a channel, rows top to bottom) and the exact operations on them that need
// no resampling: cutting out a rectangle, turning by an EXIF orientation, telling whether alpha is used
// and where, flattening onto white.
import type { Orientation } from './exifOrientation';
import type { Rectangle } from './imageGeometry';

export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The pixels inside `rect`, copied row by row; where `rect` reaches past the image, transparent pixels. */
export function cropRaster(raster: Raster, rect: Rectangle): Raster {
  if (rect.x === 0 && rect.y === 0 && rect.width === raster.width && rect.height === raster.height) return raster;
  const out = new Uint8Array(rect.width * rect.height * 4);
  const left = Math.max(0, -rect.x);
  const right = Math.min(rect.width, raster.width - rect.x);
  for (let row = Math.max(0, -rect.y); row < Math.min(rect.height, raster.height - rect.y); row++) {
    if (right <= left) break;
    const from = ((rect.y + row) * raster.width + rect.x + left) * 4;
    out.set(raster.data.subarray(from, from + (right - left) * 4), (row * rect.width + left) * 4);
  }
  return { data: out, width: rect.width, height: rect.height };
}

/** The pixels as the orientation tag says they are to be shown (orientation 1: unchanged). */
export function orientRaster(raster: Raster, orientation: Orientation): Raster {
  if (orientation === 1) return raster;
  const { width: w, height: h } = raster;
  const source = pixelsOf(raster);
  const turned = orientation >= 5;
  const outWidth = turned ? h : w;
  const out = new Uint32Array(w * h);
  // Where the source pixel (x, y) lands, per tag value: mirrors (2, 4), half turn (3), quarter turns and transpositions (5 to 8).
  const place: Record<Orientation, (x: number, y: number) => number> = {
    1: (x, y) => y * outWidth + x,
    2: (x, y) => y * outWidth + (w - 1 - x),
    3: (x, y) => (h - 1 - y) * outWidth + (w - 1 - x),
    4: (x, y) => (h - 1 - y) * outWidth + x,
    5: (x, y) => x * outWidth + y,
    6: (x, y) => x * outWidth + (h - 1 - y),
    7: (x, y) => (w - 1 - x) * outWidth + (h - 1 - y),
    8: (x, y) => (w - 1 - x) * outWidth + y,
  };
  const target = place[orientation];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[target(x, y)] = source[y * w + x];
  return { data: new Uint8Array(out.buffer), width: outWidth, height: turned ? w : h };
}

/**
 * Half the width and height (rounded down), each pixel the average of the 2×2 block it replaces: area
 * averaging, exact for opaque pixels, and a fraction of the cost of a Lanczos pass over the full image.
 * For opaque images only: averaging unpremultiplied colours would darken transparent edges.
 */
export function halveRaster(raster: Raster): Raster {
  const width = raster.width >> 1;
  const height = raster.height >> 1;
  const { data } = raster;
  const out = new Uint8Array(width * height * 4);
  const row = raster.width * 4;
  for (let y = 0; y < height; y++) {
    let from = y * 2 * row;
    let to = y * width * 4;
    for (let x = 0; x < width; x++, from += 8, to += 4) {
      for (let c = 0; c < 4; c++) out[to + c] = (data[from + c] + data[from + 4 + c] + data[from + row + c] + data[from + row + 4 + c] + 2) >> 2;
    }
  }
  return { data: out, width, height };
}

/** True when any pixel is not fully opaque: such an image must stay PNG to keep its transparency. */
export function usesAlpha(raster: Raster): boolean {
  const { data } = raster;
  for (let at = 3; at < data.length; at += 4) if (data[at] !== 255) return true;
  return false;
}

/** The smallest rectangle holding every pixel of at least `minAlpha`; undefined when there is none. */
export function alphaBounds(raster: Raster, minAlpha: number): Rectangle | undefined {
  const { data, width, height } = raster;
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    let first = -1;
    let last = -1;
    for (let x = 0, at = y * width * 4 + 3; x < width; x++, at += 4) {
      if (data[at] < minAlpha) continue;
      if (first < 0) first = x;
      last = x;
    }
    if (first < 0) continue;
    if (top > y) top = y;
    bottom = y;
    if (left > first) left = first;
    if (right < last) right = last;
  }
  return bottom < 0 ? undefined : { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * `sharp` where `soft` (the same pixels resampled without ringing) has any alpha, fully transparent
 * elsewhere: the faint echoes a Lanczos kernel leaves a pixel or two beyond a sprite's edge (a box of
 * alpha 2 to 8 around it) are removed, and transparent pixels get colour 0, 0, 0 too.
 */
export function clearBeyondCoverage(sharp: Raster, soft: Raster): Raster {
  const out = sharp.data;
  const coverage = soft.data;
  for (let at = 0; at < out.length; at += 4) {
    if (coverage[at + 3] === 0 || out[at + 3] === 0) out[at] = out[at + 1] = out[at + 2] = out[at + 3] = 0;
  }
  return sharp;
}

/** The pixels composited onto opaque white, as they look on a white page. */
export function compositeOnWhite(raster: Raster): Raster {
  const { data } = raster;
  const out = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += 4) {
    const alpha = data[at + 3];
    const white = 255 - alpha;
    out[at] = (data[at] * alpha + 255 * white + 127) / 255;
    out[at + 1] = (data[at + 1] * alpha + 255 * white + 127) / 255;
    out[at + 2] = (data[at + 2] * alpha + 255 * white + 127) / 255;
    out[at + 3] = 255;
  }
  return { data: out, width: raster.width, height: raster.height };
}

/** One 32-bit word per pixel, so a move copies all four channels at once. */
function pixelsOf({ data }: Raster): Uint32Array {
  const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}
