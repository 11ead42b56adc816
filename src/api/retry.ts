// Waiting between attempts: exponential backoff with full jitter, and the server's Retry-After when it gives one.
import { ApiError } from './errors';

export interface BackoffPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const LOOKUP_BACKOFF: BackoffPolicy = { attempts: 4, baseMs: 500, maxMs: 8_000 };

/**
 * Worth asking again: lookups and image downloads are free and idempotent. A proxy that failed counts
 * too, so a proxy restarting mid-wait does not end the wait. (Submits are billed: see the client.)
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (['network', 'timeout', 'invalid_response', 'truncated', 'proxy'].includes(error.code)) return true;
  return error.status === 429 || (error.status !== undefined && error.status >= 500);
}

/** Delay before retry number `attempt` (1-based): random in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}

/** `Retry-After` is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  if (!header) return undefined;
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(header)) {
    const seconds = Number(header);
    return seconds >= 0 ? seconds * 1000 : undefined;
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ApiError({ code: 'cancelled', cause: signal.reason });
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Inside the executor, so an aborted signal rejects the promise rather than throwing at the caller.
    throwIfCancelled(signal);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ApiError({ code: 'cancelled', cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
