// "Generate Missing Image with Nano Banana", the quick fix on an image reference whose file does not
// exist: the prompt starts as the alt text, the aspect ratio follows the reference's width and height.
import * as vscode from 'vscode';
import { optionsForReference, promptForReference } from '../core/missingImage';
import { referencesOf } from '../markdown/documentReferences';
import type { MissingImageArgs } from '../missingImages/missingImageActions';
import { missingImageSpec } from '../missingImages/generateMissing';
import { missingImages } from '../missingImages/missingReferences';
import { announceBusy } from '../presenters/announce';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { readSettings } from '../services/settings';
import { askPrompt } from '../ui/askPrompt';
import { chooseOptions } from './chooseOptions';

export async function generateMissingImage(deps: FrontDoorDeps, args: unknown): Promise<void> {
  if (!isArgs(args)) throw new Error(vscode.l10n.t('Generate Missing Image needs the document and the image path of a reference.'));
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.document, true));
  const references = referencesOf(document).filter((reference) => reference.path === args.path);
  const [missing] = await missingImages(document, references);
  if (!missing) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: {0} exists now; nothing to generate.', args.path));
    return;
  }
  if (missing.error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', missing.error));
    return;
  }
  const running = deps.engine.making(missing.file);
  if (running) {
    announceBusy(running, deps.showPreview);
    return;
  }
  const token = await deps.tokens.getOrAsk();
  if (!token) return;
  const title = vscode.l10n.t('Nano Banana: Generate Missing Image {0}', vscode.workspace.asRelativePath(missing.file, false));
  const { reference } = missing;
  const prompt = await askPrompt(title, vscode.l10n.t('Describe the image that belongs here'), promptForReference(reference.alt, reference.path));
  if (!prompt) return;
  const preset = optionsForReference(readSettings(document.uri), deps.lastOptions.get('generate'), reference.width, reference.height);
  const options = await chooseOptions(deps, 'generate', title, preset, document.uri);
  if (!options) return;
  await deps.runner.run(missingImageSpec(missing, prompt, options), token);
}

function isArgs(value: unknown): value is MissingImageArgs {
  const args = value as Partial<MissingImageArgs> | undefined;
  return typeof args?.document === 'string' && typeof args.path === 'string';
}
