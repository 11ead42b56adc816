// Nano Banana: Edit Image — on the images selected in the Explorer, the image preview's editor, or
// images picked from the workspace. Every input is checked before anything is sent.
import * as vscode from 'vscode';
import { posix } from 'node:path';
import { InputImageError } from '../core/dataUri';
import { editedBaseName } from '../core/naming';
import { checkInputImages, readInputImages } from '../jobs/inputImages';
import type { JobOptions, JobRecord } from '../model/job';
import { askPrompt } from '../ui/askPrompt';
import { activeImagePreview, pickWorkspaceImages } from '../ui/pickImages';
import { chooseOptions } from './chooseOptions';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';

const IMAGE_GLOB = '**/*.{png,jpg,jpeg,webp,PNG,JPG,JPEG,WEBP}';

/** Explorer passes the clicked item and the whole selection; the editor title passes the image. */
export async function editImage(deps: FrontDoorDeps, clicked?: unknown, selection?: unknown, preset?: { prompt?: string; options?: JobOptions }): Promise<JobRecord | undefined> {
  const images = await chooseImages(clicked, selection);
  if (!images?.length) return undefined;
  if (!(await checkInputs(images))) return undefined;
  const token = await deps.tokens.getOrAsk();
  if (!token) return undefined;

  const names = images.map((image) => posix.basename(image.path));
  const title = names.length === 1 ? vscode.l10n.t('Nano Banana: Edit {0}', names[0]) : vscode.l10n.t('Nano Banana: Edit {0} images', names.length);
  const prompt = await askPrompt(title, vscode.l10n.t('e.g. make the background a starry night sky'), preset?.prompt);
  if (!prompt) return undefined;
  const options = await chooseOptions(deps, 'edit', title, preset?.options, images[0]);
  if (!options) return undefined;

  return deps.runner.run(
    {
      action: 'edit',
      prompt,
      options,
      inputs: (progress) => readInputImages(images, deps.images, progress),
      sourceImages: images,
      targetFolder: vscode.Uri.joinPath(images[0], '..'),
      baseName: editedBaseName(names[0]),
    },
    token,
  );
}

async function chooseImages(clicked: unknown, selection: unknown): Promise<vscode.Uri[] | undefined> {
  if (Array.isArray(selection) && selection.length > 0 && selection.every((item) => item instanceof vscode.Uri)) {
    return selection as vscode.Uri[];
  }
  if (clicked instanceof vscode.Uri) return [clicked];
  const previewed = activeImagePreview();
  if (previewed) return [previewed];
  return pickWorkspaceImages(IMAGE_GLOB, {
    title: vscode.l10n.t('Nano Banana: Edit Image'),
    placeHolder: vscode.l10n.t('Pick the images to edit (the first one sets the result\'s folder and default ratio)'),
    noImages: vscode.l10n.t('Nano Banana: there are no PNG, JPEG or WebP images in this workspace to edit.'),
  }, true);
}

/** Whether every input can be sent (as it is, or as a smaller copy); false after telling the user which cannot. */
async function checkInputs(images: vscode.Uri[]): Promise<boolean> {
  try {
    await checkInputImages(images);
    return true;
  } catch (error) {
    const message = error instanceof InputImageError ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0} Nothing was sent.', message));
    return false;
  }
}
