// The image worker's jobs, on whole files: an edit's input made small enough to send or flattened onto
// white, a result cut to an exact size, the squares of an icon set, and the matte of a white and a black
// render. Each decodes once and encodes only what it returns.
import { MAX_INPUT_IMAGE_BYTES } from '../dataUri';
import { coverCrop, fitWithin, fitWithinArea, subjectFrame, type Rectangle } from '../imageGeometry';
import type { CutImage, FlattenedImage, IconImage, MatteImage, PreparedUpload } from '../imageWork';
import { imageSize, sniffImageType } from '../imageType';
import type { PixelSize } from '../pixelSize';
import { alphaBounds, clearBeyondCoverage, compositeOnWhite, cropRaster, halveRaster, usesAlpha, type Raster } from '../raster';
import type { Codecs } from './codecs';
import { differenceMatte } from './matte';

/** About 4 megapixels (2508×1672 for a 3:2 photo): what the models work from; more only costs upload time. */
const UPLOAD_PIXELS = 2048 * 2048;
/** The service's long side; a panorama within the pixel budget can still be longer than this. */
const UPLOAD_LONG_SIDE = 4096;
const UPLOAD_JPEG_QUALITY = 85;
const RESULT_JPEG_QUALITY = 92;
/** Trim: what counts as subject (fainter is invisible: a shadow's last tail, a JPEG's noise), and the margin kept around it. */
const TRIM_MIN_ALPHA = 8;
const TRIM_MARGIN = 0.04;

/** A copy of at most UPLOAD_PIXELS, keeping the aspect: JPEG for a photo, PNG where transparency must survive. */
export async function prepareForUpload(codecs: Codecs, bytes: Uint8Array): Promise<PreparedUpload> {
  const source = await codecs.decode(bytes);
  const alpha = mayHaveAlpha(bytes) && usesAlpha(source);
  for (let pixels = UPLOAD_PIXELS; ; pixels = Math.round(pixels / 2)) {
    const copy = resample(codecs, source, fitWithin(fitWithinArea(source, pixels), UPLOAD_LONG_SIDE), alpha);
    const encoded = alpha ? codecs.encodePng(copy) : await codecs.encodeJpeg(copy, UPLOAD_JPEG_QUALITY, { chroma420: true });
    // A PNG of noise can stay over the limit at this size; smaller copies are tried until one fits.
    if (encoded.length <= MAX_INPUT_IMAGE_BYTES || pixels < 65_536) {
      return { bytes: encoded, mime: alpha ? 'image/png' : 'image/jpeg', width: copy.width, height: copy.height };
    }
  }
}

/**
 * The image as it looks on white, when it has transparency (the models read transparent pixels as
 * black); otherwise the bytes as they came, `flattened` false. Only PNGs are looked into.
 */
export async function flattenOnWhite(codecs: Codecs, bytes: Uint8Array): Promise<FlattenedImage> {
  const size = mayHaveAlpha(bytes) ? undefined : imageSize(bytes);
  if (size) return { bytes, ...size, flattened: false };
  const source = await codecs.decode(bytes);
  if (!usesAlpha(source)) return { bytes, width: source.width, height: source.height, flattened: false };
  return { bytes: codecs.encodePng(compositeOnWhite(source), { quick: true }), width: source.width, height: source.height, flattened: true };
}

/**
 * Resized to exactly `size`, in the type the bytes are (PNG or JPEG): the centred crop of the target's
 * ratio, or with `trim` (for a cut-out) the subject's bounds and a margin, widened to the ratio.
 */
export async function cutToSize(codecs: Codecs, bytes: Uint8Array, size: PixelSize, trim = false): Promise<CutImage> {
  const source = await codecs.decode(bytes);
  const alpha = mayHaveAlpha(bytes) && usesAlpha(source);
  const crop = framing(source, size, alpha && trim);
  const cut = resample(codecs, cropRaster(source, crop), size, alpha);
  const png = sniffImageType(bytes)?.extension === 'png';
  const encoded = png ? codecs.encodePng(cut) : await codecs.encodeJpeg(cut, RESULT_JPEG_QUALITY);
  const upscaled = crop.width < size.width || crop.height < size.height;
  return { bytes: encoded, ...size, ...(upscaled && { upscaledFrom: { width: crop.width, height: crop.height } }) };
}

/**
 * One square PNG per size, from the centred square of the image (or, with `trim`, the square around the
 * subject). The largest is resampled from the source, the others from it: the same Lanczos quality at
 * these sizes, in a fraction of the time.
 */
export async function cutIcons(codecs: Codecs, bytes: Uint8Array, sizes: readonly number[], trim = false): Promise<IconImage[]> {
  const source = await codecs.decode(bytes);
  const alpha = mayHaveAlpha(bytes) && usesAlpha(source);
  const largest = Math.max(...sizes);
  const square = cropRaster(source, framing(source, { width: largest, height: largest }, alpha && trim));
  const master = resample(codecs, square, { width: largest, height: largest }, alpha);
  return sizes.map((size) => ({ size, png: codecs.encodePng(resize(codecs, master, { width: size, height: size }, alpha)) }));
}

/**
 * The cut-out from a render over pure white and the same over pure black (resized to the white one's
 * size first if the service made it another size): an RGBA PNG, and how far the renders disagree.
 */
export async function matte(codecs: Codecs, whiteBytes: Uint8Array, blackBytes: Uint8Array): Promise<MatteImage> {
  const white = await codecs.decode(whiteBytes);
  const black = resample(codecs, await codecs.decode(blackBytes), { width: white.width, height: white.height }, false);
  const { raster, disagreement, moved } = differenceMatte(white, black);
  return { png: codecs.encodePng(raster, { quick: true }), width: raster.width, height: raster.height, disagreement, moved };
}

/** The part of `source` to resize to `target`: around the subject when trimming one, else the centred cover crop. */
function framing(source: Raster, target: PixelSize, trim: boolean): Rectangle {
  const bounds = trim ? alphaBounds(source, TRIM_MIN_ALPHA) : undefined;
  return bounds ? subjectFrame(bounds, target, TRIM_MARGIN) : coverCrop(source, target);
}

/**
 * Lanczos3 to `size`, after halving an opaque image by area averaging while it stays at least twice the
 * size: the same result where it matters (the Lanczos pass still does the last, fractional step), at a
 * third of the time for a 24-megapixel photo.
 */
function resample(codecs: Codecs, raster: Raster, size: PixelSize, alpha: boolean): Raster {
  let source = raster;
  while (!alpha && source.width >= size.width * 2 && source.height >= size.height * 2) source = halveRaster(source);
  return resize(codecs, source, size, alpha);
}

/**
 * Lanczos3; with alpha, in premultiplied alpha (no dark or light halo at the edges), and transparent
 * wherever a ringing-free resample finds nothing (no faint box around a sprite).
 */
function resize(codecs: Codecs, raster: Raster, size: PixelSize, alpha: boolean): Raster {
  if (raster.width === size.width && raster.height === size.height) return raster;
  const sharp = codecs.resize(raster, size, alpha);
  return alpha ? clearBeyondCoverage(sharp, codecs.resize(raster, size, true, 'triangle')) : sharp;
}

/** A JPEG has no alpha channel: its pixels need not be scanned for one (60 ms for 24 megapixels). */
function mayHaveAlpha(bytes: Uint8Array): boolean {
  return sniffImageType(bytes)?.extension === 'png';
}
