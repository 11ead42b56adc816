// One missing image, generated and saved at the path its reference names; shared by the quick fix,
// "Generate Missing Images in This File", the language-model tool and a job resumed after a reload.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { slugFromPrompt } from '../core/naming';
import type { JobSpec } from '../jobs/jobEngine';
import type { ReferencedFile } from '../jobs/pendingJobs';
import type { JobOptions, JobRecord } from '../model/job';
import type { Log } from '../services/log';
import type { MissingImage } from './missingReferences';
import { relinkReferences } from './relinkReferences';

/** The job that fills `missing`: saved in the referenced folder under the referenced name. */
export function missingImageSpec(missing: MissingImage, prompt: string, options: JobOptions): JobSpec {
  const referencedFile: ReferencedFile = { document: missing.document.uri.toString(), fileName: posix.basename(missing.file.path) };
  const folder = missing.file.with({ path: posix.dirname(missing.file.path) });
  return { action: 'generate', prompt, options, sourceImages: [], targetFolder: folder, baseName: slugFromPrompt(prompt), referencedFile };
}

/** A reference that now names another file than it asked for; `failed` when the document could not be changed. */
export interface Relinked {
  savedAs: string;
  asked: string;
  failed?: true;
}

/** Points the document's references at the saved file when it could not get the referenced name. */
export async function relinkSaved(job: JobRecord, referencedFile: ReferencedFile, log: Log): Promise<Relinked | undefined> {
  const first = job.images[0];
  if (!first) return undefined;
  const relinked: Relinked = { savedAs: first.label, asked: referencedFile.fileName };
  try {
    const count = await relinkReferences(referencedFile, vscode.Uri.parse(job.targetFolder, true), vscode.Uri.parse(first.uri, true));
    if (count === 0) return undefined;
    log.info(`saved ${first.label} instead of ${referencedFile.fileName}; ${count} reference(s) renamed in ${referencedFile.document}`);
    return relinked;
  } catch (error) {
    log.error('could not rename the references of a missing image', error);
    return { ...relinked, failed: true };
  }
}
