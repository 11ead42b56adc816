// The jobs this window is running right now, found by job id, by task id and by the file they make: the
// one place that knows, so a second front door asking for the same work joins the running job instead of
// fetching its task again or paying for the same file twice.
import * as vscode from 'vscode';
import type { JobOutcome } from './jobSpec';
import type { PendingJob } from './pendingJobs';

export class ActiveJob {
  /** Cancels the job from any front door that follows it, not only the one that started it. */
  readonly controller = new AbortController();
  outcome!: Promise<JobOutcome>;
  private lastReport: string | undefined;
  private readonly followers = new Set<(message: string) => void>();

  constructor(readonly entry: PendingJob) {}

  report(message: string): void {
    this.lastReport = message;
    for (const follower of this.followers) follower(message);
  }

  /** Sends the job's stage messages to `follower`, starting with the latest; returns the unsubscribe. */
  follow(follower: (message: string) => void): () => void {
    if (this.lastReport) follower(this.lastReport);
    this.followers.add(follower);
    return () => this.followers.delete(follower);
  }

  /** The file this job saves under a name asked for (a reference's or an agent's path), if any. */
  get namedFile(): string | undefined {
    const { job, referencedFile, fileName } = this.entry;
    const name = referencedFile?.fileName ?? fileName;
    return name ? namedFileKey(vscode.Uri.joinPath(vscode.Uri.parse(job.targetFolder, true), name)) : undefined;
  }
}

export class ActiveJobs {
  private readonly byId = new Map<string, ActiveJob>();

  add(active: ActiveJob): void {
    this.byId.set(active.entry.job.id, active);
  }

  remove(active: ActiveJob): void {
    if (this.byId.get(active.entry.job.id) === active) this.byId.delete(active.entry.job.id);
  }

  /** The running job with this id, or fetching this task. */
  find(jobId: string, taskId: string | undefined): ActiveJob | undefined {
    return this.byId.get(jobId) ?? (taskId ? [...this.byId.values()].find((active) => active.entry.job.taskId === taskId) : undefined);
  }

  /** The running job that saves `file` under its asked-for name. */
  making(file: vscode.Uri): ActiveJob | undefined {
    const key = namedFileKey(file);
    return [...this.byId.values()].find((active) => active.namedFile === key);
  }

  all(): ActiveJob[] {
    return [...this.byId.values()];
  }
}

/**
 * Named files compare without their extension: the type that arrives decides it, so `logo.png` and a
 * `logo.jpg` saved for the same reference are one file being made.
 */
function namedFileKey(file: vscode.Uri): string {
  return file.with({ path: file.path.replace(/\.[^./]*$/, '') }).toString();
}
