import * as vscode from 'vscode';
import type { JobRecord } from './job';

/** This session's jobs, newest first; the preview panel renders from it and listens for changes. */
export class JobStore implements vscode.Disposable {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly changed = new vscode.EventEmitter<JobRecord>();
  readonly onDidChange = this.changed.event;

  all(): JobRecord[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** Stores a copy, so later mutation by the caller cannot change what was announced. */
  upsert(job: JobRecord): void {
    const copy = structuredClone(job);
    this.jobs.set(copy.id, copy);
    this.changed.fire(copy);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
