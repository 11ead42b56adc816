// Saving a result: streamed to a hidden temporary file beside the target and given its final name only
// once complete and verified, so no partial or foreign file ever appears under a real name.
import { randomBytes } from 'node:crypto';
import { link, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request, type Dispatcher } from 'undici';
import { imageSize, sniffImageType, type ImageType } from '../core/imageType';
import { t } from '../core/l10n';
import { claimFirstFreeName } from '../core/naming';
import { shownUrl } from '../core/redact';
import { ApiError } from './errors';
import { requestFailure, transportError } from './http';
import { proxyRouteFor } from './proxy';
import { addressesOf, isInternalAddress, MAX_REDIRECTS, redirectRefusal, resolveHost, type ResolveHost } from './redirects';
import { backoffDelay, isTransient, LOOKUP_BACKOFF, sleep, throwIfCancelled, type BackoffPolicy } from './retry';

export const DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;
/** Enough of the head to find a JPEG's size marker behind its metadata. */
const HEAD_BYTES = 256 * 1024;

export interface DownloadOptions {
  dispatcher: Dispatcher;
  /** The API address: redirects may lead to loopback, private or link-local hosts only when it is one. */
  apiBaseUrl: string;
  /** How a redirect target's host name is resolved to judge it (default: the system resolver). */
  resolveHost?: ResolveHost;
  directory: string;
  /** File name without extension; the extension comes from the bytes. A counter is added on a clash. */
  baseName: string;
  signal?: AbortSignal;
  maxBytes?: number;
  backoff?: BackoffPolicy;
  log?: (message: string) => void;
}

export interface DownloadedImage {
  path: string;
  fileName: string;
  type: ImageType;
  bytes: number;
  width?: number;
  height?: number;
}

export async function downloadImage(url: string, options: DownloadOptions): Promise<DownloadedImage> {
  const policy = options.backoff ?? LOOKUP_BACKOFF;
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(options.signal);
    try {
      return await downloadOnce(url, options);
    } catch (error) {
      if (attempt >= policy.attempts || !isTransient(error)) throw error;
      const wait = backoffDelay(policy, attempt);
      options.log?.(`download of ${shownUrl(url)} failed (${(error as ApiError).code}); retrying in ${wait} ms`);
      await sleep(wait, options.signal);
    }
  }
}

async function downloadOnce(url: string, options: DownloadOptions): Promise<DownloadedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const response = await openImage(url, options);
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) {
    discard(response);
    throw tooLarge(maxBytes);
  }

  const temporary = join(options.directory, `.${options.baseName}.${randomBytes(6).toString('hex')}.part`);
  // Opened before streaming, not by the write stream: pipeline can reject on a broken body before a
  // lazily opening stream has created its file, which would then appear after the cleanup below.
  const file = await open(temporary, 'wx').catch((error: unknown) => {
    discard(response);
    throw error;
  });
  const sink = file.createWriteStream();
  const head: Buffer[] = [];
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (received < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - received));
      received += chunk.length;
      done(received > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    try {
      await pipeline(response.body, meter, sink, { signal: options.signal });
    } catch (error) {
      throw error instanceof ApiError ? error : transportError(error, options.signal);
    }
    if (Number.isFinite(declared) && received !== declared) {
      throw new ApiError({ code: 'truncated' }, t('The image download ended after {0} of {1} bytes.', received, declared));
    }
    const headBytes = Buffer.concat(head);
    const type = sniffImageType(headBytes);
    if (!type) {
      throw new ApiError({ code: 'not_an_image' }, t('The service\'s result at {0} is not a PNG, JPEG, WebP or GIF image; it was not saved.', shownUrl(url)));
    }
    const fileName = await claimName(temporary, options.directory, options.baseName, type.extension);
    return { path: join(options.directory, fileName), fileName, type, bytes: received, ...imageSize(headBytes) };
  } finally {
    // The rejection can also come before the sink has closed its handle; Windows keeps the name until then.
    if (!sink.closed) await new Promise<void>((settle) => sink.once('close', () => settle()));
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * GET without credentials (the image host must never see the API token), following at most five
 * redirects, each judged before anything is sent to its target (see redirects.ts).
 */
async function openImage(url: string, options: DownloadOptions): Promise<Dispatcher.ResponseData> {
  let current = url;
  let apiIsInternal: boolean | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    assertWebUrl(current);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        method: 'GET',
        dispatcher: options.dispatcher,
        signal: options.signal,
        headers: { accept: 'image/png,image/jpeg,image/webp,image/gif,*/*;q=0.5' },
      });
    } catch (error) {
      throw requestFailure(error, options.signal, options.dispatcher, current);
    }
    const location = response.headers.location;
    if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
      discard(response);
      const next = new URL(location, current).toString();
      if (hop === MAX_REDIRECTS) break;
      assertWebUrl(next);
      apiIsInternal ??= await isInternalHost(options.apiBaseUrl, options);
      const refusal = redirectRefusal({ from: current, to: next, targetAddresses: await hostAddresses(next, options), apiIsInternal });
      if (refusal) throw new ApiError({ code: 'unsupported_url' }, refusal);
      current = next;
      continue;
    }
    if (response.statusCode !== 200) {
      discard(response);
      throw new ApiError(
        { code: response.statusCode >= 500 ? 'service_unavailable' : 'download_failed', status: response.statusCode },
        t('The image host answered HTTP {0} for {1}.', response.statusCode, shownUrl(current)),
      );
    }
    return response;
  }
  throw new ApiError({ code: 'download_failed' }, t('The image URL redirected more than {0} times: {1}', MAX_REDIRECTS, shownUrl(url)));
}

function hostAddresses(url: string, options: DownloadOptions): Promise<string[]> {
  const direct = !proxyRouteFor(options.dispatcher, url);
  return addressesOf(new URL(url).hostname, direct, options.resolveHost ?? resolveHost);
}

async function isInternalHost(url: string, options: DownloadOptions): Promise<boolean> {
  return [new URL(url).hostname, ...(await hostAddresses(url, options))].some(isInternalAddress);
}

export function assertWebUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ApiError({ code: 'unsupported_url' }, t('The service returned an image address that is not a URL: {0}', shownUrl(url).slice(0, 200)));
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ApiError({ code: 'unsupported_url' }, t('Refusing to download an image from a {0} address; only http and https are allowed.', protocol));
  }
}

/** Hard-links the finished file to the first free name: `link` fails instead of overwriting. */
function claimName(temporary: string, directory: string, baseName: string, extension: string): Promise<string> {
  return claimFirstFreeName(directory, baseName, extension, async (fileName) => {
    try {
      await link(temporary, join(directory, fileName));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  });
}

/**
 * Drops a body that will not be read. undici reports a bare destroy() as a RequestAbortedError 'error'
 * event, and with no listener that is an uncaught exception, so one is attached first.
 */
function discard(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined).destroy();
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError({ code: 'too_large' }, t('The image is larger than the {0} download limit; it was not saved.', formatBytes(maxBytes)));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
}
