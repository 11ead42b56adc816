// The two clients the extension is measured against, written plainly on the same HTTP stack
// (undici agent, postJson, the real client's lookups), so only the waiting strategy differs.
import type { Dispatcher } from 'undici';
import type { NanoBananaClient } from '../src/api/client';
import { postJson } from '../src/api/http';
import { sleep } from '../src/api/retry';
import { TaskResponse, type ImagesRequest } from '../src/api/schemas';
import { deriveTaskState } from '../src/api/taskState';

export interface WaitedTask {
  taskId: string;
  imageUrls: string[];
}

export const VENDOR_POLL_INTERVAL_MS = 3_000;

/** One poller per task, looking its task up every 3 s after submitting: the vendor SDK's schedule. */
export async function waitByPollingEach(client: NanoBananaClient, taskId: string, signal?: AbortSignal): Promise<WaitedTask> {
  for (;;) {
    await sleep(VENDOR_POLL_INTERVAL_MS, signal);
    const record = await client.retrieve(taskId, signal);
    const state = deriveTaskState(record?.response);
    if (state.state === 'succeeded') return { taskId, imageUrls: state.imageUrls };
    if (state.state === 'failed') throw new Error(`task ${taskId} failed: ${state.code} ${state.message}`);
  }
}

/** The request without `async`: the service holds the connection open and answers with the result (the floor). */
export async function submitBlocking(dispatcher: Dispatcher, baseUrl: string, token: string, request: ImagesRequest): Promise<WaitedTask> {
  const response = await postJson(dispatcher, `${baseUrl}/nano-banana/images`, { ...request, async: undefined }, token, undefined);
  const parsed = TaskResponse.safeParse(response.body);
  const state = parsed.success ? deriveTaskState(parsed.data) : undefined;
  if (!parsed.success || !parsed.data.task_id || state?.state !== 'succeeded') {
    throw new Error(`blocking request did not return images: ${JSON.stringify(response.body).slice(0, 200)}`);
  }
  return { taskId: parsed.data.task_id, imageUrls: state.imageUrls };
}
