// Decoded pixels (RGBA, 8 bits a channel, rows top to bottom) and the exact operations on them that need
// no resampling: cutting out a rectangle, turning by an EXIF orientation, telling whether alpha is used.
import type { Orientation } from './exifOrientation';
import type { Rectangle } from './imageGeometry';

export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The pixels inside `rect`, copied row by row. */
export function cropRaster(raster: Raster, rect: Rectangle): Raster {
  if (rect.x === 0 && rect.y === 0 && rect.width === raster.width && rect.height === raster.height) return raster;
  const out = new Uint8Array(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row++) {
    const from = ((rect.y + row) * raster.width + rect.x) * 4;
    out.set(raster.data.subarray(from, from + rect.width * 4), row * rect.width * 4);
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

/** One 32-bit word per pixel, so a move copies all four channels at once. */
function pixelsOf({ data }: Raster): Uint32Array {
  const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}
