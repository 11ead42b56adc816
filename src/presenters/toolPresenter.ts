// How a job started by a language-model tool is shown: the chat shows the tool's invocation message while
// it runs (the stable tool API has no progress channel), its cancellation token cancels the job, and the
// outcome goes back to the agent as text rather than as a pop-up it cannot see.
import type * as vscode from 'vscode';
import type { JobPresenter, JobProgress, UnsavedOutcome } from '../jobs/jobEngine';
import { showCancelled } from './notificationPresenter';

export class ToolPresenter implements JobPresenter {
  constructor(private readonly cancellation: vscode.CancellationToken) {}

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
   * VS Code drops a tool's result once its call is cancelled (it races the invocation against the token),
   * so the agent never reads the task id of a cancelled job: the user is told it instead, as a command would.
   */
  ended(outcome: UnsavedOutcome): void {
    if (outcome.status === 'cancelled' && this.cancellation.isCancellationRequested) showCancelled(outcome.job, outcome.unanswered);
  }
}
