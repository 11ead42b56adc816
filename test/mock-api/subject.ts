// The stand-in's cut-out subject, of known alpha, for transparency: what it draws when a prompt asks for a
// flat white or black background, and the ground truth that tests and the bench measure a matte against.
// It has what keying gets wrong: soft edges, a half-transparent glass part, a hole through it, pure white
// and pure black parts inside it, and a soft shadow. Geometry is relative to the image's short side, so a
// subject drawn at one size is the same subject at any other.
import type { RgbImage } from './pixels';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SubjectTruth {
  width: number;
  height: number;
  /** One byte a pixel: the subject's true alpha, 0..255. */
  alpha: Uint8Array;
  /** Three bytes a pixel, not premultiplied; 0 where alpha is 0. */
  rgb: Uint8Array;
  /** Areas well inside each part (edges excluded), where a matte is measured. */
  parts: {
    /** Half transparent: alpha 128 throughout. */
    glass: Rectangle;
    /** Opaque pure white. */
    white: Rectangle;
    /** Opaque pure black. */
    black: Rectangle;
    /** Fully transparent: the background seen through the subject. */
    hole: Rectangle;
  };
}

export const GLASS_ALPHA = 128;
const BODY = { x: 0, y: -0.04, radius: 0.28 };
const HOLE = { x: 0.13, y: -0.13, radius: 0.06 };
const WHITE = { x0: -0.19, y0: 0.0, x1: -0.03, y1: 0.13 };
const BLACK = { x0: 0.03, y0: 0.0, x1: 0.19, y1: 0.13 };
const GLASS = { x0: -0.44, y0: -0.26, x1: -0.14, y1: -0.06 };
const SHADOW = { x: 0, y: 0.3, rx: 0.32, ry: 0.055, alpha: 0.45 };
const STRIPES = { period: 0.05, colours: [[236, 132, 38], [196, 52, 70]] as const };
const GLASS_COLOUR = [110, 185, 250] as const;

const clamp01 = (value: number) => (value < 0 ? 0 : value > 1 ? 1 : value);

/** The subject at this size. Cached: the stand-in, the tests and the bench ask for the same sizes again and again. */
export function subjectTruth(width: number, height: number): SubjectTruth {
  const key = `${width}x${height}`;
  let truth = cache.get(key);
  if (!truth) {
    truth = renderTruth(width, height);
    // Two sizes at most (a white render and a black one of another size): a 4K truth is 64 MB.
    if (cache.size >= 2) cache.delete(cache.keys().next().value!);
    cache.set(key, truth);
  }
  return truth;
}
const cache = new Map<string, SubjectTruth>();

function renderTruth(width: number, height: number): SubjectTruth {
  const side = Math.min(width, height);
  const cx = width / 2;
  const cy = height / 2;
  // Edges soft over a few pixels (wider at larger sizes, as a drawn edge would be), never less than one.
  const soft = Math.max(1.5, side / 256);
  const alpha = new Uint8Array(width * height);
  const rgb = new Uint8Array(width * height * 3);
  // Outside these bounds nothing is drawn: the pixels stay transparent without being visited.
  const left = Math.max(0, Math.floor(cx + GLASS.x0 * side - 2));
  const right = Math.min(width, Math.ceil(cx + SHADOW.rx * side + 2));
  const top = Math.max(0, Math.floor(cy + (BODY.y - BODY.radius) * side - 2));
  const bottom = Math.min(height, Math.ceil(cy + (SHADOW.y + SHADOW.ry) * side + 2));
  for (let y = top; y < bottom; y++) {
    const v = (y + 0.5 - cy) / side;
    for (let x = left; x < right; x++) {
      const u = (x + 0.5 - cx) / side;
      // Premultiplied colour and alpha, layer over layer, bottom first.
      let r = 0, g = 0, b = 0, a = 0;
      const sx = (u - SHADOW.x) / SHADOW.rx;
      const sy = (v - SHADOW.y) / SHADOW.ry;
      const shadowRadius = sx * sx + sy * sy;
      if (shadowRadius < 1) a = SHADOW.alpha * (1 - shadowRadius) ** 2;
      const body = discCoverage(u - BODY.x, v - BODY.y, BODY.radius, side, soft) * (1 - discCoverage(u - HOLE.x, v - HOLE.y, HOLE.radius, side, soft));
      if (body > 0) {
        const stripe = STRIPES.colours[Math.floor((u + v + 1) / STRIPES.period) % 2];
        const white = boxCoverage(u, v, WHITE, side);
        const black = boxCoverage(u, v, BLACK, side);
        // The white and black parts cover the stripes inside the body; the body covers the shadow.
        const keep = 1 - white - black;
        r = (stripe[0] * keep + 255 * white) * body + r * (1 - body);
        g = (stripe[1] * keep + 255 * white) * body + g * (1 - body);
        b = (stripe[2] * keep + 255 * white) * body + b * (1 - body);
        a = body + a * (1 - body);
      }
      const glass = (boxCoverage(u, v, GLASS, side) * GLASS_ALPHA) / 255;
      if (glass > 0) {
        r = GLASS_COLOUR[0] * glass + r * (1 - glass);
        g = GLASS_COLOUR[1] * glass + g * (1 - glass);
        b = GLASS_COLOUR[2] * glass + b * (1 - glass);
        a = glass + a * (1 - glass);
      }
      const at = y * width + x;
      const a8 = Math.round(a * 255);
      alpha[at] = a8;
      if (a8 > 0) {
        rgb[at * 3] = Math.min(255, Math.round(r / a));
        rgb[at * 3 + 1] = Math.min(255, Math.round(g / a));
        rgb[at * 3 + 2] = Math.min(255, Math.round(b / a));
      }
    }
  }
  const box = (part: { x0: number; y0: number; x1: number; y1: number }, inset: number): Rectangle => {
    const x = Math.ceil(cx + part.x0 * side + inset);
    const y = Math.ceil(cy + part.y0 * side + inset);
    return { x, y, width: Math.floor(cx + part.x1 * side - inset) - x, height: Math.floor(cy + part.y1 * side - inset) - y };
  };
  const inset = soft * 2 + 1;
  const holeHalf = HOLE.radius / Math.SQRT2;
  return {
    width,
    height,
    alpha,
    rgb,
    parts: {
      // The glass left of where it meets the body, so what is measured there is the glass alone.
      glass: box({ ...GLASS, x1: -BODY.radius - 0.02 }, inset),
      white: box(WHITE, inset),
      black: box(BLACK, inset),
      hole: box({ x0: HOLE.x - holeHalf, y0: HOLE.y - holeHalf, x1: HOLE.x + holeHalf, y1: HOLE.y + holeHalf }, inset),
    },
  };
}

