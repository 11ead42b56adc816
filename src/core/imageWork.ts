// What the host asks of the image worker and what comes back: plain data, copied between threads.
import type { PixelSize } from './pixelSize';

export type ImageWorkRequest =
  | { op: 'prepareForUpload'; bytes: Uint8Array }
  | { op: 'cutToSize'; bytes: Uint8Array; size: PixelSize }
  | { op: 'cutIcons'; bytes: Uint8Array; sizes: number[] };

/** A smaller copy of an edit's input, made to be sent instead of the original. */
export interface PreparedUpload extends PixelSize {
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png';
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

export interface ImageWorkResults {
  prepareForUpload: PreparedUpload;
  cutToSize: CutImage;
  cutIcons: IconImage[];
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
