// JPEG header segments: the one walk up to the first scan that reading a size (src/core/imageType.ts)
// and the provenance record (src/core/provenance.ts) share, and the `COM` segment surgery of the latter.
// From the start of scan on (the compressed pixels) the bytes are passed through untouched.

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const isApp = (marker: number) => marker >= 0xe0 && marker <= 0xef;

export interface JpegSegment {
  marker: number;
  /** Offset of its marker (fill bytes included). */
  start: number;
  /** Offset just past its payload. */
  end: number;
  payload: Uint8Array;
}

/**
 * The segments between SOI and the first SOS, one at a time, so a reader can stop at the one it needs.
 * Returns the offset of the SOS, or undefined where the bytes end early or are not a well-formed JPEG.
 */
export function* jpegHeaderSegments(bytes: Uint8Array): Generator<JpegSegment, number | undefined> {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return undefined;
  for (let start = 2; start < bytes.length; ) {
    if (bytes[start] !== 0xff) return undefined;
    let at = start + 1;
    while (bytes[at] === 0xff) at++; // optional fill bytes before a marker
    if (at + 3 > bytes.length) return undefined;
    const marker = bytes[at];
    if (marker === SOS) return start;
    // Markers without a length (SOI, EOI, RSTn, TEM) or a stuffed zero do not belong in a header.
    if (marker === 0 || marker === 0x01 || (marker >= 0xd0 && marker <= SOI) || marker === EOI) return undefined;
    const length = (bytes[at + 1] << 8) | bytes[at + 2];
    const end = at + 1 + length;
    if (length < 2 || end > bytes.length) return undefined;
    yield { marker, start, end, payload: bytes.subarray(at + 3, end) };
    start = end;
  }
  return undefined;
}

/**
 * All header segments and where the scan starts, or undefined when the file is not a complete JPEG.
 * With `headOnly`, `bytes` is the start of a file, and only has to reach the first SOS.
 */
function header(bytes: Uint8Array, headOnly = false): { segments: JpegSegment[]; scan: number } | undefined {
  if (!headOnly && !endsWithJpegEnd(bytes)) return undefined;
  const segments: JpegSegment[] = [];
  const walk = jpegHeaderSegments(bytes);
  let step = walk.next();
  for (; !step.done; step = walk.next()) segments.push(step.value);
  return step.value === undefined ? undefined : { segments, scan: step.value };
}

function commentSegment(comment: Uint8Array): Uint8Array {
  const length = comment.length + 2;
  if (length > 0xffff) throw new Error(`a JPEG comment holds at most ${0xffff - 2} bytes, not ${comment.length}`);
  const out = new Uint8Array(2 + length);
  out.set([0xff, COM, length >> 8, length & 0xff]);
  out.set(comment, 4);
  return out;
}

/**
 * The JPEG with `comment` in a COM segment after the leading APPn segments (JFIF and Exif expect theirs
 * first), as pieces to write in order; every COM segment `replaces` accepts is left out.
 */
export function jpegWithComment(bytes: Uint8Array, comment: Uint8Array, replaces: (comment: Uint8Array) => boolean): Uint8Array[] {
  const { parts, resumeAt } = withCommentBefore(header(bytes), bytes, comment, replaces);
  return [...parts, bytes.subarray(resumeAt)].filter((part) => part.length > 0);
}

/**
 * The same for a file known only by its start: the pieces that replace `head` up to `resumeAt`, from
 * where the rest of the file (the scan and what follows) is unchanged. Throws when the head does not
 * reach the first scan.
 */
export function jpegHeadWithComment(head: Uint8Array, comment: Uint8Array, replaces: (comment: Uint8Array) => boolean): { parts: Uint8Array[]; resumeAt: number } {
  return withCommentBefore(header(head, true), head, comment, replaces);
}

function withCommentBefore(
  parsed: { segments: JpegSegment[]; scan: number } | undefined,
  bytes: Uint8Array,
  comment: Uint8Array,
  replaces: (comment: Uint8Array) => boolean,
): { parts: Uint8Array[]; resumeAt: number } {
  if (!parsed) throw new Error('not a complete JPEG file');
  const segment = commentSegment(comment);
  const insertAt = parsed.segments.find((candidate) => !isApp(candidate.marker))?.start ?? parsed.scan;
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const candidate of parsed.segments) {
    if (candidate.start === insertAt) {
      parts.push(bytes.subarray(from, insertAt), segment);
      from = insertAt;
    }
    if (candidate.marker === COM && replaces(candidate.payload)) {
      parts.push(bytes.subarray(from, candidate.start));
      from = candidate.end;
    }
  }
  if (insertAt === parsed.scan) {
    parts.push(bytes.subarray(from, insertAt), segment);
    from = insertAt;
  }
  return { parts: parts.filter((part) => part.length > 0), resumeAt: from };
}

/** The entropy-coded data runs to EOI: a file whose last bytes are not it was cut short (or has a tail). */
export function endsWithJpegEnd(tail: Uint8Array): boolean {
  return tail.length >= 2 && tail[tail.length - 2] === 0xff && tail[tail.length - 1] === EOI;
}

/** The payloads of every COM segment before the scan; undefined for a damaged JPEG. */
export function jpegComments(bytes: Uint8Array): Uint8Array[] | undefined {
  return header(bytes)?.segments.filter((segment) => segment.marker === COM).map((segment) => segment.payload);
}
