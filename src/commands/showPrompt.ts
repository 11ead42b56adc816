// Nano Banana: Show Prompt — on a PNG or JPEG in the Explorer, the image preview, or one picked from the
// workspace: the prompt, model and task id the image itself carries (written when it was saved, see
// src/core/provenance.ts), so it can be copied or generated again long after the job history is gone.
import * as vscode from 'vscode';
import { fitResolution, initialOptions } from '../core/options';
import { readProvenance, type Provenance } from '../core/provenance';
import { readSettings } from '../services/settings';
import { activeImagePreview, pickWorkspaceImages } from '../ui/pickImages';
import { generateWith } from './generateImage';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';

/** The formats the record is written into; WebP and GIF are saved as delivered. */
const RECORD_GLOB = '**/*.{png,jpg,jpeg,PNG,JPG,JPEG}';

export async function showPrompt(deps: FrontDoorDeps, clicked?: unknown): Promise<void> {
  const image = clicked instanceof vscode.Uri ? clicked : activeImagePreview() ?? (await pickImage());
  if (!image) return;
  const name = vscode.workspace.asRelativePath(image, false);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(image);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: "{0}" could not be read: {1}', name, (error as Error).message));
    return;
  }
  const record = readProvenance(bytes);
  if (!record) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: "{0}" carries no prompt. Only PNG and JPEG images saved by this extension have one, and programs that re-save an image may drop it.', name));
    return;
  }
  await offerActions(deps, image, name, record);
}

async function pickImage(): Promise<vscode.Uri | undefined> {
  const picked = await pickWorkspaceImages(RECORD_GLOB, {
    title: vscode.l10n.t('Nano Banana: Show Prompt'),
    placeHolder: vscode.l10n.t('Pick a generated image to see the prompt it was made from'),
    noImages: vscode.l10n.t('Nano Banana: there are no PNG or JPEG images in this workspace.'),
  }, false);
  return picked?.[0];
}

async function offerActions(deps: FrontDoorDeps, image: vscode.Uri, name: string, record: Provenance): Promise<void> {
  const created = new Date(record.createdAt).toLocaleString(vscode.env.language);
  const made = record.action === 'edit'
    ? vscode.l10n.t('Nano Banana: {0} was edited with the prompt “{1}” using {2} on {3} (task {4}).', name, record.prompt, record.model, created, record.taskId)
    : vscode.l10n.t('Nano Banana: {0} was generated from the prompt “{1}” using {2} on {3} (task {4}).', name, record.prompt, record.model, created, record.taskId);
  const message = record.promptTruncated ? `${made} ${vscode.l10n.t('The file holds only the start of a longer prompt.')}` : made;
  const copyPrompt = vscode.l10n.t('Copy Prompt');
  const generateAgain = vscode.l10n.t('Generate Again');
  const copyTaskId = vscode.l10n.t('Copy Task Id');
  // An edit's prompt describes a change to images the file does not carry, so it cannot be rerun alone.
  const actions = record.action === 'generate' ? [copyPrompt, generateAgain, copyTaskId] : [copyPrompt, copyTaskId];
  const choice = await vscode.window.showInformationMessage(message, ...actions);
  if (choice === copyPrompt) await copy(record.prompt, vscode.l10n.t('Nano Banana: prompt copied'));
  if (choice === copyTaskId) await copy(record.taskId, vscode.l10n.t('Nano Banana: task id copied'));
  if (choice === generateAgain) {
    // The image's own model, ratio and resolution; one image, since one is being repeated.
    const defaults = initialOptions('generate', readSettings());
    await generateWith(deps, {
      prompt: record.prompt,
      options: {
        model: record.model,
        aspectRatio: record.aspectRatio ?? defaults.aspectRatio,
        resolution: fitResolution(record.model, record.resolution ?? defaults.resolution),
        count: 1,
      },
      folder: vscode.Uri.joinPath(image, '..'),
    });
  }
}

async function copy(text: string, confirmation: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) ${confirmation}`, 4000);
}
