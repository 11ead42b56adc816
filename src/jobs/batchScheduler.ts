// The one scheduler for every batch of jobs (a file's or the workspace's missing images, the agent's
// missing-images tool): at most four jobs in flight, all through the one shared poller. The first refused
// token, used-up balance or unusable style stops submitting the rest (each would fail the same way); a
// stop asked by the presenter (Cancel) does the same, while the jobs already submitted, which are paid
// for, finish and are saved.
import { ApiError } from '../api/errors';
import { InputImageError } from '../core/dataUri';
import type { JobEngine } from './jobEngine';
import type { JobOutcome, JobPresenter, JobSpec } from './jobSpec';

const MAX_RUNNING = 4;

export interface BatchJob<T> {
  spec: JobSpec;
  item: T;
}

export interface BatchRun<T> {
  done: Array<{ item: T; outcome: JobOutcome }>;
  notSubmitted: T[];
  /** Why submitting stopped before the end: the first failure that fails every job after it, or Cancel. */
  stoppedBecause?: { error: unknown } | { cancelled: true };
}

export interface BatchProgress {
  /** Aborted when the user stops the batch: no more jobs are submitted. */
  stop: AbortSignal;
}

export interface BatchPresenter {
  /** Shows the whole batch while `work` runs; `counted` is told how many were submitted and finished. */
  show<R>(total: number, work: (progress: BatchProgress, counted: (submitted: number, finished: number) => void) => Promise<R>): Promise<R>;
  /** How each job of the batch is shown: never on its own, the batch counts it. */
  readonly job: JobPresenter;
}

export function runBatch<T>(engine: JobEngine, jobs: Array<BatchJob<T>>, token: string, presenter: BatchPresenter): Promise<BatchRun<T>> {
  return presenter.show(jobs.length, async ({ stop }, counted) => {
    const run: BatchRun<T> = { done: [], notSubmitted: [] };
    let next = 0;
    const worker = async () => {
      while (!run.stoppedBecause && !stop.aborted && next < jobs.length) {
        const { spec, item } = jobs[next++];
        counted(next, run.done.length);
        const outcome = await engine.run(spec, token, presenter.job);
        run.done.push({ item, outcome });
        const error = outcome.status === 'failed' ? outcome.error : undefined;
        if (failsEveryJob(error)) run.stoppedBecause ??= { error };
        counted(next, run.done.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAX_RUNNING, jobs.length) }, worker));
    if (stop.aborted) run.stoppedBecause ??= { cancelled: true };
    run.notSubmitted = jobs.slice(next).map((job) => job.item);
    return run;
  });
}

/** A refused token, a used-up balance or a style image that cannot be sent fails every job after it the same way. */
function failsEveryJob(error: unknown): boolean {
  return (error instanceof ApiError && (error.action === 'setToken' || error.action === 'openBilling')) || error instanceof InputImageError;
}
