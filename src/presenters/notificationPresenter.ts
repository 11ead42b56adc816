// How a job started by a person is shown: a progress notification with Cancel that names the stage, and
// once it is gone, what it did (the saved files and what followed them) or why it saved nothing (the error
// with the action that helps, or the task id of a cancelled task the service may still finish).
import * as vscode from 'vscode';
import type { JobEngine } from '../jobs/jobEngine';
import type { JobOutcome, JobPresenter, JobProgress, JobSpec, UnsavedOutcome } from '../jobs/jobSpec';
import type { PendingJob } from '../jobs/pendingJobs';
import type { JobRecord } from '../model/job';
import type { Log } from '../services/log';
import { CONSOLE_URL } from '../services/tokenStore';
import { showError } from '../ui/showError';
import { announceBusy, announceSaved } from './announce';

export class NotificationPresenter implements JobPresenter {
  constructor(
    private readonly log: Log,
    private readonly showPreview: (preserveFocus: boolean) => void,
  ) {}

  show<T>(title: string, work: (progress: JobProgress) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancellation) => {
        const controller = new AbortController();
        const listener = cancellation.onCancellationRequested(() => controller.abort());
        try {
          return await work({ signal: controller.signal, report: (message) => progress.report({ message }) });
        } finally {
          listener.dispose();
        }
      }),
    );
  }

  // Not awaited by the engine: the command is over; a message stays until the user answers it.
  ended(outcome: JobOutcome): void {
    switch (outcome.status) {
      case 'saved':
        return announceSaved(outcome.job, outcome.completed, this.showPreview);
      case 'busy':
        return announceBusy(outcome.job, this.showPreview);
      case 'interrupted':
        return; // the window is going away; the next one resumes the job
      case 'failed':
        void showError(outcome.error, this.log, { shown: vscode.l10n.t('The job failed'), hint: failureHint(outcome) });
        return;
      case 'cancelled':
        return showCancelled(outcome.job, outcome.unanswered);
    }
  }
}

function failureHint(outcome: Extract<UnsavedOutcome, { status: 'failed' }>): string | undefined {
  if (!outcome.resumable) return undefined;
  if (outcome.failedWhile === 'saving') {
    return vscode.l10n.t('The image is not lost: once the folder can be written, run "Nano Banana: Check Pending Tasks" to save it without a new request.');
  }
  return vscode.l10n.t('The service may still deliver its images: run "Nano Banana: Check Pending Tasks" to fetch them.');
}

/**
 * Tells the user a cancelled job's task id: the service may still finish and bill it. Without one, a submit
 * that was already sent (`unanswered`) may still have been accepted: only the console's task list knows.
 */
export function showCancelled(job: JobRecord, unanswered: boolean): void {
  if (!job.taskId && unanswered) {
    const openConsole = vscode.l10n.t('Open Console');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Nano Banana: cancelled after the request was sent. The service may have accepted it and may bill it; no task id is known yet, so look for it in the task list of the Ace Data Cloud console.'), openConsole)
      .then((choice) => (choice === openConsole ? vscode.env.openExternal(vscode.Uri.parse(CONSOLE_URL)) : undefined));
    return;
  }
  if (!job.taskId) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: cancelled before anything was sent.'));
    return;
  }
  const { taskId } = job;
  const copy = vscode.l10n.t('Copy Task Id');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Nano Banana: cancelled. The service may still finish task {0}; "Check Pending Tasks" can fetch its images later.', taskId), copy)
    .then((choice) => (choice === copy ? vscode.env.clipboard.writeText(taskId) : undefined));
}

/** The engine as the commands use it: shown in notifications, resolving to the saved job or undefined (already told). */
export class NotifiedJobs {
  private readonly presenter: NotificationPresenter;

  constructor(private readonly engine: JobEngine, log: Log, showPreview: (preserveFocus: boolean) => void) {
    this.presenter = new NotificationPresenter(log, showPreview);
  }

  async run(spec: JobSpec, token: string): Promise<JobRecord | undefined> {
    return savedJob(await this.engine.run(spec, token, this.presenter));
  }

  async resume(entry: PendingJob, token: string): Promise<JobRecord | undefined> {
    return savedJob(await this.engine.resume(entry, token, this.presenter));
  }
}

function savedJob(outcome: JobOutcome): JobRecord | undefined {
  return outcome.status === 'saved' ? outcome.job : undefined;
}
