// Jobs the service has accepted but whose images are not saved yet, kept in the workspace's state so
// a closed window, a reload or a crash cannot lose an image that is being paid for.
import type * as vscode from 'vscode';
import type { IconFile } from '../core/iconSet';
import type { InsertionAnchor } from '../core/insertionPoint';
import type { JobRecord } from '../model/job';

const KEY = 'nanoBanana.pendingJobs';

export interface MarkdownInsertion extends Partial<InsertionAnchor> {
  /** `Uri.toString()` of the Markdown document. */
  document: string;
  line: number;
  character: number;
}

/** The file an image reference names and a job creates ("Generate Missing Image"). */
export interface ReferencedFile {
  /** `Uri.toString()` of the document whose references name it; they are renamed if the file cannot be saved under this name. */
  document: string;
  /** The name the reference asks for (`astronaut.png`), in the job's target folder. */
  fileName: string;
  /** Other documents naming the same file (the workspace command): their references follow a rename too. */
  alsoDocuments?: string[];
}

/** A job with what it needs to be finished after a reload: its names and its completion actions. */
export interface PendingJob {
  job: JobRecord;
  /** File name stem for the results. */
  baseName: string;
  /** Where "Generate Image and Insert Link" was started, to insert the link once the image is saved. */
  insertion?: MarkdownInsertion;
  /** A file name asked for by the caller (a language-model tool's `path`), used instead of `baseName`. */
  fileName?: string;
  /** Saves the first image under the referenced name instead of one made from `baseName`. */
  referencedFile?: ReferencedFile;
  /** Generate Icon Set: the files to cut from the saved image. */
  iconSet?: IconFile[];
}

export class PendingJobs {
  constructor(private readonly state: vscode.Memento) {}

  all(): PendingJob[] {
    return this.state.get<PendingJob[]>(KEY, []);
  }

  get(jobId: string): PendingJob | undefined {
    return this.all().find((entry) => entry.job.id === jobId);
  }

  async save(entry: PendingJob): Promise<void> {
    const others = this.all().filter((existing) => existing.job.id !== entry.job.id);
    await this.state.update(KEY, [...others, structuredClone(entry)]);
  }

  async remove(jobId: string): Promise<void> {
    await this.state.update(KEY, this.all().filter((entry) => entry.job.id !== jobId));
  }
}
