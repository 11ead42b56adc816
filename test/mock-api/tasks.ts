// Task lifecycle: accept, finish after the configured delay (or never), and describe a task the
// way /nano-banana/tasks does, including every pending shape the contract says clients meet.
import { randomBytes, randomUUID } from 'node:crypto';
import { renderResults, type StoredImage } from './images';
import type { ImageStore } from './image-host';
import type { Timers } from './timers';
import { consume, type MockKnobs, type MockStats } from './types';
import type { SubmitRequest } from './validate';

export interface TaskError {
  code: string;
  message: string;
}

type Outcome = { kind: 'succeeded'; body: Record<string, unknown>; images: number } | { kind: 'failed'; body: Record<string, unknown> };

export interface Task {
  id: string;
  traceId: string;
  request: SubmitRequest;
  outcome?: Outcome;
  /** Settles when the task finishes (without an outcome if a reset discarded it); never for tasks told never to finish. */
  done: Promise<void>;
}

interface TaskState extends Task {
  createdAt: number;
  startedAt: number;
  finishedAt?: number;
  epoch: number;
  recordId: string;
  /** Alternates tasks with and without `data[].prompt`, which the live service sometimes leaves out. */
  omitPrompt: boolean;
  lookups: number;
  settle: () => void;
}

const ACCOUNT = {
  api_id: '5d3a9c1e-8b2f-4e61-9a07-3c4f1b2d8e90',
  application_id: '9e7b1c24-6f3a-4d85-b1c0-2a4e8f6d9b13',
  credential_id: 'c2f4e6a8-1b3d-4f5a-8c7e-9d0b2a4c6e81',
  user_id: '7a1c3e5f-9b2d-4c6e-8f0a-1b3d5e7f9a2c',
};
const RENDER_FAILED: TaskError = { code: 'api_error', message: 'Internal server error.' };
const MODERATION: TaskError = {
  code: 'content_moderation',
  message: 'The prompt or image was rejected by the content safety policy.',
};

export class TaskStore {
  private tasks = new Map<string, TaskState>();
  /** Bumped by clear(), so tasks still running from before a reset leave no trace in fresh stats. */
  private epoch = 0;
  private serial = 0;
  private readonly callbacks = new AbortController();
  /** The tasks `holdTasks` keeps pending, in submit order, each with what starts its delay. */
  private held: Array<{ task: TaskState; start: () => void }> = [];

  constructor(
    private readonly knobs: MockKnobs,
    private readonly stats: MockStats,
    private readonly timers: Timers,
    private readonly images: ImageStore,
  ) {}

  /** `request` is the submitted body object itself, so the record's `request` is the body as sent. */
  submit(request: SubmitRequest): Task {
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const now = Date.now();
    const delay = this.knobs.taskDelaysMs?.shift() ?? this.knobs.generationDelayMs ?? 1000;
    const task: TaskState = {
      id: randomUUID(),
      traceId: randomUUID(),
      request,
      createdAt: now,
      // The live service starts a task a few tens of ms after creating it.
      startedAt: now + Math.min(40, delay),
      done,
      epoch: this.epoch,
      recordId: randomBytes(12).toString('hex'),
      omitPrompt: this.serial++ % 2 === 1,
      lookups: 0,
      settle,
    };
    this.tasks.set(task.id, task);
    this.stats.submits++;
    this.stats[request.action]++;
    if (request.action === 'edit') this.stats.receivedImageUrls.push([...request.image_urls!]);

    if (consume(this.knobs, 'neverFinishNext')) return task;
    // Rendering starts now, with the knobs as they are at submit time, and overlaps the delay.
    const result: Promise<StoredImage[] | TaskError> = consume(this.knobs, 'moderateNext')
      ? Promise.resolve(MODERATION)
      : renderResults(request, task.id, { ...this.knobs }, (url) => this.images.lookup(url)).catch(() => RENDER_FAILED);
    const start = () => this.timers.after(delay, () => void result.then((outcome) => this.finish(task, outcome)));
    if (this.knobs.holdTasks) this.held.push({ task, start });
    else start();
    return task;
  }

  /** Starts the held tasks' delays, in the order they were submitted, and holds no more; returns how many. */
  release(): number {
    this.knobs.holdTasks = false;
    const held = this.held.splice(0);
    for (const { start } of held) start();
    return held.length;
  }

  private finish(task: TaskState, result: StoredImage[] | TaskError): void {
    if (task.epoch !== this.epoch) return task.settle();
    task.finishedAt = Date.now();
    const base = { task_id: task.id, trace_id: task.traceId };
    if (Array.isArray(result)) {
      const data = result.map((image) => ({
        ...(task.omitPrompt ? {} : { prompt: task.request.prompt }),
        image_url: this.images.put(image),
      }));
      task.outcome = { kind: 'succeeded', body: { success: true, ...base, data }, images: data.length };
    } else {
      task.outcome = { kind: 'failed', body: { success: false, ...base, error: result } };
    }
    this.stats.taskFinishedAt[task.id] = task.finishedAt;
    if (task.request.callback_url) this.postCallback(task.request.callback_url, task.outcome.body);
    task.settle();
  }

  /** Delivery failures are ignored, as the service does not retry callbacks either. */
  private postCallback(url: string, body: object): void {
    this.stats.callbacksSent++;
    const signal = AbortSignal.any([this.callbacks.signal, AbortSignal.timeout(10_000)]);
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal })
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
  }

  /** A task record as /nano-banana/tasks returns it; each look-up of a pending task advances its pending shape. */
  record(id: unknown): Record<string, unknown> | undefined {
    const task = typeof id === 'string' ? this.tasks.get(id) : undefined;
    if (!task) return undefined;
    const record: Record<string, unknown> = {
      _id: task.recordId,
      id: task.id,
      type: 'images',
      ...ACCOUNT,
      trace_id: task.traceId,
      request: task.request,
      created_at: task.createdAt / 1000,
      started_at: task.startedAt / 1000,
    };
    if (task.outcome && task.finishedAt !== undefined) {
      const amount = task.outcome.kind === 'succeeded' ? task.outcome.images * 2 : 0;
      record.response = { ...task.outcome.body, cost: { amount, list_amount: amount * 1.25, currency: 'credit' } };
      record.finished_at = task.finishedAt / 1000;
      record.elapsed = Math.round(task.finishedAt - task.createdAt) / 1000;
      return record;
    }
    const pending = this.pendingResponse(task, task.lookups++);
    if (pending) record.response = pending;
    return record;
  }

  /** Cycles through the contract's pending variants so every poll loop meets each of them. */
  private pendingResponse(task: TaskState, lookup: number): object | undefined {
    switch (lookup % 4) {
      case 0: return undefined;
      case 1: return { task_id: task.id };
      case 2: return { success: true, data: [] };
      default: return { success: false };
    }
  }

  clear(): void {
    this.epoch++;
    this.serial = 0;
    // Discarded like every task from before the reset, and settled without an outcome as they would
    // have been when their delay ended.
    for (const { task } of this.held.splice(0)) task.settle();
    this.tasks.clear();
  }

  close(): void {
    this.callbacks.abort();
  }
}
