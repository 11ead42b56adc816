// Shapes shared by the stand-in's parts and by the tests that steer it.

export type AckShape = 'trace' | 'success' | 'alternate';
export type ApiPath = 'images' | 'tasks';

/** One injected failure: the next `count` matching API requests get this answer instead. */
export interface FailRule {
  count: number;
  status: number;
  /** A string goes out as-is (an HTML proxy page, say); an object as JSON. */
  body: string | object;
  headers?: Record<string, string>;
  /** Absent: matches both API paths. */
  path?: ApiPath;
}

/** Fault and timing switches; every field is optional and read at the moment it matters. */
export interface MockKnobs {
  /** Submit to finished, in ms (default 1000). */
  generationDelayMs?: number;
  /** Per-task delays, consumed one per submit before `generationDelayMs` applies. */
  taskDelaysMs?: number[];
  /**
   * Tasks submitted while set stay pending until `releaseTasks()`; their delay starts then. A test can
   * act while a known number of tasks is certainly still running, however slow the machine.
   */
  holdTasks?: boolean;
  format?: 'png' | 'jpeg';
  /** Seeded random pixels, so PNGs do not compress (4K is then over 20 MB). */
  noise?: boolean;
  /** Serve the bytes under the other format's extension (PNG as `.jpg`). */
  misnamedExtension?: boolean;
  /** Every result is this document instead of an image, served under a `.png` name with its real type (a hostile or broken image host). */
  resultDocument?: 'svg' | 'html';
  /**
   * An edit that recolours the subject's background to black shifts the subject by a few pixels, as a
   * model that redrew it instead of only recolouring would: the matte should say the subject moved.
   */
  subjectMovesOnRecolour?: boolean;
  /** Append this many bytes after the image's end (phones' "motion photos" carry a video there). */
  trailingBytes?: number;
  /** Default 'alternate', so clients meet both acknowledgement shapes of the contract. */
  ackShape?: AckShape;
  failNext?: FailRule[];
  /** Drop the connection of the next N API requests after reading them (a valid submit is still accepted). */
  resetNextRequests?: number;
  /** Send half the image, then reset the connection. */
  resetNextDownloads?: number;
  /** Announce the full Content-Length, send part of it, then close cleanly. */
  truncateNextDownloads?: number;
  downloadBytesPerSecond?: number;
  /** Wait this long before answering each API request. */
  responseDelayMs?: number;
  moderateNext?: number;
  neverFinishNext?: number;
  /** Answer 200 with JSON cut off mid-way. */
  invalidJsonNext?: number;
  /** Answer 200 with JSON that has none of the expected fields. */
  wrongShapeNext?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed when the body was JSON, else the raw text (or undefined when empty). */
  body: unknown;
  at: number;
}

export interface MockStats {
  /** Submits that created a task. */
  submits: number;
  generate: number;
  edit: number;
  /** Every POST to /nano-banana/images, rejected ones included. */
  imagesRequests: number;
  retrieve: number;
  retrieveBatch: number;
  retrieveBatchIds: number[];
  /** Date.now() of each request to /nano-banana/tasks. */
  lookupTimes: number[];
  /** Every request to the image host, faulted and 404 ones included. */
  downloads: number;
  downloadHeaders: Array<Record<string, string | string[] | undefined>>;
  requests: RecordedRequest[];
  callbacksSent: number;
  /** Task id to the ms epoch at which it finished, for latency measurements. */
  taskFinishedAt: Record<string, number>;
  /** `image_urls` of each accepted edit, data URIs verbatim. */
  receivedImageUrls: string[][];
}

export interface MockApiOptions {
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  host?: string;
  /** Knobs in force at start and restored by reset(). */
  knobs?: MockKnobs;
}

export interface MockApi {
  /** API base URL without a trailing slash. */
  url: string;
  /** A second server standing in for the CDN, so tests can show the token never reaches it. */
  imageHostUrl: string;
  token: string;
  knobs: MockKnobs;
  stats: MockStats;
  /** The next `n` API requests (on `path`, or both) get 429 `too_many_requests` with Retry-After. */
  rateLimitNext(n: number, retryAfterSeconds: number, path?: ApiPath): void;
  /** The next `n` API requests (on `path`, or both) get an nginx-like HTML error page. */
  htmlErrorNext(n: number, status: number, path?: ApiPath): void;
  /** Lets every task held by `holdTasks` run (each finishes after its delay) and stops holding new ones; returns how many. */
  releaseTasks(): number;
  reset(): void;
  close(): Promise<void>;
}

export function freshStats(): MockStats {
  return {
    submits: 0,
    generate: 0,
    edit: 0,
    imagesRequests: 0,
    retrieve: 0,
    retrieveBatch: 0,
    retrieveBatchIds: [],
    lookupTimes: [],
    downloads: 0,
    downloadHeaders: [],
    requests: [],
    callbacksSent: 0,
    taskFinishedAt: {},
    receivedImageUrls: [],
  };
}

/** Takes one unit from a counter knob; true when the knob was armed. */
export function consume(knobs: MockKnobs, key: CounterKnob): boolean {
  const left = knobs[key] ?? 0;
  if (left <= 0) return false;
  knobs[key] = left - 1;
  return true;
}

export type CounterKnob =
  | 'resetNextRequests'
  | 'resetNextDownloads'
  | 'truncateNextDownloads'
  | 'moderateNext'
  | 'neverFinishNext'
  | 'invalidJsonNext'
  | 'wrongShapeNext';
