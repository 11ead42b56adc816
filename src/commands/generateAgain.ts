// "Generate Again" on a job in the results panel: the same request once more, through the options list.
// An edit is edited again from its input images, never sent as a text-only generation of its instruction;
// when those images are gone, the user is told and may generate from the words instead.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { exists } from '../jobs/saveToWorkspace';
import type { JobRecord } from '../model/job';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { editImage } from './editImage';
import { generateWith } from './generateImage';

export async function generateAgain(deps: FrontDoorDeps, job: JobRecord): Promise<void> {
  const preset = { prompt: job.prompt, options: job.options };
  if (job.action === 'generate') {
    await generateWith(deps, { ...preset, folder: vscode.Uri.parse(job.targetFolder, true) });
    return;
  }
  const sources = job.sourceImages.map((uri) => vscode.Uri.parse(uri, true));
  const gone = (await Promise.all(sources.map(async (source) => ((await exists(source)) ? undefined : source)))).filter((source) => source !== undefined);
  if (gone.length === 0) {
    await editImage(deps, undefined, sources, preset);
    return;
  }
  const generate = vscode.l10n.t('Generate Instead');
  const names = gone.map((source) => posix.basename(source.path)).join(', ');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Nano Banana: this edit cannot be run again: {0} no longer exists. Generate a new image from its instruction instead?', names),
    generate,
  );
  // Its options were an edit's: the service picks no ratio for a generation, so the settings' apply.
  if (choice === generate) await generateWith(deps, { prompt: job.prompt, folder: vscode.Uri.parse(job.targetFolder, true) });
}
