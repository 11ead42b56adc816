// Completion to file: from the moment the stand-in marks a task finished to the image saved in the
// target folder, for this extension's client, a per-task 3 s poller and the blocking request.
// The three run concurrently against one stand-in: every generation time is submitted once per
// variant, back to back, so the three tasks of a pair finish within milliseconds of each other
// and meet the same load.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NanoBananaClient } from '../src/api/client';
import { openConnection } from '../src/api/connection';
import { createAgent, type HttpTimeouts } from '../src/api/http';
import type { ImagesRequest } from '../src/api/schemas';
import { startMockApi } from '../test/mock-api';
import { submitBlocking, waitByPollingEach, type WaitedTask } from './alternatives';
import { downloadAndSave, downloadVia, type Download } from './deliver';
import { seededShuffle, waitUntil } from './util';

export const VARIANTS = ['extension', 'poll3s', 'blocking'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface LatencyResult {
  jobs: number;
  generationMs: { min: number; max: number };
  /** Seconds from task finished to last file saved, per variant, in job order. */
  seconds: Record<Variant, number[]>;
}

const TIMEOUTS: HttpTimeouts = { connectMs: 15_000, headersMs: 60_000, bodyMs: 60_000 };

/** `jobs` generation times evenly spread over [minMs, maxMs], in a fixed shuffled order. */
export function generationTimes(jobs: number, minMs: number, maxMs: number): number[] {
  const step = jobs > 1 ? (maxMs - minMs) / (jobs - 1) : 0;
  return seededShuffle(Array.from({ length: jobs }, (_, i) => Math.round(minMs + i * step)), 6);
}

export async function measureLatency(workDir: string, jobs = 30, minMs = 2_000, maxMs = 20_000): Promise<LatencyResult> {
  const mock = await startMockApi({ token: 'bench-token' });
  const extension = openConnection({ baseUrl: mock.url, token: mock.token, timeouts: TIMEOUTS });
  const plainAgent = createAgent(TIMEOUTS);
  const plainClient = new NanoBananaClient({ baseUrl: mock.url, token: mock.token, dispatcher: plainAgent });
  const blockingAgent = createAgent(TIMEOUTS);
  // The extension's images come through its connection, over the agent its client and poller use.
  const downloadOf: Record<Variant, Download> = { extension: extension.download, poll3s: downloadVia(plainAgent, mock.url), blocking: downloadVia(blockingAgent, mock.url) };

  const waitFor: Record<Variant, (request: ImagesRequest) => Promise<WaitedTask>> = {
    extension: async (request) => {
      const { taskId } = await extension.client.submit(request);
      const { state } = await extension.poller.wait(taskId);
      if (state.state !== 'succeeded') throw new Error(`task ${taskId} failed: ${state.code}`);
      return { taskId, imageUrls: state.imageUrls };
    },
    poll3s: async (request) => waitByPollingEach(plainClient, (await plainClient.submit(request)).taskId),
    blocking: (request) => submitBlocking(blockingAgent, mock.url, mock.token, request),
  };

  const runJob = async (variant: Variant, index: number) => {
    const task = await waitFor[variant]({ action: 'generate', prompt: `bench ${variant} ${index}`, model: 'nano-banana' });
    const folder = join(workDir, 'latency', variant);
    const { savedAt } = await downloadAndSave(task.imageUrls, downloadOf[variant], join(workDir, 'scratch'), folder, `job-${index}`);
    const finishedAt = mock.stats.taskFinishedAt[task.taskId];
    if (finishedAt === undefined) throw new Error(`the stand-in has no finish time for task ${task.taskId}`);
    return { variant, index, seconds: (savedAt - finishedAt) / 1000 };
  };

  try {
    await mkdir(join(workDir, 'scratch'), { recursive: true });
    const delays = generationTimes(jobs, minMs, maxMs);
    const running: Array<ReturnType<typeof runJob>> = [];
    for (const [index, delay] of delays.entries()) {
      // Rotating who goes first, so no variant always gets the earliest timer of its trio.
      for (let k = 0; k < VARIANTS.length; k++) {
        const variant = VARIANTS[(index + k) % VARIANTS.length];
        const submitted = mock.stats.submits;
        // The stand-in hands out one per-task delay per accepted submit, so submits go one at a time.
        mock.knobs.taskDelaysMs = [delay];
        running.push(runJob(variant, index));
        await waitUntil(() => mock.stats.submits > submitted, `submit ${variant} ${index}`, 10_000);
      }
    }
    const results = await Promise.all(running);
    const seconds = { extension: [], poll3s: [], blocking: [] } as Record<Variant, number[]>;
    for (const result of results.sort((a, b) => a.index - b.index)) seconds[result.variant].push(result.seconds);
    return { jobs, generationMs: { min: Math.min(...delays), max: Math.max(...delays) }, seconds };
  } finally {
    await extension.close();
    await Promise.all([plainAgent.close(), blockingAgent.close()]);
    await mock.close();
  }
}
