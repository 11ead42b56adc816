// Decoding, resampling and encoding, by libraries rather than by hand: MozJPEG (@jsquash/jpeg) and
// Squoosh's Lanczos resampler (@jsquash/resize), both WebAssembly, and pngjs (JavaScript over Node's
// zlib). No native binary, so the one .vsix runs everywhere. Loaded only inside the image worker.
import { readFileSync } from 'node:fs';
import decodeJpegWith, { init as initJpegDecoder } from '@jsquash/jpeg/decode.js';
import encodeJpegWith, { init as initJpegEncoder } from '@jsquash/jpeg/encode.js';
import { initSync as initResizer, resize as resizeWith } from '@jsquash/resize/lib/resize/pkg/squoosh_resize.js';
import { PNG } from 'pngjs';
import { jpegOrientation } from '../exifOrientation';
import { sniffImageType } from '../imageType';
import type { PixelSize } from '../pixelSize';
import { orientRaster, type Raster } from '../raster';

/** The WebAssembly files, by the name they ship under in dist/ (esbuild.mjs copies them there). */
export const WASM_FILES = {
  jpegDecoder: 'mozjpeg_dec.wasm',
  jpegEncoder: 'mozjpeg_enc.wasm',
  resizer: 'squoosh_resize_bg.wasm',
} as const;

export interface Codecs {
  /** Pixels as they are meant to be seen (a JPEG's EXIF orientation applied); throws UndecodableImage. */
  decode(bytes: Uint8Array): Promise<Raster>;
  /**
   * Lanczos3, or `triangle` (no ringing, softer); `alpha` premultiplies, so transparent pixels do not
   * bleed their colour into the edges.
   */
  resize(raster: Raster, size: PixelSize, alpha: boolean, filter?: 'lanczos3' | 'triangle'): Raster;
  /** `chroma420`: colour at half resolution, as cameras store photos: a quarter smaller and faster to encode. */
  encodeJpeg(raster: Raster, quality: number, options?: { chroma420?: boolean }): Promise<Uint8Array>;
  /**
   * `quick`: one filter (Sub) for every row and zlib's default level instead of trying every filter at
   * level 9: a fifth of the time, and as small for a cut-out's flat colours and empty background.
   */
  encodePng(raster: Raster, options?: { quick?: boolean }): Uint8Array;
}

/** The image's bytes are not something these codecs can read: the message says what it is. */
export class UndecodableImage extends Error {
  constructor(readonly reason: 'unsupported-type' | 'damaged') {
    super(reason);
    this.name = 'UndecodableImage';
  }
}

/** The resizer's filter numbers. */
const FILTERS = { triangle: 0, lanczos3: 3 } as const;

const QUICK_PNG = { filterType: 1, deflateLevel: 6, deflateStrategy: 0 };

/**
 * The codecs, each compiled from the WebAssembly found by `locate` (a file name of WASM_FILES → its path)
 * the first time it is needed: a worker that only reads and writes PNGs never compiles MozJPEG, which
 * took about a quarter of a small request's time.
 */
export async function loadCodecs(locate: (fileName: string) => string): Promise<Codecs> {
  const compile = (name: string) => WebAssembly.compile(readFileSync(locate(name)));
  // The typings know only the options form; the functions also take the compiled module first (as the README shows).
  // libjpeg's own warnings about a damaged file would only reach the host's stderr: the caller reports it.
  const jpegDecoder = once(async () => (initJpegDecoder as (module: WebAssembly.Module, options: object) => Promise<void>)(await compile(WASM_FILES.jpegDecoder), { printErr: () => undefined }));
  const jpegEncoder = once(async () => (initJpegEncoder as (module: WebAssembly.Module) => Promise<void>)(await compile(WASM_FILES.jpegEncoder)));
  // Resizing is synchronous, so its module is too (Node compiles a module of any size synchronously).
  const resizer = once(() => initResizer(new WebAssembly.Module(readFileSync(locate(WASM_FILES.resizer)))));
  return {
    async decode(bytes) {
      const type = sniffImageType(bytes)?.extension;
      if (type === 'png') return decodePng(bytes);
      if (type !== 'jpg') throw new UndecodableImage('unsupported-type');
      await jpegDecoder();
      let decoded: ImageData;
      try {
        decoded = await decodeJpegWith(arrayBufferOf(bytes), { preserveOrientation: false });
      } catch {
        // MozJPEG refuses CMYK and damaged files alike.
        throw new UndecodableImage('damaged');
      }
      const raster = { data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), width: decoded.width, height: decoded.height };
      return orientRaster(raster, jpegOrientation(bytes));
    },
    resize(raster, size, alpha, filter = 'lanczos3') {
      if (raster.width === size.width && raster.height === size.height) return raster;
      resizer();
      const out = resizeWith(raster.data, raster.width, raster.height, size.width, size.height, FILTERS[filter], alpha, false);
      return { data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), width: size.width, height: size.height };
    },
    async encodeJpeg(raster, quality, options) {
      // Baseline and not progressive: half the encoding time of MozJPEG's defaults for a few percent more bytes.
      const image = { data: new Uint8ClampedArray(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength), width: raster.width, height: raster.height, colorSpace: 'srgb' } as ImageData;
      await jpegEncoder();
      const chroma = options?.chroma420 ? { auto_subsample: false, chroma_subsample: 2 } : {};
      return new Uint8Array(await encodeJpegWith(image, { quality, baseline: true, progressive: false, ...chroma }));
    },
    encodePng(raster, options) {
      const png = new PNG({ width: raster.width, height: raster.height });
      png.data = Buffer.from(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength);
      return new Uint8Array(PNG.sync.write(png, options?.quick ? QUICK_PNG : {}));
    },
  };
}

/** `make`'s result, made on the first call only. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function decodePng(bytes: Uint8Array): Raster {
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
  } catch {
    throw new UndecodableImage('damaged');
  }
}

/** The codecs take an ArrayBuffer of exactly the file: a view into a larger buffer is copied out. */
function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}
