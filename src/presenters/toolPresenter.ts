// How a job started by a language-model tool is shown: the chat shows the tool's invocation message while
// it runs (the stable tool API has no progress channel), its cancellation token cancels the job, and the
// outcome goes back to the agent as text rather than as a pop-up it cannot see.
import type * as vscode from 'vscode';
import type { BatchPresenter, BatchProgress } from '../jobs/batchScheduler';
import type { JobOutcome, JobPresenter, JobProgress } from '../jobs/jobSpec';
import { announceSaved } from './announce';
import { showCancelled } from './notificationPresenter';

export class ToolPresenter implements JobPresenter {
  constructor(
    private readonly cancellation: vscode.CancellationToken,
    private readonly showPreview: (preserveFocus: boolean) => void,
  ) {}

  async show<T>(_title: string, work: (progress: JobProgress) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const listener = this.cancellation.onCancellationRequested(() => controller.abort());
    if (this.cancellation.isCancellationRequested) controller.abort();
    try {
      return await work({ signal: controller.signal, report: () => undefined });
    } finally {
      listener.dispose();
    }
  }

  /**
   * Saved images are announced as a command's are. VS Code drops a tool's result once its call is cancelled
   * (it races the invocation against the token), so the agent never reads the task id of a cancelled job:
   * the user is told it instead, as a command would.
   */
  ended(outcome: JobOutcome): void {
    // What followed the save (a renamed reference) is in the agent's text, not in a pop-up.
    if (outcome.status === 'saved') announceSaved(outcome.job, undefined, this.showPreview);
    if (outcome.status === 'cancelled' && this.cancellation.isCancellationRequested) showCancelled(outcome.job, outcome.unanswered);
  }
}

/** A batch started by a tool: the chat's cancellation stops submitting more and cancels the jobs running. */
export class ToolBatchPresenter implements BatchPresenter {
  readonly job: ToolPresenter;

  constructor(private readonly cancellation: vscode.CancellationToken, showPreview: (preserveFocus: boolean) => void) {
    this.job = new ToolPresenter(cancellation, showPreview);
  }

  async show<R>(_total: number, work: (progress: BatchProgress, counted: () => void) => Promise<R>): Promise<R> {
    const stop = new AbortController();
    const listener = this.cancellation.onCancellationRequested(() => stop.abort());
    if (this.cancellation.isCancellationRequested) stop.abort();
    try {
      return await work({ stop: stop.signal }, () => undefined);
    } finally {
      listener.dispose();
    }
  }
}
