// One missing image, generated and saved at the path its reference names; shared by the quick fix, the
// file and workspace commands and the language-model tool. Its completion action (the references follow
// the saved file's name) is run by the engine, for a fresh job and one resumed after a reload alike.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { slugFromPrompt } from '../core/naming';
import type { JobSpec, Relinked } from '../jobs/jobSpec';
import type { ReferencedFile } from '../jobs/pendingJobs';
import type { JobOptions, JobRecord } from '../model/job';
import type { Log } from '../services/log';
import type { MissingImage } from './missingReferences';
import { relinkReferences } from './relinkReferences';

/** The job that fills `missing`: saved in the referenced folder under the referenced name. */
export function missingImageSpec(missing: MissingImage, prompt: string, options: JobOptions, alsoReferencedBy: vscode.Uri[] = []): JobSpec {
  const referencedFile: ReferencedFile = {
    document: missing.document.uri.toString(),
    fileName: posix.basename(missing.file.path),
    ...(alsoReferencedBy.length > 0 && { alsoDocuments: alsoReferencedBy.map((uri) => uri.toString()) }),
  };
  const folder = missing.file.with({ path: posix.dirname(missing.file.path) });
  return { action: 'generate', prompt, options, sourceImages: [], targetFolder: folder, baseName: slugFromPrompt(prompt), referencedFile };
}

/**
 * The completion action of a missing image: every document naming the file points at the saved one when it
 * could not get the referenced name, and an open Markdown preview, which keeps showing the broken image it
 * failed to load, is refreshed.
 */
export async function relinkJob(job: JobRecord, referencedFile: ReferencedFile, log: Log): Promise<Relinked[]> {
  const relinked: Relinked[] = [];
  for (const document of [referencedFile.document, ...(referencedFile.alsoDocuments ?? [])]) {
    const one = await relinkSaved(job, { document, fileName: referencedFile.fileName }, log);
    if (one) relinked.push(one);
  }
  // Without the built-in Markdown extension there is no preview, and nothing to do.
  if (job.images.length > 0) void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  return relinked;
}

/** Points the document's references at the saved file when it could not get the referenced name. */
async function relinkSaved(job: JobRecord, referencedFile: ReferencedFile, log: Log): Promise<Relinked | undefined> {
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
