// The client built the way the extension builds it (one undici agent, a client, one poller), pointed
// at a fresh stand-in on loopback, with a scratch directory per test.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach } from 'node:test';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Agent } from 'undici';
import { NanoBananaClient, type ClientOptions } from '../../../src/api/client';
import { ApiError } from '../../../src/api/errors';
import { createAgent } from '../../../src/api/http';
import { TaskPoller } from '../../../src/api/poller';
import { startMockApi, type MockApi, type MockKnobs } from '../../mock-api';

/** Short retry pauses so fault tests stay quick. */
export const TEST_BACKOFF = { attempts: 4, baseMs: 20, maxMs: 100 };

export interface ClientEnv {
  mock: MockApi;
  dispatcher: Agent;
  client: NanoBananaClient;
  poller: TaskPoller;
  /** Every line the client logged. */
  log: string[];
  /** Another client on the same agent, e.g. with a wrong token or another base URL. */
  clientWith(options: Partial<ClientOptions>): NanoBananaClient;
  close(): Promise<void>;
}

/**
 * Call at the top level of a test file: one stand-in and client for the whole file (opened in `before`,
 * closed in `after`), with its knobs, counters and the client's log reset before each test. The object
 * returned is filled in by `before`.
 */
export function useClientEnv(): ClientEnv {
  const env = {} as ClientEnv;
  before(async () => void Object.assign(env, await openClientEnv()));
  beforeEach(() => {
    env.mock.reset();
    env.log.length = 0;
  });
  after(async () => env.close?.());
  return env;
}

async function openClientEnv(knobs: MockKnobs = {}): Promise<ClientEnv> {
  // A made-up token: only the stand-in ever sees it.
  const mock = await startMockApi({ port: 0, token: `test-token-${randomUUID()}`, knobs: { generationDelayMs: 50, ...knobs } });
  const dispatcher = createAgent({ connectMs: 2_000, headersMs: 10_000, bodyMs: 10_000 });
  const log: string[] = [];
  const clientWith = (options: Partial<ClientOptions>) =>
    new NanoBananaClient({
      baseUrl: mock.url,
      token: mock.token,
      dispatcher,
      lookupBackoff: TEST_BACKOFF,
      log: (line) => log.push(line),
      ...options,
    });
  const client = clientWith({});
  const poller = new TaskPoller(() => client, { intervalMs: 100 });
  return {
    mock,
    dispatcher,
    client,
    poller,
    log,
    clientWith,
    async close() {
      poller.dispose();
      await dispatcher.close();
      await mock.close();
    },
  };
}

export function scratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'nano-banana-client-'));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Every entry of the directory, hidden ones included, sorted. */
export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** Yields to the event loop until `condition` holds or `limitMs` passes; the caller asserts afterwards. */
export async function until(condition: () => boolean | Promise<boolean>, limitMs = 5_000): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

/** An `assert.rejects` validator: the error is an ApiError, and `check` passes on it. */
export function apiError(check: (error: ApiError) => void) {
  return (error: unknown) => {
    assert.ok(error instanceof ApiError, `not an ApiError: ${String(error)}`);
    check(error);
    return true;
  };
}
