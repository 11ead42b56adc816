// One poller for every pending task: a single `retrieve_batch` lookup per tick, whatever the number of
// waiting jobs, so polling load stays flat. Idle (no timer) when nothing is pending.
import { MAX_BATCH_IDS, type NanoBananaClient } from './client';
import { ApiError } from './errors';
import { isTransient } from './retry';
import type { TaskRecord } from './schemas';
import { deriveTaskState, type TaskState } from './taskState';

export type FinishedTask = { record: TaskRecord; state: Exclude<TaskState, { state: 'pending' }> };

interface Waiter {
  taskId: string;
  resolve(task: FinishedTask): void;
  reject(error: unknown): void;
}

export interface PollerOptions {
  intervalMs?: number;
  /** Longest pause after repeated 429s or 5xx answers. */
  maxBackoffMs?: number;
  /** Consecutive answers without the id before it counts as unknown to the service. */
  unknownAfter?: number;
  log?: (message: string) => void;
}

export class TaskPoller {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly misses = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** True while a lookup is out: remove() may clear the timer meanwhile, and a wait() must not start a second loop. */
  private polling = false;
  private failures = 0;
  private nextBatchStart = 0;

  constructor(
    private readonly client: () => NanoBananaClient,
    private readonly options: PollerOptions = {},
  ) {}

  /** Resolves when the task succeeds or fails; rejects on cancellation or when the service keeps not knowing it. */
  wait(taskId: string, signal?: AbortSignal): Promise<FinishedTask> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new ApiError({ code: 'cancelled', taskId }));
      const waiter: Waiter = { taskId, resolve, reject };
      const settle = () => {
        signal?.removeEventListener('abort', onAbort);
        this.remove(waiter);
      };
      const onAbort = () => {
        settle();
        reject(new ApiError({ code: 'cancelled', taskId }));
      };
      waiter.resolve = (task) => { settle(); resolve(task); };
      waiter.reject = (error) => { settle(); reject(error); };
      signal?.addEventListener('abort', onAbort, { once: true });
      let set = this.waiters.get(taskId);
      if (!set) this.waiters.set(taskId, (set = new Set()));
      set.add(waiter);
      this.schedule(0);
    });
  }

  get pendingCount(): number {
    return this.waiters.size;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const set of this.waiters.values()) {
      // Closed, not cancelled: the window is going away, and the task is still the user's to fetch.
      for (const waiter of set) waiter.reject(new ApiError({ code: 'closed', taskId: waiter.taskId }));
    }
  }

  private remove(waiter: Waiter): void {
    const set = this.waiters.get(waiter.taskId);
    set?.delete(waiter);
    if (set?.size === 0) {
      this.waiters.delete(waiter.taskId);
      this.misses.delete(waiter.taskId);
    }
    if (this.waiters.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.polling || this.waiters.size === 0) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    const ids = this.nextBatch();
    let delay = this.options.intervalMs ?? 1000;
    this.polling = true;
    try {
      const records = await this.client().retrieveBatch(ids);
      this.failures = 0;
      this.deliver(ids, records);
    } catch (error) {
      this.failures++;
      const retryAfter = error instanceof ApiError ? error.retryAfterMs ?? 0 : 0;
      delay = Math.max(retryAfter, Math.min(this.options.maxBackoffMs ?? 30_000, delay * 2 ** this.failures));
      this.options.log?.(`task lookup failed (${error instanceof ApiError ? error.code : String(error)}); next in ${delay} ms`);
      // Polling on cannot fix a refused token (401, or 400 no_token/token_mismatched), a disabled account or a
      // wrong base URL; the waits would only end at the wait limit, reported as a task still running.
      if (!isTransient(error)) this.rejectAll(ids, error);
    }
    this.polling = false;
    this.timer = undefined;
    this.schedule(delay);
  }

  /** Rotates through the pending ids, 50 at a time, so none starves when more than 50 wait. */
  private nextBatch(): string[] {
    const all = [...this.waiters.keys()];
    if (all.length <= MAX_BATCH_IDS) return all;
    const start = this.nextBatchStart % all.length;
    this.nextBatchStart = start + MAX_BATCH_IDS;
    return [...all, ...all].slice(start, start + MAX_BATCH_IDS);
  }

  private deliver(ids: string[], records: TaskRecord[]): void {
    const byId = new Map(records.map((record) => [record.id, record]));
    for (const id of ids) {
      const record = byId.get(id);
      const waiters = [...(this.waiters.get(id) ?? [])];
      if (!record) {
        const misses = (this.misses.get(id) ?? 0) + 1;
        this.misses.set(id, misses);
        // A task appears in lookups only once the service has stored it; give it a few ticks.
        if (misses >= (this.options.unknownAfter ?? 5)) {
          waiters.forEach((waiter) => waiter.reject(new ApiError({ code: 'task_not_found', taskId: id })));
        }
        continue;
      }
      this.misses.delete(id);
      const state = deriveTaskState(record.response);
      if (state.state === 'pending') continue;
      waiters.forEach((waiter) => waiter.resolve({ record, state }));
    }
  }

  private rejectAll(ids: string[], error: unknown): void {
    for (const id of ids) [...(this.waiters.get(id) ?? [])].forEach((waiter) => waiter.reject(error));
  }
}
