// Local images travel to the service inline, as data URIs, checked before anything is sent.
import { sniffImageType } from './imageType';
import { t } from './l10n';

/** The service's limit for one input image. */
export const MAX_INPUT_IMAGE_BYTES = 10 * 1024 * 1024;

export class InputImageError extends Error {
  constructor(readonly fileName: string, message: string) {
    super(message);
    this.name = 'InputImageError';
  }
}

/** Throws for a file over the service's limit; by its size alone, so a huge file need not be read first. */
export function assertInputImageSize(byteLength: number, fileName: string): void {
  if (byteLength > MAX_INPUT_IMAGE_BYTES) {
    const megabytes = (byteLength / 1024 / 1024).toFixed(1);
    throw new InputImageError(fileName, t('"{0}" is {1} MB; the service accepts images of at most 10 MB. Resize or compress it first.', fileName, megabytes));
  }
}

/** A `data:image/<type>;base64,...` URI whose type comes from the bytes; refuses non-images and files over 10 MB. */
export function imageDataUri(bytes: Uint8Array, fileName: string): string {
  assertInputImageSize(bytes.byteLength, fileName);
  const type = sniffImageType(bytes);
  if (!type) {
    throw new InputImageError(fileName, t('"{0}" is not a PNG, JPEG, WebP or GIF image, so it cannot be edited.', fileName));
  }
  return `data:${type.mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
