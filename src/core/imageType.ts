// What an image really is, from its first bytes: URLs and file names lie, signatures do not.
import { jpegHeaderSegments } from './jpegSegments';

export interface ImageType {
  mime: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
  extension: 'png' | 'jpg' | 'webp' | 'gif';
}

/** Enough leading bytes to recognise every supported type and read a PNG, GIF or WebP size. */
export const SNIFF_BYTES = 32;

export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (signature: number[], offset = 0) => signature.every((value, i) => bytes[offset + i] === value);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', extension: 'png' };
  if (starts([0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', extension: 'jpg' };
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return { mime: 'image/webp', extension: 'webp' };
  if (starts([0x47, 0x49, 0x46, 0x38])) return { mime: 'image/gif', extension: 'gif' };
  return undefined;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** Pixel size read from the header; JPEG needs a scan for its SOF marker, so pass it the whole file. */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const type = sniffImageType(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!type) return undefined;
  if (type.extension === 'png' && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (type.extension === 'gif' && bytes.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (type.extension === 'webp') return webpSize(bytes, view);
  return jpegSize(bytes);
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  if (bytes.length < 30) return undefined;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  // 24-bit fields read as 16 + 8 bits: a 32-bit read of the height would run past a 30-byte header.
  if (chunk === 'VP8X') return { width: 1 + view.getUint16(24, true) + (bytes[26] << 16), height: 1 + view.getUint16(27, true) + (bytes[29] << 16) };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  return undefined;
}

function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  for (const { marker, payload } of jpegHeaderSegments(bytes)) {
    // Start-of-frame markers carry the size; C4 (DHT), C8 and CC (DAC) share the range but do not.
    const startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    // Payload: sample precision (1 byte), height (2), width (2), ...
    if (startOfFrame && payload.length >= 5) return { height: (payload[1] << 8) | payload[2], width: (payload[3] << 8) | payload[4] };
  }
  return undefined;
}
