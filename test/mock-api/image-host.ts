// The CDN stand-in: a separate server (own port) holding result files in memory, so tests can
// show that downloads never carry the API token, and so download faults can be injected.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { StoredImage } from './images';
import type { Timers } from './timers';
import { consume, type MockKnobs, type MockStats } from './types';

export class ImageStore {
  private readonly images = new Map<string, StoredImage>();
  /** Set once the host listens; results are only made after that. */
  baseUrl = '';

  /** Returns the public URL of the stored file. */
  put(image: StoredImage): string {
    this.images.set(image.name, image);
    return `${this.baseUrl}/nanobanana/${image.name}`;
  }

  get(name: string): StoredImage | undefined {
    return this.images.get(name);
  }

  lookup(url: string): Buffer | undefined {
    const prefix = `${this.baseUrl}/nanobanana/`;
    return url.startsWith(prefix) ? this.images.get(url.slice(prefix.length))?.bytes : undefined;
  }

  clear(): void {
    this.images.clear();
  }
}

type Ending = 'complete' | 'reset' | 'truncate';

/** Writes `bytes`, throttled when asked, then ends the way the fault knobs chose. */
function stream(res: ServerResponse, bytes: Buffer, ending: Ending, bytesPerSecond: number | undefined, timers: Timers): void {
  const finish = (): void => {
    if (ending === 'complete') res.end();
    else if (ending === 'reset') res.socket?.resetAndDestroy();
    else res.socket?.end();
  };
  if (!bytesPerSecond || bytesPerSecond <= 0) {
    res.write(bytes, finish);
    return;
  }
  const tickMs = 100;
  const step = Math.max(1, Math.round((bytesPerSecond * tickMs) / 1000));
  const next = (offset: number): void => {
    if (res.destroyed) return;
    if (offset >= bytes.length) return finish();
    res.write(bytes.subarray(offset, offset + step));
    timers.after(tickMs, () => next(offset + step));
  };
  next(0);
}

export function createImageHost(store: ImageStore, knobs: MockKnobs, stats: MockStats, timers: Timers): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    stats.downloads++;
    stats.downloadHeaders.push({ ...req.headers });
    const match = /^\/nanobanana\/([^/?#]+)$/.exec(new URL(req.url ?? '/', 'http://host').pathname);
    const image = match && (req.method === 'GET' || req.method === 'HEAD') ? store.get(match[1]) : undefined;
    if (!image) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(200, {
      'content-type': image.contentType,
      'content-length': image.bytes.length,
      'cache-control': 'public, max-age=31536000',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Both faults announce the full length and deliver half of it; they differ in how the connection ends.
    const half = image.bytes.subarray(0, Math.floor(image.bytes.length / 2));
    if (consume(knobs, 'resetNextDownloads')) stream(res, half, 'reset', knobs.downloadBytesPerSecond, timers);
    else if (consume(knobs, 'truncateNextDownloads')) stream(res, half, 'truncate', knobs.downloadBytesPerSecond, timers);
    else stream(res, image.bytes, 'complete', knobs.downloadBytesPerSecond, timers);
  });
}
