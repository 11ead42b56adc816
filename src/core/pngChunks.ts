// PNG chunk surgery for the provenance record (src/core/provenance.ts): walk the chunks, read and write
// one uncompressed UTF-8 `iTXt` chunk by keyword. The image data chunks are passed through untouched.

/** node:zlib takes milliseconds to load: the first PNG read or written pays for it, not activation. */
const crc32 = (data: Uint8Array): number => (require('node:zlib') as typeof import('node:zlib')).crc32(data);

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface Chunk {
  type: string;
  /** Offset of its length field. */
  start: number;
  /** Offset just past its CRC. */
  end: number;
  data: Uint8Array;
  crc: number;
}

/**
 * Every chunk up to and including IEND, or undefined when the file is not a complete, well-formed PNG.
 * With `headOnly`, `bytes` is the start of a file: the chunks before the first IDAT, and last an
 * empty stand-in for that IDAT (only its start is known), or undefined when the head does not reach it.
 */
function chunks(bytes: Uint8Array, headOnly = false): Chunk[] | undefined {
  if (bytes.length < 8 || SIGNATURE.some((value, i) => bytes[i] !== value)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Chunk[] = [];
  for (let start = 8; start + 8 <= bytes.length; ) {
    const length = view.getUint32(start);
    const type = String.fromCharCode(...bytes.subarray(start + 4, start + 8));
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return undefined;
    if (headOnly && type === 'IDAT') {
      return found[0]?.type === 'IHDR' ? [...found, { type, start, end: start, data: new Uint8Array(0), crc: 0 }] : undefined;
    }
    const end = start + 12 + length;
    if (end > bytes.length) return undefined;
    found.push({ type, start, end, data: bytes.subarray(start + 8, end - 4), crc: view.getUint32(end - 4) });
    if (type === 'IEND') return !headOnly && found[0]?.type === 'IHDR' ? found : undefined;
    start = end;
  }
  return undefined;
}

/** iTXt: keyword, NUL, compression flag, compression method, language tag, NUL, translated keyword, NUL, text. */
function iTxtData(keyword: string, text: string): Uint8Array {
  const head = Uint8Array.from([...Array.from(keyword, (c) => c.charCodeAt(0)), 0, 0, 0, 0, 0]);
  const body = new TextEncoder().encode(text);
  const data = new Uint8Array(head.length + body.length);
  data.set(head);
  data.set(body, head.length);
  return data;
}

function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Array.from(type, (c) => c.charCodeAt(0)), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function hasKeyword(chunk: Chunk, keyword: string): boolean {
  if (chunk.type !== 'iTXt' || chunk.data.length <= keyword.length) return false;
  return chunk.data[keyword.length] === 0 && String.fromCharCode(...chunk.data.subarray(0, keyword.length)) === keyword;
}

/**
 * The PNG with one iTXt chunk `keyword` = `text` just before the first IDAT, as pieces to write in
 * order (views into `bytes` plus the new chunk); every earlier iTXt chunk with that keyword is left out.
 */
export function pngWithText(bytes: Uint8Array, keyword: string, text: string): Uint8Array[] {
  const { parts, resumeAt } = withTextBefore(chunks(bytes), bytes, keyword, text);
  // Whatever follows IEND is not ours to drop either.
  return [...parts, bytes.subarray(resumeAt)].filter((part) => part.length > 0);
}

/**
 * The same for a file known only by its start: the pieces that replace `head` up to `resumeAt`, from
 * where the rest of the file follows unchanged. Only records before the first IDAT are replaced, which
 * is where this writer puts them. Throws when the head does not reach the first IDAT.
 */
export function pngHeadWithText(head: Uint8Array, keyword: string, text: string): { parts: Uint8Array[]; resumeAt: number } {
  return withTextBefore(chunks(head, true), head, keyword, text);
}

function withTextBefore(all: Chunk[] | undefined, bytes: Uint8Array, keyword: string, text: string): { parts: Uint8Array[]; resumeAt: number } {
  const firstData = all?.find((chunk) => chunk.type === 'IDAT');
  if (!all || !firstData) throw new Error('not a complete PNG file');
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const chunk of all) {
    if (chunk === firstData) {
      parts.push(bytes.subarray(from, chunk.start), chunkBytes('iTXt', iTxtData(keyword, text)));
      from = chunk.start;
    } else if (hasKeyword(chunk, keyword)) {
      parts.push(bytes.subarray(from, chunk.start));
      from = chunk.end;
    }
  }
  return { parts: parts.filter((part) => part.length > 0), resumeAt: from };
}

/** True when `tail` (the last bytes of a file) is a PNG's IEND chunk. */
export function endsWithPngEnd(tail: Uint8Array): boolean {
  const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
  return tail.length >= IEND.length && IEND.every((value, i) => tail[tail.length - IEND.length + i] === value);
}

/** The text bytes (UTF-8) of the intact uncompressed iTXt chunks with this keyword; undefined for a damaged PNG. */
export function pngTextChunks(bytes: Uint8Array, keyword: string): Uint8Array[] | undefined {
  return chunks(bytes)
    ?.filter((chunk) => hasKeyword(chunk, keyword) && crc32(bytes.subarray(chunk.start + 4, chunk.end - 4)) === chunk.crc)
    .map((chunk) => iTxtText(chunk.data.subarray(keyword.length + 1)))
    .filter((text): text is Uint8Array => text !== undefined);
}

/** The text after the keyword's NUL; undefined when compressed (we never write that) or malformed. */
function iTxtText(rest: Uint8Array): Uint8Array | undefined {
  if (rest.length < 4 || rest[0] !== 0) return undefined;
  const languageEnd = rest.indexOf(0, 2);
  const translatedEnd = languageEnd < 0 ? -1 : rest.indexOf(0, languageEnd + 1);
  return translatedEnd < 0 ? undefined : rest.subarray(translatedEnd + 1);
}
