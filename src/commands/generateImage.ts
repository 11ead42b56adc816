// Nano Banana: Generate Image — from the palette (saved into the output directory) or from a folder
// in the Explorer (saved into that folder).
import * as vscode from 'vscode';
import type { JobOptions, JobRecord } from '../model/job';
import type { MarkdownInsertion } from '../jobs/pendingJobs';
import { slugFromPrompt } from '../core/naming';
import { announceSaved } from '../presenters/announce';
import { askPrompt } from '../ui/askPrompt';
import { chooseOptions } from './chooseOptions';
import type { CommandDeps } from './commandDeps';
import { askForFolder, outputFolderFor } from './targetFolder';

export interface GeneratePreset {
  prompt?: string;
  options?: JobOptions;
  /** Where to save; the output directory of `resource`'s workspace folder otherwise. */
  folder?: vscode.Uri;
  resource?: vscode.Uri;
  /** Kept with the job, so a link is still inserted if the job is resumed after a reload. */
  insertion?: MarkdownInsertion;
}

export async function generateImage(deps: CommandDeps, clickedFolder?: unknown): Promise<JobRecord | undefined> {
  return generateWith(deps, { folder: clickedFolder instanceof vscode.Uri ? clickedFolder : undefined });
}

/** The generate flow, shared by Generate Image, Insert Link and Generate Again. */
export async function generateWith(deps: CommandDeps, preset: GeneratePreset): Promise<JobRecord | undefined> {
  const choice = preset.folder ? { folder: preset.folder } : outputFolderFor(preset.resource);
  if ('error' in choice) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', choice.error));
    return undefined;
  }
  const token = await deps.tokens.getOrAsk();
  if (!token) return undefined;
  const title = vscode.l10n.t('Nano Banana: Generate Image');
  const prompt = await askPrompt(title, vscode.l10n.t('e.g. a flat illustration of a banana astronaut, pastel colours'), preset.prompt);
  if (!prompt) return undefined;
  const options = await chooseOptions(deps, 'generate', title, preset.options);
  if (!options) return undefined;
  const folder = 'folder' in choice ? choice.folder : await askForFolder();
  if (!folder) return undefined;

  const job = await deps.runner.run(
    { action: 'generate', prompt, options, sourceImages: [], targetFolder: folder, baseName: slugFromPrompt(prompt), insertion: preset.insertion },
    token,
  );
  if (job) announceSaved(job, deps.showPreview);
  return job;
}
