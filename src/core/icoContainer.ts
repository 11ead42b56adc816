// The `.ico` container a favicon needs, holding PNG-encoded entries: every browser and Windows since
// Vista read those, and each entry is then an ordinary PNG that can carry the provenance record.

export interface IcoEntry {
  /** Width and height in pixels, 1 to 256 (icons are square). */
  size: number;
  png: Uint8Array;
}

const HEADER_BYTES = 6;
const ENTRY_BYTES = 16;

/** ICONDIR, one ICONDIRENTRY per image, then the PNGs, in the order given. */
export function writeIco(entries: readonly IcoEntry[]): Uint8Array {
  const dataBytes = entries.reduce((total, entry) => total + entry.png.length, 0);
  const out = new Uint8Array(HEADER_BYTES + ENTRY_BYTES * entries.length + dataBytes);
  const view = new DataView(out.buffer);
  view.setUint16(2, 1, true); // type 1: icon (2 would be a cursor)
  view.setUint16(4, entries.length, true);
  let offset = HEADER_BYTES + ENTRY_BYTES * entries.length;
  entries.forEach(({ size, png }, index) => {
    if (!Number.isInteger(size) || size < 1 || size > 256) throw new Error(`an .ico entry is 1 to 256 px, not ${size}`);
    const at = HEADER_BYTES + ENTRY_BYTES * index;
    // A byte holds 0 to 255: 256 is written as 0, as the format says.
    out[at] = size % 256;
    out[at + 1] = size % 256;
    view.setUint16(at + 4, 1, true); // colour planes
    view.setUint16(at + 6, 32, true); // bits per pixel
    view.setUint32(at + 8, png.length, true);
    view.setUint32(at + 12, offset, true);
    out.set(png, offset);
    offset += png.length;
  });
  return out;
}
