// What the host asks of the image worker and what comes back: plain data, copied between threads.
import type { PixelSize } from './pixelSize';

export type ImageWorkRequest =
  | { op: 'prepareForUpload'; bytes: Uint8Array }
  | { op: 'flattenOnWhite'; bytes: Uint8Array }
  /** `trim`: crop a cut-out to its subject (plus a margin) before fitting, instead of the centred crop. */
  | { op: 'cutToSize'; bytes: Uint8Array; size: PixelSize; trim?: boolean }
  | { op: 'cutIcons'; bytes: Uint8Array; sizes: number[]; trim?: boolean }
  /** The same picture rendered over pure white and over pure black, PNG or JPEG bytes each. */
  | { op: 'matte'; white: Uint8Array; black: Uint8Array };

/** A smaller copy of an edit's input, made to be sent instead of the original. */
export interface PreparedUpload extends PixelSize {
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png';
}

/** An edit's input as it looks on white, if it had transparency; else its bytes unchanged. */
export interface FlattenedImage extends PixelSize {
  /** A PNG when `flattened`; otherwise the bytes that came in. */
  bytes: Uint8Array;
  flattened: boolean;
}

/** A result cut to its exact size, in the format it arrived in. */
export interface CutImage extends PixelSize {
  bytes: Uint8Array;
  /** The crop was smaller than the size asked for, so it was enlarged: the user is told. */
  upscaledFrom?: PixelSize;
}

/** One square PNG of an icon set. */
export interface IconImage {
  size: number;
  png: Uint8Array;
}

/** The cut-out made from a white and a black render, at the white render's size. */
export interface MatteImage extends PixelSize {
  /** RGBA PNG. */
  png: Uint8Array;
  /** Share (0..1) of the pixels the matte calls opaque where the two renders disagree. */
  disagreement: number;
  /** The subject moved or was redrawn between the two steps: the edges may be wrong. */
  moved: boolean;
}

export interface ImageWorkResults {
  prepareForUpload: PreparedUpload;
  flattenOnWhite: FlattenedImage;
  cutToSize: CutImage;
  cutIcons: IconImage[];
  matte: MatteImage;
}

export type ImageWorkReply =
  | { ok: true; result: ImageWorkResults[ImageWorkRequest['op']] }
  /** `undecodable`: the image itself cannot be read (its type, or damage); otherwise the worker failed. */
  | { ok: false; undecodable?: 'unsupported-type' | 'damaged'; message: string };

/** A request the worker could not carry out; `undecodable` when the image itself is the reason. */
export class ImageWorkError extends Error {
  constructor(message: string, readonly undecodable?: 'unsupported-type' | 'damaged') {
    super(message);
    this.name = 'ImageWorkError';
  }
}
