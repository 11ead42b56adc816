// The arithmetic of exact sizes: which part of an image a crop keeps, how large a copy may be, and which
// ratio and resolution to ask the service for so that a crop of its result still covers the size wanted.
import type { PixelSize } from './pixelSize';
import { ASPECT_RATIOS } from './options';

export interface Rectangle extends PixelSize {
  x: number;
  y: number;
}

/**
 * The centred part of `source` with `target`'s aspect ratio, as large as fits: what "cover" keeps
 * before it is resized to exactly `target`.
 */
export function coverCrop(source: PixelSize, target: PixelSize): Rectangle {
  const scale = Math.max(target.width / source.width, target.height / source.height);
  const width = Math.min(source.width, Math.max(1, Math.round(target.width / scale)));
  const height = Math.min(source.height, Math.max(1, Math.round(target.height / scale)));
  return { x: Math.floor((source.width - width) / 2), y: Math.floor((source.height - height) / 2), width, height };
}

/**
 * What "trim" keeps of a cut-out: the subject's `bounds` with `margin` (a share of their longer side) on
 * every side, widened or heightened about their centre to `target`'s aspect ratio. It may reach past the
 * image; what lies beyond is transparent.
 */
export function subjectFrame(bounds: Rectangle, target: PixelSize, margin: number): Rectangle {
  const pad = Math.round(Math.max(bounds.width, bounds.height) * margin);
  let width = bounds.width + 2 * pad;
  let height = bounds.height + 2 * pad;
  if (width * target.height < height * target.width) width = Math.max(1, Math.round((height * target.width) / target.height));
  else height = Math.max(1, Math.round((width * target.height) / target.width));
  const x = Math.round(bounds.x + bounds.width / 2 - width / 2);
  const y = Math.round(bounds.y + bounds.height / 2 - height / 2);
  return { x, y, width, height };
}

/** `size` shrunk, keeping its aspect, until its long side is at most `maxLongSide`; unchanged if it already is. */
export function fitWithin(size: PixelSize, maxLongSide: number): PixelSize {
  const longSide = Math.max(size.width, size.height);
  if (longSide <= maxLongSide) return size;
  const scale = maxLongSide / longSide;
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * The supported ratio closest to `width`:`height` (compared on a log scale, so 2:1 is as far from
 * 1:1 as 1:2 is), or undefined unless both are given.
 */
export function aspectRatioFor(width: number | undefined, height: number | undefined): string | undefined {
  if (!width || !height || width <= 0 || height <= 0) return undefined;
  const wanted = Math.log(width / height);
  let best: string = ASPECT_RATIOS[0];
  let bestDistance = Infinity;
  for (const ratio of ASPECT_RATIOS) {
    const [w, h] = ratio.split(':').map(Number);
    const distance = Math.abs(Math.log(w / h) - wanted);
    if (distance < bestDistance) [best, bestDistance] = [ratio, distance];
  }
  return best;
}

/** `size` shrunk, keeping its aspect, until it has at most `maxPixels` pixels; unchanged if it already has. */
export function fitWithinArea(size: PixelSize, maxPixels: number): PixelSize {
  const scale = Math.sqrt(maxPixels / (size.width * size.height));
  if (scale >= 1) return size;
  // Rounded down, so the product stays within the budget.
  return { width: Math.max(1, Math.floor(size.width * scale)), height: Math.max(1, Math.floor(size.height * scale)) };
}

const LONG_SIDE: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 };

/** The size the service makes for a ratio and resolution, going by its documented long side. */
export function nominalSize(aspectRatio: string, resolution: string): PixelSize {
  const [w, h] = aspectRatio.split(':').map(Number);
  const long = LONG_SIDE[resolution] ?? 1024;
  return w >= h ? { width: long, height: Math.round((long * h) / w) } : { width: Math.round((long * w) / h), height: long };
}

/**
 * What to generate for an exact size: the nearest ratio, and the smallest resolution of `supported`
 * (smallest first) whose cover crop is at least `target`; the largest when none is, to be upscaled.
 */
export function generationFor(target: PixelSize, supported: readonly string[]): { aspectRatio: string; resolution: string; upscaled: boolean } {
  const aspectRatio = aspectRatioFor(target.width, target.height) ?? '1:1';
  const candidates = supported.length > 0 ? supported : ['1K'];
  for (const resolution of candidates) {
    const crop = coverCrop(nominalSize(aspectRatio, resolution), target);
    if (crop.width >= target.width && crop.height >= target.height) return { aspectRatio, resolution, upscaled: false };
  }
  return { aspectRatio, resolution: candidates[candidates.length - 1], upscaled: true };
}
