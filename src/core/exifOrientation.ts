// A photo's EXIF orientation: phones store pixels as the sensor saw them and a tag saying how to turn
// them. A copy re-encoded without that tag must have the turn applied to its pixels, or it arrives sideways.
import { jpegHeaderSegments } from './jpegSegments';

/** 1 (as stored) to 8; see the EXIF specification's Orientation tag (0x0112). */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const APP1 = 0xe1;
const ORIENTATION_TAG = 0x0112;

/** The orientation a JPEG's Exif segment gives; 1 when it has none, or none that can be read. */
export function jpegOrientation(bytes: Uint8Array): Orientation {
  for (const { marker, payload } of jpegHeaderSegments(bytes)) {
    if (marker !== APP1 || !startsWithExif(payload)) continue;
    return tiffOrientation(payload.subarray(6)) ?? 1;
  }
  return 1;
}

function startsWithExif(payload: Uint8Array): boolean {
  return payload.length > 14 && String.fromCharCode(...payload.subarray(0, 4)) === 'Exif' && payload[4] === 0 && payload[5] === 0;
}

/** Reads IFD0 of a TIFF structure (the Exif payload after its `Exif\0\0` identifier). */
function tiffOrientation(tiff: Uint8Array): Orientation | undefined {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0], tiff[1]);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? (value as Orientation) : undefined;
  }
  return undefined;
}
