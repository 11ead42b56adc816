// Provenance inside the image files: the prompt, model and task that made an image, stored in the file's
// own metadata so it travels with the file (copied, committed, mailed) and can be read back later.
// Only metadata is added; the pixel data is never decoded or re-encoded.
//
// PNG: one `iTXt` chunk (UTF-8, uncompressed) before the first IDAT, keyword `nano-banana`, text = JSON.
//   Our own keyword rather than `Description` or `parameters`: `Description` may already hold a caption
//   that is not ours to replace, and `parameters` is Stable Diffusion's plain-text format that other
//   tools parse (they would misread JSON). Metadata viewers (exiftool, ImageMagick) list any keyword.
// JPEG: one `COM` segment `nano-banana:<JSON>`, after the leading APPn segments (JFIF's APP0 and Exif's
//   APP1 must stay first for strict readers). A COM holds at most 65533 bytes, so a longer prompt is cut
//   at a character boundary and the record says so.
// WebP and GIF are left exactly as delivered: carrying text there means rewriting RIFF sizes and VP8X
//   flags (WebP) or adding an application extension (GIF), and the service delivers PNG or JPEG.
import { sniffImageType } from './imageType';
import { endsWithJpegEnd, jpegComments, jpegHeadWithComment, jpegWithComment } from './jpegSegments';
import { endsWithPngEnd, pngHeadWithText, pngTextChunks, pngWithText } from './pngChunks';

export const PROVENANCE_KEYWORD = 'nano-banana';
const JPEG_PREFIX = `${PROVENANCE_KEYWORD}:`;
/** A COM segment's 16-bit length counts itself. */
export const MAX_JPEG_COMMENT_BYTES = 0xffff - 2;

export interface Provenance {
  prompt: string;
  model: string;
  taskId: string;
  action: 'generate' | 'edit';
  aspectRatio?: string;
  resolution?: string;
  /** ISO 8601 time the job was started. */
  createdAt: string;
  /** The project style's text the prompt was sent with. */
  style?: string;
  /** Workspace-relative paths of the style images sent with it. */
  styleImages?: string[];
  /** The prompt was cut to fit (a JPEG comment holds 64 KB); the file keeps its start. */
  promptTruncated?: boolean;
}

/**
 * The file with our record in it, as pieces to write in order: views into `bytes` around the new
 * metadata, so a 64 MB image is never copied in memory. An earlier record of ours is replaced, not
 * duplicated. Undefined for a format that carries none here (WebP, GIF); throws on a malformed file.
 */
export function embedProvenance(bytes: Uint8Array, record: Provenance): Uint8Array[] | undefined {
  const type = sniffImageType(bytes)?.extension;
  if (type === 'png') return pngWithText(bytes, PROVENANCE_KEYWORD, JSON.stringify(record));
  if (type === 'jpg') return jpegWithComment(bytes, jpegComment(record), isOurComment);
  return undefined;
}

/**
 * The same for a large file read only at its start (`head`) and end (`tail`): the pieces that replace
 * the file up to `resumeAt`, after which it continues unchanged, so it can be streamed rather than held
 * in memory. Undefined for WebP and GIF; throws when the head does not reach the image data or the tail
 * is not the format's end marker (the caller then treats the file whole, as `embedProvenance`).
 */
export function embedProvenanceInHead(head: Uint8Array, tail: Uint8Array, record: Provenance): { parts: Uint8Array[]; resumeAt: number } | undefined {
  const type = sniffImageType(head)?.extension;
  if (type === 'png') {
    if (!endsWithPngEnd(tail)) throw new Error('not a complete PNG file');
    return pngHeadWithText(head, PROVENANCE_KEYWORD, JSON.stringify(record));
  }
  if (type === 'jpg') {
    if (!endsWithJpegEnd(tail)) throw new Error('not a complete JPEG file');
    return jpegHeadWithComment(head, jpegComment(record), isOurComment);
  }
  return undefined;
}

/** Our record, or undefined when there is none or the file is damaged, truncated or not PNG/JPEG. */
export function readProvenance(bytes: Uint8Array): Provenance | undefined {
  const type = sniffImageType(bytes)?.extension;
  const texts = type === 'png'
    ? pngTextChunks(bytes, PROVENANCE_KEYWORD)
    : type === 'jpg'
      ? jpegComments(bytes)?.filter(isOurComment).map((comment) => comment.subarray(JPEG_PREFIX.length))
      : undefined;
  for (const text of texts ?? []) {
    const record = parseRecord(text);
    if (record) return record;
  }
  return undefined;
}

function jpegComment(record: Provenance): Uint8Array {
  const encode = (candidate: Provenance) => new TextEncoder().encode(JPEG_PREFIX + JSON.stringify(candidate));
  const whole = encode(record);
  if (whole.length <= MAX_JPEG_COMMENT_BYTES) return whole;
  // Cut by code points (never inside a UTF-8 sequence or a surrogate pair), longest that fits.
  const characters = Array.from(record.prompt);
  const cut = (count: number) => encode({ ...record, prompt: characters.slice(0, count).join(''), promptTruncated: true });
  let fits = 0;
  let tooLong = characters.length;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (cut(middle).length <= MAX_JPEG_COMMENT_BYTES) fits = middle;
    else tooLong = middle;
  }
  return cut(fits);
}

function isOurComment(comment: Uint8Array): boolean {
  return comment.length >= JPEG_PREFIX.length && String.fromCharCode(...comment.subarray(0, JPEG_PREFIX.length)) === JPEG_PREFIX;
}

/** Only a record with every required field of the right type counts; unknown fields are dropped. */
function parseRecord(utf8: Uint8Array): Provenance | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(utf8));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  const text = (key: keyof Provenance) => (typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  const [prompt, model, taskId, createdAt, aspectRatio, resolution] =
    (['prompt', 'model', 'taskId', 'createdAt', 'aspectRatio', 'resolution'] as const).map(text);
  const action = fields.action;
  const style = text('style');
  const styleImages = Array.isArray(fields.styleImages) && fields.styleImages.every((item) => typeof item === 'string') ? (fields.styleImages as string[]) : undefined;
  if (prompt === undefined || model === undefined || taskId === undefined || createdAt === undefined) return undefined;
  if (action !== 'generate' && action !== 'edit') return undefined;
  return {
    prompt,
    model,
    taskId,
    action,
    createdAt,
    ...(aspectRatio !== undefined && { aspectRatio }),
    ...(resolution !== undefined && { resolution }),
    ...(style !== undefined && { style }),
    ...(styleImages?.length && { styleImages }),
    ...(fields.promptTruncated === true && { promptTruncated: true }),
  };
}
