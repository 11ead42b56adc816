// The words the job engine and its callers share: what a job is asked to do, how a presenter shows it,
// how it ended, and what happens once its images are saved. Types only, so every module of the engine
// and every front door can name them without importing the engine itself.
import type * as vscode from 'vscode';
import type { IconFile } from '../core/iconSet';
import type { JobAction, JobOptions, JobRecord, JobStage } from '../model/job';
import type { MarkdownInsertion, ReferencedFile } from './pendingJobs';
import type { AppliedStyle } from './projectStyle';

/** The inputs as sent, in order, and a note per input sent as a copy ("sending a 2508×1672 copy of photo.jpg"). */
export interface PreparedInputs {
  urls: string[];
  notes: string[];
}

export interface JobSpec {
  action: JobAction;
  prompt: string;
  options: JobOptions;
  /** Reads the edit's inputs (making smaller copies where needed) once the job shows its progress. */
  inputs?: (progress: JobProgress) => Promise<PreparedInputs>;
  sourceImages: vscode.Uri[];
  targetFolder: vscode.Uri;
  baseName: string;
  /** A file name asked for in the target folder; its extension follows the bytes that arrive. */
  fileName?: string;
  /** Completion: links to the saved images go here (Generate Image and Insert Link). */
  insertion?: MarkdownInsertion;
  /** Completion: the first image takes this referenced name, and the references follow if it cannot. */
  referencedFile?: ReferencedFile;
  /** Completion: these icon files are cut from the (square) image into the target folder (Generate Icon Set). */
  iconSet?: IconFile[];
  /**
   * The project style as the user confirmed it. Without one the engine reads it from the settings of the
   * target folder's workspace folder, unless `options.noStyle`.
   */
  style?: AppliedStyle;
}

/** What a presenter hands the running job: the signal that cancels it, and where its stage messages go. */
export interface JobProgress {
  signal: AbortSignal;
  report(message: string): void;
}

/** How one front door shows a running job and how it ended. */
export interface JobPresenter {
  /** Shows the job while `work` runs; resolves or rejects as `work` does. */
  show<T>(title: string, work: (progress: JobProgress) => Promise<T>): Promise<T>;
  /** Called once with how the job ended, after `show` has settled. */
  ended?(outcome: JobOutcome): void;
}

/** A reference that now names another file than it asked for; `failed` when the document could not be changed. */
export interface Relinked {
  savedAs: string;
  asked: string;
  failed?: true;
}

/** Where the links of Insert Link went. */
export type LinksPlaced =
  | { status: 'inserted' }
  /** The document changed beyond recognition around the place, or could not be edited: the links are offered to copy. */
  | { status: 'placeLost' | 'notInserted'; document: string; links: string };

/** The icon files cut from the image, or why they could not be (the image itself is kept). */
export type IconsCut = { saved: Array<{ savedName: string; sizes: number[] }>; folder: string } | { error: string; source: string };

/** What the completion actions stored with the job did once its images were saved. */
export interface Completed {
  relinked: Relinked[];
  links?: LinksPlaced;
  icons?: IconsCut;
}

/** The completion actions, done by the floors above the engine (editors, references) and handed to it. */
export interface JobCompletions {
  insertLinks(job: JobRecord, insertion: MarkdownInsertion): Promise<LinksPlaced>;
  relink(job: JobRecord, referencedFile: ReferencedFile): Promise<Relinked[]>;
}

export type UnsavedOutcome =
  | {
      status: 'failed';
      job: JobRecord;
      error: unknown;
      /** The service accepted the task and did not report it failed: Check Pending Tasks can still fetch it. */
      resumable: boolean;
      /** The stage the job was in when it failed ('saving': the image arrived but could not be written). */
      failedWhile: JobStage;
    }
  | {
      status: 'cancelled';
      job: JobRecord;
      /** The submit was sent but its answer never came: the service may have accepted, and bill, a task whose id is unknown. */
      unanswered: boolean;
    }
  | {
      /** The window closed while the job ran: it stays pending and resumes when the workspace opens again. */
      status: 'interrupted';
      job: JobRecord;
    }
  | {
      /** Nothing was submitted: another job of this window is making the same file (`job`). */
      status: 'busy';
      job: JobRecord;
    };

export type JobOutcome = { status: 'saved'; job: JobRecord; completed: Completed } | UnsavedOutcome;
