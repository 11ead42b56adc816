// Backoff bounds (with an injected random), what is worth retrying, Retry-After parsing, and a cancellable sleep.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors';
import { backoffDelay, isTransient, parseRetryAfter, sleep, throwIfCancelled } from '../../src/api/retry';

const policy = { attempts: 5, baseMs: 100, maxMs: 1_000 };

describe('backoffDelay', () => {
  test('random 0 gives no wait', () => {
    for (let attempt = 1; attempt <= 6; attempt++) assert.equal(backoffDelay(policy, attempt, () => 0), 0);
  });

  test('the ceiling doubles per attempt', () => {
    const top = (attempt: number) => backoffDelay(policy, attempt, () => 1);
    assert.deepEqual([1, 2, 3, 4].map(top), [100, 200, 400, 800]);
  });

  test('the ceiling stops at maxMs', () => {
    assert.equal(backoffDelay(policy, 5, () => 1), 1_000);
    assert.equal(backoffDelay(policy, 30, () => 1), 1_000);
  });

  test('full jitter: a fraction of the ceiling, rounded to whole ms', () => {
    assert.equal(backoffDelay(policy, 3, () => 0.5), 200);
    assert.equal(backoffDelay(policy, 1, () => 0.123456), 12);
  });

  test('with the real random, always within [0, ceiling]', () => {
    for (let i = 0; i < 500; i++) {
      const attempt = 1 + (i % 6);
      const delay = backoffDelay(policy, attempt);
      assert.ok(delay >= 0 && delay <= Math.min(1_000, 100 * 2 ** (attempt - 1)), `${delay} for attempt ${attempt}`);
      assert.ok(Number.isInteger(delay));
    }
  });
});

describe('isTransient', () => {
  test('connection trouble, a cut-short or unreadable answer, 429 and 5xx are worth asking again', () => {
    for (const code of ['network', 'timeout', 'proxy', 'truncated', 'invalid_response']) assert.ok(isTransient(new ApiError({ code })), code);
    for (const status of [429, 500, 502, 503]) assert.ok(isTransient(new ApiError({ code: 'whatever', status })), String(status));
  });

  test('a refused token, a bad request, a non-image, a cancellation or a foreign error are not', () => {
    const settled = [
      new ApiError({ code: 'invalid_token', status: 401 }), new ApiError({ code: 'bad_request', status: 400 }),
      new ApiError({ code: 'not_an_image' }), new ApiError({ code: 'too_large' }), new ApiError({ code: 'cancelled' }),
      new Error('boom'), 'boom',
    ];
    for (const error of settled) assert.equal(isTransient(error), false, String(error));
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  test('seconds', () => {
    assert.equal(parseRetryAfter('3', now), 3_000);
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter('120', now), 120_000);
  });

  test('an HTTP date', () => {
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 12:00:07 GMT', now), 7_000);
  });

  test('an HTTP date in the past means now', () => {
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 11:59:00 GMT', now), 0);
  });

  test('the first of repeated headers', () => {
    assert.equal(parseRetryAfter(['2', '9'], now), 2_000);
  });

  test('absent, empty or garbage is ignored', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
});

describe('sleep and cancellation', () => {
  test('resolves when not cancelled', async () => {
    await sleep(1);
  });

  test('an aborted signal rejects at once with code cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(sleep(60_000, controller.signal), (error: unknown) => error instanceof ApiError && error.code === 'cancelled');
  });

  test('aborting during the sleep rejects it', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(pending, (error: unknown) => error instanceof ApiError && error.code === 'cancelled');
  });

  test('throwIfCancelled', () => {
    assert.doesNotThrow(() => throwIfCancelled(undefined));
    assert.doesNotThrow(() => throwIfCancelled(new AbortController().signal));
    assert.throws(() => throwIfCancelled(AbortSignal.abort()), (error: unknown) => error instanceof ApiError && error.code === 'cancelled');
  });
});

test('a negative Retry-After is ignored, not read as a date in the past', () => {
  assert.equal(parseRetryAfter('-1'), undefined);
  assert.equal(parseRetryAfter(' 2 '), 2000);
});
