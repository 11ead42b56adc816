// One missing image, generated and saved at the path its reference names; shared by the quick fix,
// "Generate Missing Images in This File" and a job resumed after a reload.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { slugFromPrompt } from '../core/naming';
import type { JobOptions, JobRecord } from '../model/job';
import type { ReferencedFile } from '../jobs/pendingJobs';
import type { Services } from '../commands/services';
import type { MissingImage } from './missingReferences';
import { relinkReferences } from './relinkReferences';

export async function generateMissing(services: Services, missing: MissingImage, prompt: string, options: JobOptions, token: string): Promise<JobRecord | undefined> {
  const referencedFile: ReferencedFile = { document: missing.document.uri.toString(), fileName: posix.basename(missing.file.path) };
  const folder = missing.file.with({ path: posix.dirname(missing.file.path) });
  const job = await services.runner.run(
    { action: 'generate', prompt, options, sourceImages: [], targetFolder: folder, baseName: slugFromPrompt(prompt), referencedFile },
    token,
  );
  if (job) await relinkSaved(services, job, referencedFile);
  return job;
}

/** Points the document's references at the saved file when it could not get the referenced name. */
export async function relinkSaved(services: Services, job: JobRecord, referencedFile: ReferencedFile): Promise<void> {
  const first = job.images[0];
  if (!first) return;
  try {
    const count = await relinkReferences(referencedFile, vscode.Uri.parse(job.targetFolder, true), vscode.Uri.parse(first.uri, true));
    if (count === 0) return;
    services.log.info(`saved ${first.label} instead of ${referencedFile.fileName}; ${count} reference(s) renamed in ${referencedFile.document}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: the image was saved as {0} instead of {1}, and the reference now points to it.', first.label, referencedFile.fileName));
  } catch (error) {
    services.log.error('could not rename the references of a missing image', error);
    void vscode.window.showWarningMessage(vscode.l10n.t('Nano Banana: the image was saved as {0}, but the reference to {1} could not be updated; change it by hand.', first.label, referencedFile.fileName));
  }
}
