// How a batch is shown to a person: one notification that counts its jobs, whose Cancel stops submitting
// more while the jobs already submitted, which are paid for, finish and are saved. Each job is not shown
// on its own: forty notifications, or forty error pop-ups, would bury the batch's progress; the results
// panel shows every job as it runs and the summary says how they ended.
import * as vscode from 'vscode';
import type { BatchPresenter, BatchProgress } from '../jobs/batchScheduler';
import type { JobPresenter, JobProgress } from '../jobs/jobSpec';

/** Never aborted: the batch's Cancel stops submitting more, and the jobs already submitted are paid for, so they are saved. */
export class BatchJobPresenter implements JobPresenter {
  constructor(private readonly signal = new AbortController().signal) {}

  show<T>(_title: string, work: (progress: JobProgress) => Promise<T>): Promise<T> {
    return work({ signal: this.signal, report: () => undefined });
  }
}

export class NotifiedBatch implements BatchPresenter {
  readonly job = new BatchJobPresenter();

  constructor(private readonly title: string) {}

  show<R>(total: number, work: (progress: BatchProgress, counted: (submitted: number, finished: number) => void) => Promise<R>): Promise<R> {
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: this.title, cancellable: true }, async (progress, cancellation) => {
      const stop = new AbortController();
      let submitted = 0;
      let finished = 0;
      progress.report({ message: vscode.l10n.t('{0} of {1}', 0, total) });
      const listener = cancellation.onCancellationRequested(() => {
        stop.abort();
        progress.report({ message: vscode.l10n.t('Cancelled: finishing the {0} already submitted…', submitted - finished) });
        void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: no more images are submitted. {0} of {1} were submitted already: they are paid for, so they finish and are saved. {2} were not sent.', submitted, total, total - submitted));
      });
      try {
        return await work({ stop: stop.signal }, (nowSubmitted, nowFinished) => {
          const advanced = nowFinished - finished;
          submitted = nowSubmitted;
          finished = nowFinished;
          if (advanced > 0) progress.report({ increment: (100 * advanced) / total, message: stop.signal.aborted ? undefined : vscode.l10n.t('{0} of {1}', finished, total) });
        });
      } finally {
        listener.dispose();
      }
    }));
  }
}
