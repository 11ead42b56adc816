// Exact pixel sizes as a user types them ("1200x630", "1200×630") or a reference gives them, checked
// before anything is billed: a size the service cannot be made to fill is refused with the reason.
import { t } from './l10n';

export interface PixelSize {
  width: number;
  height: number;
}

/** Larger sides would need more than a 4K result upscaled twice; no real asset asks for them. */
const MAX_SIDE = 8192;

/** `{ size }`, or `{ error }` with a sentence naming what was typed and what is accepted. */
export function parsePixelSize(text: string): { size: PixelSize } | { error: string } {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*[x×*]\s*(-?\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(text);
  if (!match) return { error: t('"{0}" is not a size: type width × height in pixels, e.g. 1200x630.', text.trim()) };
  const [width, height] = [Number(match[1]), Number(match[2])];
  const problem = sideProblem(width) ?? sideProblem(height);
  return problem ? { error: t('{0}: each side must be a whole number of pixels from 1 to {1}.', formatPixelSize({ width, height }), MAX_SIDE) } : { size: { width, height } };
}

/** A size from a document's `width` and `height`, when both are usable pixel counts. */
export function pixelSizeOf(width: number | undefined, height: number | undefined): PixelSize | undefined {
  if (width === undefined || height === undefined || sideProblem(width) || sideProblem(height)) return undefined;
  return { width, height };
}

function sideProblem(side: number): true | undefined {
  return Number.isInteger(side) && side >= 1 && side <= MAX_SIDE ? undefined : true;
}

export function formatPixelSize({ width, height }: PixelSize): string {
  return `${width}×${height}`;
}
