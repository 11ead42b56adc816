// Nano Banana: Generate Icon Set — one prompt, one square image, then every file a site's icons need
// (favicon.ico with 16, 32 and 48 px, the PNG favicon, Apple's touch icon, the web app icons) cut from it
// locally into the chosen folder, and the HTML and manifest lines to use them offered for the clipboard.
import * as vscode from 'vscode';
import { iconFilesFrom, iconMarkup, type IconFile } from '../core/iconSet';
import { ImageWorkError } from '../core/imageWork';
import { slugFromPrompt } from '../core/naming';
import { initialOptions } from '../core/options';
import { writeIconSet } from '../jobs/iconSetFiles';
import { provenanceOf } from '../jobs/stampProvenance';
import type { JobOptions, JobRecord } from '../model/job';
import { readSettings } from '../services/settings';
import { askPrompt } from '../ui/askPrompt';
import { chooseOptions } from './chooseOptions';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { outputFolderFor } from '../services/outputFolder';
import { askForFolder } from '../ui/askForFolder';

export async function generateIconSet(deps: FrontDoorDeps, clickedFolder?: unknown): Promise<JobRecord | undefined> {
  const settings = readSettings();
  const plan = iconFilesFrom(settings.iconSet);
  if ('error' in plan) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', plan.error));
    return undefined;
  }
  const choice = clickedFolder instanceof vscode.Uri ? { folder: clickedFolder } : outputFolderFor(undefined);
  if ('error' in choice) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', choice.error));
    return undefined;
  }
  const token = await deps.tokens.getOrAsk();
  if (!token) return undefined;
  const title = vscode.l10n.t('Nano Banana: Generate Icon Set');
  const prompt = await askPrompt(title, vscode.l10n.t('e.g. a bold banana logo, flat, centred, plain background'));
  if (!prompt) return undefined;
  const chosen = await chooseOptions(deps, 'generate', title, squareOne(initialOptions('generate', settings, deps.lastOptions.get('generate'))));
  if (!chosen) return undefined;
  const folder = 'folder' in choice ? choice.folder : await askForFolder();
  if (!folder) return undefined;

  // One square image, whatever was changed in the list: the icons are cut from its centre.
  const options = squareOne(chosen);
  const job = await deps.runner.run({ action: 'generate', prompt, options, sourceImages: [], targetFolder: folder, baseName: `${slugFromPrompt(prompt)}-icon` }, token);
  if (!job?.images.length || !job.taskId) return job;
  await cutAndOffer(deps, job, job.taskId, plan.files, folder);
  return job;
}

function squareOne(options: JobOptions): JobOptions {
  const { exactSize: _none, ...rest } = options;
  return { ...rest, aspectRatio: '1:1', count: 1 };
}

async function cutAndOffer(deps: FrontDoorDeps, job: JobRecord, taskId: string, files: IconFile[], folder: vscode.Uri): Promise<void> {
  const source = vscode.Uri.parse(job.images[0].uri, true);
  const where = vscode.workspace.asRelativePath(folder, false);
  let saved;
  try {
    saved = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Nano Banana: cutting the icon set…') }, () =>
      writeIconSet(source, files, folder, provenanceOf(job, taskId), deps.images),
    );
  } catch (error) {
    deps.log.error('the icon set could not be cut', error);
    const reason = error instanceof ImageWorkError && error.undecodable ? vscode.l10n.t('its type or content cannot be read') : error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: the icon set could not be cut from {0}: {1}. The generated image is kept.', job.images[0].label, reason));
    return;
  }
  deps.log.info(`icon set saved in ${where}: ${saved.map((icon) => icon.savedName).join(', ')}`);
  const copy = vscode.l10n.t('Copy HTML and Manifest Lines');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Nano Banana: saved {0} in {1}.', saved.map((icon) => icon.savedName).join(', '), where),
    copy,
  );
  if (answer === copy) await vscode.env.clipboard.writeText(iconMarkup(saved));
}
