import * as vscode from 'vscode';
import { isFinished, type JobRecord } from '../model/job';
import type { JobHistory } from './jobHistory';

/**
 * The jobs the preview panel shows, newest first: this session's, running ones included, and the
 * finished ones of earlier sessions from the workspace's history. Finished jobs are recorded there.
 */
export class JobStore implements vscode.Disposable {
  /** Filled from the history on first use rather than at activation, which may never need it. */
  private loaded: Map<string, JobRecord> | undefined;
  /** Ids of the jobs run or resumed in this window, as opposed to those only loaded from the history. */
  private readonly sessionJobIds = new Set<string>();
  private readonly changed = new vscode.EventEmitter<JobRecord>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly history: JobHistory) {}

  private get jobs(): Map<string, JobRecord> {
    return (this.loaded ??= new Map(this.history.load().map((job) => [job.id, job])));
  }

  all(): JobRecord[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The newest job of this window, shown large in the panel; undefined right after a reload. */
  latestOfSession(): JobRecord | undefined {
    // Only this window's jobs are looked at: a job update must not cost more with a longer history.
    let latest: JobRecord | undefined;
    for (const id of this.sessionJobIds) {
      const job = this.jobs.get(id);
      if (job && (!latest || job.createdAt > latest.createdAt)) latest = job;
    }
    return latest;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** Stores a copy, so later mutation by the caller cannot change what was announced. */
  upsert(job: JobRecord): void {
    const copy = structuredClone(job);
    this.jobs.set(copy.id, copy);
    this.sessionJobIds.add(copy.id);
    if (isFinished(copy.stage)) void this.history.record(copy);
    this.changed.fire(copy);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
