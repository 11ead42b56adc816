// Turns an accepted request into result files: deterministic pictures for generate (picture.ts), the
// colour negative of the first input for edit, encoded as PNG or JPEG as the knobs ask. A prompt asking for a
// flat white or black background gets the cut-out subject over it instead (backgrounds.ts).
import jpeg from 'jpeg-js';
import { askedBackground, recolourShift, showsSubject, subjectOn } from './backgrounds';
import { encodePng, decodePng } from './png';
import { pictureImage } from './picture';
import { digest, imageSizeFor, invert, noiseImage, patternImage, scaleNearest, type RgbImage } from './pixels';
import type { MockKnobs } from './types';
import type { SubmitRequest } from './validate';

export interface StoredImage {
  /** `<64 hex>.png` or `.jpg`. */
  name: string;
  bytes: Buffer;
  contentType: string;
}

/** Looks a URL up on the stand-in's own image host, so edits of earlier results skip a download. */
export type LocalImageLookup = (url: string) => Buffer | undefined;

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function decodeImage(bytes: Buffer): RgbImage | undefined {
  if (!isJpeg(bytes)) return decodePng(bytes);
  try {
    const { width, height, data } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: true });
    const rgb = Buffer.allocUnsafe(width * height * 3);
    for (let s = 0, d = 0; d < rgb.length; s += 4, d += 3) {
      rgb[d] = data[s];
      rgb[d + 1] = data[s + 1];
      rgb[d + 2] = data[s + 2];
    }
    return { width, height, rgb };
  } catch {
    return undefined;
  }
}

async function encode(image: RgbImage, format: MockKnobs['format'], incompressible: boolean): Promise<{ bytes: Buffer; contentType: string }> {
  if (format !== 'jpeg') return { bytes: await encodePng(image, incompressible), contentType: 'image/png' };
  const rgba = Buffer.alloc(image.width * image.height * 4, 0xff);
  for (let s = 0, d = 0; s < image.rgb.length; s += 3, d += 4) {
    rgba[d] = image.rgb[s];
    rgba[d + 1] = image.rgb[s + 1];
    rgba[d + 2] = image.rgb[s + 2];
  }
  const encoded = jpeg.encode({ width: image.width, height: image.height, data: rgba }, 90);
  return { bytes: encoded.data, contentType: 'image/jpeg' };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The service fetches http(s) inputs itself. The stand-in only reaches loopback hosts, so a test
 * cannot make it touch the network; anything else counts as undecodable.
 */
async function loadInput(url: string, lookupLocal: LocalImageLookup): Promise<Buffer | undefined> {
  if (url.startsWith('data:')) return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  const local = lookupLocal(url);
  if (local) return local;
  try {
    if (!LOOPBACK.has(new URL(url).hostname)) return undefined;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return response.ok ? Buffer.from(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the input's pixel size unless the request chose a ratio or a resolution. */
function editSize(input: RgbImage, request: SubmitRequest): { width: number; height: number } {
  if (request.aspect_ratio !== undefined) return imageSizeFor(request.aspect_ratio, request.resolution);
  if (request.resolution === undefined) return { width: input.width, height: input.height };
  return imageSizeFor(`${input.width}:${input.height}`, request.resolution);
}

async function editPicture(request: SubmitRequest, knobs: MockKnobs, lookupLocal: LocalImageLookup): Promise<RgbImage> {
  const first = request.image_urls![0];
  const bytes = await loadInput(first, lookupLocal);
  const decoded = bytes && decodeImage(bytes);
  if (decoded) {
    const { width, height } = editSize(decoded, request);
    const background = askedBackground(request.prompt);
    // Any image put on white is the subject on white; only the subject's own image can have its background recoloured.
    if (background === 'white') return subjectOn('white', width, height);
    if (background === 'black' && showsSubject(decoded)) {
      return subjectOn('black', width, height, knobs.subjectMovesOnRecolour ? recolourShift(width, height) : 0);
    }
    return scaleNearest(invert(decoded), width, height);
  }
  const { width, height } = imageSizeFor(request.aspect_ratio, request.resolution);
  return patternImage(digest('undecodable', bytes ?? first), width, height);
}

/** Documents that can carry script: what a result must never be saved or shown as. */
const DOCUMENTS = {
  svg: { contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024"><script>parent.postMessage("svg ran", "*")</script><rect width="1024" height="1024" fill="red"/></svg>' },
  html: { contentType: 'text/html', body: '<!doctype html><html><body><script>parent.postMessage("html ran", "*")</script>Sign in</body></html>' },
} as const;
/** Noise when asked; the cut-out subject when the prompt asks for a flat background; else a picture of the prompt's own. */
function generatedPicture(request: SubmitRequest, index: number, noise: boolean): RgbImage {
  const { width, height } = imageSizeFor(request.aspect_ratio, request.resolution);
  const seed = digest(request.prompt, String(index));
  if (noise) return noiseImage(seed, width, height);
  const background = askedBackground(request.prompt);
  return background ? subjectOn(background, width, height) : pictureImage(seed, width, height);
}

export async function renderResults(
  request: SubmitRequest,
  taskId: string,
  knobs: MockKnobs,
  lookupLocal: LocalImageLookup,
): Promise<StoredImage[]> {
  const noise = knobs.noise === true && request.action === 'generate';
  // Every image of an edit is the same transform of the same input, so it is encoded once.
  const edited = request.action === 'edit' ? encode(await editPicture(request, knobs, lookupLocal), knobs.format, false) : undefined;
  const results: StoredImage[] = [];
  for (let index = 0; index < (request.count ?? 1); index++) {
    if (knobs.resultDocument) {
      const { contentType, body } = DOCUMENTS[knobs.resultDocument];
      results.push({ name: `${digest(taskId, String(index)).toString('hex')}.png`, bytes: Buffer.from(body), contentType });
      continue;
    }
    const { bytes, contentType } = await (edited ?? encode(generatedPicture(request, index, noise), knobs.format, noise));
    const isPngBytes = contentType === 'image/png';
    const extension = isPngBytes !== (knobs.misnamedExtension === true) ? 'png' : 'jpg';
    const served = knobs.trailingBytes ? Buffer.concat([bytes, Buffer.alloc(knobs.trailingBytes, 0x20)]) : bytes;
    results.push({ name: `${digest(taskId, String(index)).toString('hex')}.${extension}`, bytes: served, contentType });
  }
  return results;
}
