// Nano Banana: Generate Icon Set — one prompt, one square image, then every file a site's icons need
// (favicon.ico with 16, 32 and 48 px, the PNG favicon, Apple's touch icon, the web app icons) cut from it
// locally into the chosen folder, and the HTML and manifest lines to use them offered for the clipboard.
import * as vscode from 'vscode';
import { iconFilesFrom } from '../core/iconSet';
import { slugFromPrompt } from '../core/naming';
import { initialOptions } from '../core/options';
import type { JobOptions, JobRecord } from '../model/job';
import { readSettings } from '../services/settings';
import { askPrompt } from '../ui/askPrompt';
import { chooseOptions } from './chooseOptions';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { outputFolderFor } from '../services/outputFolder';
import { askForFolder } from '../ui/askForFolder';

export async function generateIconSet(deps: FrontDoorDeps, clickedFolder?: unknown): Promise<JobRecord | undefined> {
  const choice = clickedFolder instanceof vscode.Uri ? { folder: clickedFolder } : outputFolderFor(undefined);
  // The icon files and the options are those of the folder the set is saved into.
  const scope = 'folder' in choice ? choice.folder : undefined;
  const settings = readSettings(scope);
  const plan = iconFilesFrom(settings.iconSet);
  if ('error' in plan) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', plan.error));
    return undefined;
  }
  if ('error' in choice) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', choice.error));
    return undefined;
  }
  const token = await deps.tokens.getOrAsk();
  if (!token) return undefined;
  const title = vscode.l10n.t('Nano Banana: Generate Icon Set');
  const prompt = await askPrompt(title, vscode.l10n.t('e.g. a bold banana logo, flat, centred, plain background'));
  if (!prompt) return undefined;
  const chosen = await chooseOptions(deps, 'generate', title, squareOne(initialOptions('generate', settings, deps.lastOptions.get('generate'))), scope);
  if (!chosen) return undefined;
  const folder = 'folder' in choice ? choice.folder : await askForFolder();
  if (!folder) return undefined;

  // One square image, whatever was changed in the list: the icons are cut from its centre once it is
  // saved, by the engine, so a job resumed after a reload is cut too.
  const options = squareOne(chosen);
  return deps.runner.run({ action: 'generate', prompt, options, sourceImages: [], targetFolder: folder, baseName: `${slugFromPrompt(prompt)}-icon`, iconSet: plan.files }, token);
}

function squareOne(options: JobOptions): JobOptions {
  const { exactSize: _none, ...rest } = options;
  return { ...rest, aspectRatio: '1:1', count: 1 };
}
