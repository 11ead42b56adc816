// Nano Banana: Generate Missing Images in This File — every local image the active Markdown or HTML
// document (or the file the active Markdown preview shows) references but that does not exist, after one
// confirmation, with the settings' options, as one batch (at most four at a time) with one summary.
import * as vscode from 'vscode';
import { onWritableFileSystem, referenceLanguage } from '../markdown/documentReferences';
import { missingImages } from '../missingImages/missingReferences';
import type { MissingItem } from '../missingImages/missingBatch';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { previewedMarkdownFile } from '../ui/markdownPreview';
import { fillMissing } from './fillMissing';

/** `resource`: the editor's file from its context menu; from the preview's title bar, the panel's own URI. */
export async function generateMissingImages(deps: FrontDoorDeps, resource?: unknown): Promise<void> {
  const document = await documentToScan(resource);
  if (!document || !referenceLanguage(document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: open a Markdown or HTML file to generate the images it references.'));
    return;
  }
  if (!onWritableFileSystem(document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: this document is not a file on disk (a notebook cell, a diff or an output), so no image can be saved next to it. Open the file itself.'));
    return;
  }
  const found = await missingImages(document);
  const missing = found.filter((image) => !image.error);
  const outside = found.filter((image) => image.error);
  if (missing.length === 0) {
    const none = vscode.l10n.t('Nano Banana: no missing images in this file: every local image it references exists.');
    void vscode.window.showInformationMessage(outside.length ? `${none} ${outside[0].error}` : none);
    return;
  }

  const skipped = outside.map((image) => vscode.l10n.t('Skipped, outside the workspace folder: {0}', image.reference.path));
  const items = missing.map((image) => ({ missing: image, alsoReferencedBy: [] }));
  await fillMissing(deps, items, describe, skipped);
}

function describe(items: MissingItem[]): { question: string; lines: string[] } {
  return {
    question: items.length === 1 ? vscode.l10n.t('Generate 1 missing image? It is billed.') : vscode.l10n.t('Generate {0} missing images? Each is billed.', items.length),
    lines: items.map((item) => vscode.workspace.asRelativePath(item.missing.file, false)),
  };
}

async function documentToScan(resource: unknown): Promise<vscode.TextDocument | undefined> {
  if (resource instanceof vscode.Uri && resource.scheme !== 'webview-panel') return vscode.workspace.openTextDocument(resource);
  if (vscode.window.activeTextEditor) return vscode.window.activeTextEditor.document;
  const previewed = await previewedMarkdownFile(vscode.l10n.t('Nano Banana: Generate Missing Images in This File'));
  return previewed && vscode.workspace.openTextDocument(previewed);
}
