// The image worker's three jobs, on whole files: an edit's input made small enough to send, a result cut
// to an exact size, and the squares of an icon set. Each decodes once and encodes only what it returns.
import { MAX_INPUT_IMAGE_BYTES } from '../dataUri';
import { coverCrop, fitWithin, fitWithinArea } from '../imageGeometry';
import type { CutImage, IconImage, PreparedUpload } from '../imageWork';
import { sniffImageType } from '../imageType';
import type { PixelSize } from '../pixelSize';
import { cropRaster, halveRaster, usesAlpha, type Raster } from '../raster';
import type { Codecs } from './codecs';

/** About 4 megapixels (2508×1672 for a 3:2 photo): what the models work from; more only costs upload time. */
const UPLOAD_PIXELS = 2048 * 2048;
/** The service's long side; a panorama within the pixel budget can still be longer than this. */
const UPLOAD_LONG_SIDE = 4096;
const UPLOAD_JPEG_QUALITY = 85;
const RESULT_JPEG_QUALITY = 92;

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

/** The centred crop of the target's ratio, resized to exactly `size`, in the type the bytes are (PNG or JPEG). */
export async function cutToSize(codecs: Codecs, bytes: Uint8Array, size: PixelSize): Promise<CutImage> {
  const source = await codecs.decode(bytes);
  const crop = coverCrop(source, size);
  const alpha = mayHaveAlpha(bytes) && usesAlpha(source);
  const cut = resample(codecs, cropRaster(source, crop), size, alpha);
  const png = sniffImageType(bytes)?.extension === 'png';
  const encoded = png ? codecs.encodePng(cut) : await codecs.encodeJpeg(cut, RESULT_JPEG_QUALITY);
  const upscaled = crop.width < size.width || crop.height < size.height;
  return { bytes: encoded, ...size, ...(upscaled && { upscaledFrom: { width: crop.width, height: crop.height } }) };
}

/**
 * One square PNG per size, from the centred square of the image. The largest is resampled from the
 * source, the others from it: the same Lanczos quality at these sizes, in a fraction of the time.
 */
export async function cutIcons(codecs: Codecs, bytes: Uint8Array, sizes: readonly number[]): Promise<IconImage[]> {
  const source = await codecs.decode(bytes);
  const side = Math.min(source.width, source.height);
  const square = cropRaster(source, coverCrop(source, { width: side, height: side }));
  const alpha = mayHaveAlpha(bytes) && usesAlpha(square);
  const largest = Math.max(...sizes);
  const master = resample(codecs, square, { width: largest, height: largest }, alpha);
  return sizes.map((size) => ({ size, png: codecs.encodePng(codecs.resize(master, { width: size, height: size }, alpha)) }));
}

/**
 * Lanczos3 to `size`, after halving an opaque image by area averaging while it stays at least twice the
 * size: the same result where it matters (the Lanczos pass still does the last, fractional step), at a
 * third of the time for a 24-megapixel photo.
 */
function resample(codecs: Codecs, raster: Raster, size: PixelSize, alpha: boolean): Raster {
  let source = raster;
  while (!alpha && source.width >= size.width * 2 && source.height >= size.height * 2) source = halveRaster(source);
  return codecs.resize(source, size, alpha);
}

/** A JPEG has no alpha channel: its pixels need not be scanned for one (60 ms for 24 megapixels). */
function mayHaveAlpha(bytes: Uint8Array): boolean {
  return sniffImageType(bytes)?.extension === 'png';
}
