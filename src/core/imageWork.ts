// What the host asks of the image worker and what comes back: plain data, copied between threads; and
// what the host checks before a request goes out and after its answer comes back.
import { imageSize, sniffImageType } from './imageType';
import { t } from './l10n';
import { formatPixelSize, type PixelSize } from './pixelSize';

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

/** The most pixels an image may claim to be decoded: 100 megapixels are 400 MB as RGBA, before any copy. */
export const MAX_DECODED_PIXELS = 100_000_000;

/**
 * Why `bytes` must not reach a decoder, judged from the header alone, or undefined when they may. A small
 * file can claim a huge size (a decompression bomb); decoding it would take gigabytes. Types the worker
 * does not decode (WebP, GIF, anything else) pass: it refuses them itself, without decoding.
 */
/** The images a request hands the worker to decode. */
export function requestImages(request: ImageWorkRequest): Uint8Array[] {
  return request.op === 'matte' ? [request.white, request.black] : [request.bytes];
}

export function decodeRefusal(bytes: Uint8Array): ImageWorkError | undefined {
  const type = sniffImageType(bytes)?.extension;
  if (type !== 'png' && type !== 'jpg') return undefined;
  const size = imageSize(bytes);
  // The decoder would find the size where this header walk does not only in a file it may misread.
  if (!size) return new ImageWorkError(t('its pixel size cannot be read from its header'), 'damaged');
  const pixels = size.width * size.height;
  if (pixels <= MAX_DECODED_PIXELS) return undefined;
  return new ImageWorkError(
    t('it is {0} pixels ({1} megapixels), more than the {2} megapixels an image may have to be decoded; it was not decoded', formatPixelSize(size), Math.round(pixels / 1e6), MAX_DECODED_PIXELS / 1e6),
  );
}

/**
 * Why a worker's answer must not be used, or undefined: every image it returns must be the type it
 * claims (a cut keeps the type that came in, icons are PNG), so nothing else is ever saved under an
 * image name.
 */
export function resultRefusal(request: ImageWorkRequest, result: ImageWorkResults[ImageWorkRequest['op']]): ImageWorkError | undefined {
  const images: Array<[bytes: Uint8Array, wanted: string | undefined]> =
    request.op === 'cutToSize' ? [[(result as CutImage).bytes, sniffImageType(request.bytes)?.mime]]
    : request.op === 'prepareForUpload' ? [[(result as PreparedUpload).bytes, (result as PreparedUpload).mime]]
    : request.op === 'flattenOnWhite' ? [[(result as FlattenedImage).bytes, (result as FlattenedImage).flattened ? 'image/png' : sniffImageType(request.bytes)?.mime]]
    : request.op === 'matte' ? [[(result as MatteImage).png, 'image/png']]
    : (result as IconImage[]).map((icon) => [icon.png, 'image/png']);
  for (const [bytes, wanted] of images) {
    const actual = sniffImageType(bytes)?.mime;
    if (!actual || actual !== wanted) return new ImageWorkError(t('the image worker returned {0} where {1} was expected', actual ?? t('bytes that are not an image'), wanted ?? '?'));
  }
  return undefined;
}