/** How much of a pixel at (du, dv) (in short sides) from a disc's centre the disc covers: soft at its rim. */
function discCoverage(du: number, dv: number, radius: number, side: number, soft: number): number {
  const outer = radius + soft / side;
  if (du > outer || du < -outer || dv > outer || dv < -outer) return 0;
  return clamp01(((radius - Math.sqrt(du * du + dv * dv)) * side) / soft + 0.5);
}

function boxCoverage(u: number, v: number, box: { x0: number; y0: number; x1: number; y1: number }, side: number): number {
  // Crisp edges (one pixel of anti-aliasing), as a drawn inner shape would have.
  const across = clamp01((u - box.x0) * side + 0.5) * clamp01((box.x1 - u) * side + 0.5);
  return across * clamp01((v - box.y0) * side + 0.5) * clamp01((box.y1 - v) * side + 0.5);
}

/**
 * The subject over a flat background, exactly as the truth says: each channel
 * round((colour × alpha + background × (255 − alpha)) / 255). `shift` moves the subject by that many
 * pixels right and down (the background shows where it was), as a model that redrew it might.
 */
export function subjectOver(background: readonly [number, number, number], width: number, height: number, shift = 0): RgbImage {
  const truth = subjectTruth(width, height);
  const rgb = Buffer.allocUnsafe(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x - shift;
      const sy = y - shift;
      const from = sx >= 0 && sy >= 0 ? sy * width + sx : -1;
      const a = from >= 0 ? truth.alpha[from] : 0;
      const to = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) rgb[to + c] = Math.round(((from >= 0 ? truth.rgb[from * 3 + c] : 0) * a + background[c] * (255 - a)) / 255);
    }
  }
  return { width, height, rgb };
}

export interface MatteScore {
  /** Mean |α − true α| (0..1) over the subject: the pixels where either is above 0. */
  alphaError: number;
  /** Mean |colour − true colour| per channel (0..255) where the true alpha is at least a half. */
  colourError: number;
  /** Alpha (0..1) inside each part: mean, least and most. */
  parts: Record<keyof SubjectTruth['parts'], { mean: number; min: number; max: number }>;
}

/** How close `rgba` (a matte of the subject at the truth's size) comes to the truth. */
export function scoreMatte(rgba: Uint8Array, truth: SubjectTruth): MatteScore {
  let alphaSum = 0, alphaCount = 0, colourSum = 0, colourCount = 0;
  for (let p = 0; p < truth.alpha.length; p++) {
    const alpha = rgba[p * 4 + 3];
    const trueAlpha = truth.alpha[p];
    if (alpha === 0 && trueAlpha === 0) continue;
    alphaSum += Math.abs(alpha - trueAlpha);
    alphaCount++;
    if (trueAlpha < 128) continue;
    for (let c = 0; c < 3; c++) colourSum += Math.abs(rgba[p * 4 + c] - truth.rgb[p * 3 + c]);
    colourCount += 3;
  }
  const alphaIn = (box: Rectangle) => {
    let [sum, min, max] = [0, 255, 0];
    for (let y = box.y; y < box.y + box.height; y++) {
      for (let x = box.x; x < box.x + box.width; x++) {
        const alpha = rgba[(y * truth.width + x) * 4 + 3];
        sum += alpha;
        min = Math.min(min, alpha);
        max = Math.max(max, alpha);
      }
    }
    return { mean: sum / (box.width * box.height) / 255, min: min / 255, max: max / 255 };
  };
  const { glass, white, black, hole } = truth.parts;
  return {
    alphaError: alphaSum / Math.max(1, alphaCount) / 255,
    colourError: colourSum / Math.max(1, colourCount),
    parts: { glass: alphaIn(glass), white: alphaIn(white), black: alphaIn(black), hole: alphaIn(hole) },
  };
}
