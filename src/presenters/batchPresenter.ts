// How one job of a batch is shown: not on its own. Forty notifications, or forty error pop-ups, would bury
// the batch's own progress; the batch counts the job in its one notification and puts its outcome into
// its summary, and the results panel shows every job as it runs.
import type { JobPresenter, JobProgress } from '../jobs/jobEngine';

export class BatchJobPresenter implements JobPresenter {
  /** Never aborted: the batch's Cancel stops submitting more, and the jobs already submitted are paid for, so they are saved. */
  private readonly signal = new AbortController().signal;

  show<T>(_title: string, work: (progress: JobProgress) => Promise<T>): Promise<T> {
    return work({ signal: this.signal, report: () => undefined });
  }
}
