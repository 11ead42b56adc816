// Runs the job for one missing image as a command does: in a notification, and telling the user when the
// reference had to follow the saved file's name.
import * as vscode from 'vscode';
import type { MissingImage } from '../missingImages/missingReferences';
import { missingImageSpec, relinkSaved } from '../missingImages/generateMissing';
import type { JobOptions, JobRecord } from '../model/job';
import { announceRelinked } from '../presenters/announce';
import type { CommandDeps } from './commandDeps';

export async function generateMissing(deps: CommandDeps, missing: MissingImage, prompt: string, options: JobOptions, token: string): Promise<JobRecord | undefined> {
  const spec = missingImageSpec(missing, prompt, options);
  const job = await deps.runner.run(spec, token);
  if (job && spec.referencedFile) announceRelinked(await relinkSaved(job, spec.referencedFile, deps.log));
  // A Markdown preview keeps showing the broken image it failed to load until it is refreshed. Without
  // the built-in Markdown extension there is no preview, and nothing to do.
  if (job?.images.length) void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  return job;
}
