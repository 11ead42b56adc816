// Nano Banana: Generate Image — from the palette (saved into the output directory) or from a folder
// in the Explorer (saved into that folder).
import * as vscode from 'vscode';
import type { MarkdownInsertion } from '../jobs/pendingJobs';
import type { JobOptions, JobRecord } from '../model/job';
import { slugFromPrompt } from '../core/naming';
import { askPrompt } from '../ui/askPrompt';
import { chooseOptions } from './chooseOptions';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { outputFolderFor } from '../services/outputFolder';
import { askForFolder } from '../ui/askForFolder';

export interface GeneratePreset {
  prompt?: string;
  options?: JobOptions;
  /** Where to save; the output directory of `resource`'s workspace folder otherwise. */
  folder?: vscode.Uri;
  resource?: vscode.Uri;
  /** Kept with the job, so a link is still inserted if the job is resumed after a reload. */
  insertion?: MarkdownInsertion;
}

export async function generateImage(deps: FrontDoorDeps, clickedFolder?: unknown): Promise<JobRecord | undefined> {
  return generateWith(deps, { folder: clickedFolder instanceof vscode.Uri ? clickedFolder : undefined });
}

/** The generate flow, shared by Generate Image, Insert Link and Generate Again. */
export async function generateWith(deps: FrontDoorDeps, preset: GeneratePreset): Promise<JobRecord | undefined> {
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
  const options = await chooseOptions(deps, 'generate', title, preset.options, 'folder' in choice ? choice.folder : undefined);
  if (!options) return undefined;
  const folder = 'folder' in choice ? choice.folder : await askForFolder();
  if (!folder) return undefined;

  return deps.runner.run(
    { action: 'generate', prompt, options, sourceImages: [], targetFolder: folder, baseName: slugFromPrompt(prompt), insertion: preset.insertion },
    token,
  );
}
