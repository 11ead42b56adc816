// Which saved files of the panel's jobs no longer exist, so it can say so instead of showing a broken image.
// Every file is checked once when the panel opens; after that a file system watcher keeps the answer up to
// date, so no job update has to stat the files of the whole history.
import * as vscode from 'vscode';
import type { JobRecord } from '../model/job';
import { Disposable } from './disposable';

export class MissingFiles extends Disposable {
  /** `Uri.toString()` of saved files that are gone. */
  private readonly gone = new Set<string>();
  private readonly changed = this.register(new vscode.EventEmitter<ReadonlySet<string>>());
  /** Fires with the files whose presence changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly jobs: () => readonly JobRecord[]) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    this.register(watcher.onDidDelete((uri) => void this.recheckBelow(uri)));
    this.register(watcher.onDidCreate((uri) => void this.recheckBelow(uri)));
  }

  /** The view of `jobs` this set answers for (`JobViewContext.missingFiles`). */
  get files(): ReadonlySet<string> {
    return this.gone;
  }

  /** The first look at every saved file. */
  checkAll(): Promise<void> {
    return this.recheck(this.savedFiles());
  }

  /** A file or folder appeared or went away: the saved files at or below it are looked at again. */
  private recheckBelow(uri: vscode.Uri): Promise<void> {
    const path = uri.toString();
    return this.recheck(this.savedFiles().filter((file) => file === path || file.startsWith(`${path}/`)));
  }

  private async recheck(files: string[]): Promise<void> {
    if (files.length === 0) return;
    const gone = await Promise.all(files.map((file) => vscode.workspace.fs.stat(vscode.Uri.parse(file, true)).then(() => false, () => true)));
    if (this.isDisposed) return;
    const changed = new Set<string>();
    files.forEach((file, index) => {
      if (gone[index] === this.gone.has(file)) return;
      if (gone[index]) this.gone.add(file);
      else this.gone.delete(file);
      changed.add(file);
    });
    if (changed.size > 0) this.changed.fire(changed);
  }

  private savedFiles(): string[] {
    return [...new Set(this.jobs().flatMap((job) => job.images.map((image) => image.uri)))];
  }
}
