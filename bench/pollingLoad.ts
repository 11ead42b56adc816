// Polling load: lookup requests per second the stand-in receives while 1, 10 or 50 jobs wait, for
// the extension's shared poller and for one 3 s poller per task. Every (variant, count) pair gets its
// own stand-in, so its lookups can be counted, and all pairs run at the same time.
import { setMaxListeners } from 'node:events';
import { NanoBananaClient } from '../src/api/client';
import { createAgent } from '../src/api/http';
import { TaskPoller } from '../src/api/poller';
import { startMockApi } from '../test/mock-api';
import { waitByPollingEach } from './alternatives';
import { sleep } from './util';

export const PENDING_COUNTS = [1, 10, 50] as const;
export type PollingVariant = 'extension' | 'poll3s';

export interface PollingLoadRow {
  variant: PollingVariant;
  pending: number;
  lookupsPerSecond: number;
  /** Task ids asked for per second, to show the batching. */
  idsPerSecond: number;
}

/** From the first wait; long enough to settle, a multiple of 3 s so a 3 s poller is counted whole. */
const WARM_UP_MS = 1_000;
const WINDOW_MS = 9_000;

async function measureOne(variant: PollingVariant, pending: number): Promise<PollingLoadRow> {
  // The tasks never finish, so exactly `pending` jobs wait throughout the window.
  const mock = await startMockApi({ token: 'bench-token', knobs: { neverFinishNext: pending } });
  const dispatcher = createAgent({ connectMs: 15_000, headersMs: 60_000, bodyMs: 60_000 });
  const client = new NanoBananaClient({ baseUrl: mock.url, token: mock.token, dispatcher });
  // The extension's poller at its default interval, as openConnection builds it.
  const poller = new TaskPoller(() => client);
  const stop = new AbortController();
  // One abort listener per waiting task (50 of them) is intended here.
  setMaxListeners(0, stop.signal);
  try {
    const ids: string[] = [];
    for (let i = 0; i < pending; i++) ids.push((await client.submit({ action: 'generate', prompt: `pending ${i}`, model: 'nano-banana' })).taskId);
    const started = Date.now();
    const waits = ids.map((id) => (variant === 'extension' ? poller.wait(id, stop.signal) : waitByPollingEach(client, id, stop.signal)));
    waits.forEach((wait) => wait.catch(() => undefined));
    await sleep(WARM_UP_MS + WINDOW_MS + 50);
    stop.abort();
    const from = started + WARM_UP_MS;
    const to = from + WINDOW_MS;
    const inWindow = mock.stats.lookupTimes.map((at, index) => ({ at, index })).filter(({ at }) => at >= from && at < to);
    // retrieve_batch lookups carry several ids; a plain retrieve carries one.
    const batchSizes = mock.stats.retrieveBatchIds;
    const idsAsked = variant === 'extension' ? inWindow.reduce((sum, { index }) => sum + (batchSizes[index] ?? 0), 0) : inWindow.length;
    return { variant, pending, lookupsPerSecond: inWindow.length / (WINDOW_MS / 1000), idsPerSecond: idsAsked / (WINDOW_MS / 1000) };
  } finally {
    poller.dispose();
    await dispatcher.close();
    await mock.close();
  }
}

export async function measurePollingLoad(): Promise<PollingLoadRow[]> {
  const pairs = PENDING_COUNTS.flatMap((pending) => (['extension', 'poll3s'] as const).map((variant) => ({ variant, pending })));
  return Promise.all(pairs.map(({ variant, pending }) => measureOne(variant, pending)));
}
