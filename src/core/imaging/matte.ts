// Difference matting: the same subject rendered over pure white (W) and over pure black (B) gives its
// alpha exactly, where keying a colour out cannot: per channel W − B = (1 − α)·255, whatever the subject's
// colour, so white and black parts of the subject stay opaque, glass stays half transparent, and soft edges
// and shadows keep their softness. The colour is B/α: from the black render, so no white fringe.
import type { Raster } from '../raster';

/** α within this of 0 or of 1 is taken to be exactly that: the last levels of rounding and noise. */
const SNAP_LEVELS = 2;
/** Where the matte says at least this opaque, the two renders must show the same pixels. */
export const OPAQUE_ALPHA = 0.95;
/**
 * A channel off by more than this from what the matte explains counts as the renders disagreeing: well
 * above the few levels of a JPEG's noise (quality 85), well below a shifted or redrawn detail.
 */
export const DISAGREEMENT_LEVELS = 24;
/** Share of the opaque pixels that may disagree before the subject is said to have moved between the steps. */
export const MOVED_SHARE = 0.02;

export interface MatteResult {
  /** RGBA, not premultiplied; fully transparent pixels are 0, 0, 0, 0. */
  raster: Raster;
  /** Share (0..1) of the pixels the matte calls opaque where the white and black renders disagree. */
  disagreement: number;
  /** `disagreement` above MOVED_SHARE: the subject moved or was redrawn between the two steps. */
  moved: boolean;
}

/** `white` and `black`: decoded RGBA of the two renders, already of the same size. */
export function differenceMatte(white: Raster, black: Raster): MatteResult {
  if (white.width !== black.width || white.height !== black.height) {
    throw new RangeError(`the two renders differ in size: ${white.width}×${white.height} and ${black.width}×${black.height}`);
  }
  const w = white.data;
  const b = black.data;
  const out = new Uint8Array(w.length);
  let opaque = 0;
  let disagreeing = 0;
  for (let at = 0; at < w.length; at += 4) {
    const dr = w[at] - b[at];
    const dg = w[at + 1] - b[at + 1];
    const db = w[at + 2] - b[at + 2];
    const sum = dr + dg + db;
    const alpha = ALPHA_OF_SUM[sum + 765];
    if (alpha >= OPAQUE_LEVEL) {
      // What the matte cannot explain: each channel's difference should be the mean one (never negative).
      const expected = sum > 0 ? sum / 3 : 0;
      opaque++;
      if (Math.abs(dr - expected) > DISAGREEMENT_LEVELS || Math.abs(dg - expected) > DISAGREEMENT_LEVELS || Math.abs(db - expected) > DISAGREEMENT_LEVELS) disagreeing++;
    }
    if (alpha === 0) continue;
    // Colour = B / α, in fixed point.
    const scale = UNPREMULTIPLY[alpha];
    const r = (b[at] * scale + HALF) >>> FRACTION_BITS;
    const g = (b[at + 1] * scale + HALF) >>> FRACTION_BITS;
    const bl = (b[at + 2] * scale + HALF) >>> FRACTION_BITS;
    out[at] = r > 255 ? 255 : r;
    out[at + 1] = g > 255 ? 255 : g;
    out[at + 2] = bl > 255 ? 255 : bl;
    out[at + 3] = alpha;
  }
  const disagreement = opaque === 0 ? 0 : disagreeing / opaque;
  return { raster: { data: out, width: white.width, height: white.height }, disagreement, moved: disagreement > MOVED_SHARE };
}

const OPAQUE_LEVEL = Math.ceil(OPAQUE_ALPHA * 255);

/**
 * Alpha for each sum of the three channels' differences (−765..765, offset by 765): 255 less their mean,
 * rounded, clamped and snapped. A table, because this runs for every pixel.
 */
const ALPHA_OF_SUM = Uint8Array.from({ length: 1531 }, (_, index) => {
  const alpha = Math.min(255, Math.max(0, 255 - Math.round((index - 765) / 3)));
  return alpha <= SNAP_LEVELS ? 0 : alpha >= 255 - SNAP_LEVELS ? 255 : alpha;
});

const FRACTION_BITS = 16;
const HALF = 1 << (FRACTION_BITS - 1);
/** 255/α for each alpha level, in 16-bit fixed point: un-premultiplying by a multiplication. */
const UNPREMULTIPLY = Uint32Array.from({ length: 256 }, (_, alpha) => (alpha === 0 ? 0 : Math.round((255 / alpha) * 2 ** FRACTION_BITS)));
