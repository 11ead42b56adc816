// Local stand-in for the Ace Data Cloud Nano Banana Images API: an API server plus a separate
// image host, steerable through knobs, for tests, benchmarks and offline demos.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ApiServer } from './api-server';
import { htmlErrorRule, rateLimitRule } from './http';
import { createImageHost, ImageStore } from './image-host';
import { TaskStore } from './tasks';
import { Timers } from './timers';
import { freshStats, type MockApi, type MockApiOptions, type MockKnobs } from './types';

export { imageSizeFor } from './pixels';
export type { AckShape, ApiPath, FailRule, MockApi, MockApiOptions, MockKnobs, MockStats, RecordedRequest } from './types';

export const DEMO_TOKEN = 'demo-token-nano-banana';

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    });
  });
}

function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Blocking submits and slow downloads would otherwise hold close() open.
    server.closeAllConnections();
  });
}

export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const token = options.token ?? DEMO_TOKEN;
  const host = options.host ?? '127.0.0.1';
  const initialKnobs = structuredClone(options.knobs ?? {});
  // Shared by reference with every part, so reset() mutates these objects rather than replacing them.
  const knobs: MockKnobs = structuredClone(initialKnobs);
  const stats = freshStats();
  const timers = new Timers();
  const store = new ImageStore();
  const tasks = new TaskStore(knobs, stats, timers, store);

  const reset = (): void => {
    for (const key of Object.keys(knobs)) delete knobs[key as keyof MockKnobs];
    Object.assign(knobs, structuredClone(initialKnobs));
    Object.assign(stats, freshStats());
    tasks.clear();
    store.clear();
    api.resetCounters();
  };

  const imageHost = createImageHost(store, knobs, stats, timers);
  const api = new ApiServer({ token, knobs, stats, tasks, timers, reset });
  store.baseUrl = await listen(imageHost, 0, host);
  let url: string;
  try {
    url = await listen(api.server, options.port ?? 0, host);
  } catch (error) {
    await shut(imageHost);
    throw error;
  }

  return {
    url,
    imageHostUrl: store.baseUrl,
    token,
    knobs,
    stats,
    rateLimitNext(n, retryAfterSeconds, path) {
      (knobs.failNext ??= []).push(rateLimitRule(n, retryAfterSeconds, path));
    },
    htmlErrorNext(n, status, path) {
      (knobs.failNext ??= []).push(htmlErrorRule(n, status, path));
    },
    releaseTasks: () => tasks.release(),
    reset,
    async close() {
      timers.close();
      tasks.close();
      await Promise.all([shut(api.server), shut(imageHost)]);
    },
  };
}
