// Nano Banana: Generate Missing Images in This File — every local image the active Markdown or HTML
// document (or the file the active Markdown preview shows) references but that does not exist, after one
// confirmation, with the settings' options.
import * as vscode from 'vscode';
import { optionsForReference, promptForReference } from '../core/missingImage';
import { missingImages, onWritableFileSystem, referenceLanguage } from '../missingImages/missingReferences';
import { readSettings } from '../services/settings';
import { previewedMarkdownFile } from '../ui/markdownPreview';
import { billedLines } from './billedLines';
import { generateMissing } from './runMissingImageJob';
import type { CommandDeps } from './commandDeps';
import { warnedLine } from './warnedLine';

/** `resource`: the editor's file from its context menu; from the preview's title bar, the panel's own URI. */
export async function generateMissingImages(deps: CommandDeps, resource?: unknown): Promise<void> {
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

  // The settings' options, not this session's last choice: the confirmation says what they bill.
  const settings = readSettings(document.uri);
  const generate = vscode.l10n.t('Generate');
  const paths = missing.map((image) => vscode.workspace.asRelativePath(image.file, false));
  const skipped = outside.map((image) => vscode.l10n.t('Skipped, outside the workspace folder: {0}', image.reference.path));
  const answer = await vscode.window.showWarningMessage(
    missing.length === 1 ? vscode.l10n.t('Generate 1 missing image? It is billed.') : vscode.l10n.t('Generate {0} missing images? Each is billed.', missing.length),
    { modal: true, detail: [...billedLines(deps, settings, missing.length), '', ...paths, ...skipped].join('\n') },
    generate,
  );
  if (answer !== generate) return;
  const token = await deps.tokens.getOrAsk();
  if (!token) return;
  const jobs = await Promise.all(
    missing.map((image) => {
      const { alt, path, width, height } = image.reference;
      return generateMissing(deps, image, promptForReference(alt, path) || 'image', optionsForReference(settings, undefined, width, height), token);
    }),
  );
  const saved = jobs.filter((job) => job && job.images.length > 0).length;
  const warned = jobs.filter((job) => job?.warnings?.length).length;
  if (saved > 0) deps.showPreview(true);
  const summary = vscode.l10n.t('Nano Banana: {0} of {1} missing images generated.', saved, missing.length);
  if (warned > 0) void vscode.window.showWarningMessage(`${summary} ${warnedLine(warned)}`);
  else void vscode.window.showInformationMessage(summary);
}

async function documentToScan(resource: unknown): Promise<vscode.TextDocument | undefined> {
  if (resource instanceof vscode.Uri && resource.scheme !== 'webview-panel') return vscode.workspace.openTextDocument(resource);
  if (vscode.window.activeTextEditor) return vscode.window.activeTextEditor.document;
  const previewed = await previewedMarkdownFile(vscode.l10n.t('Nano Banana: Generate Missing Images in This File'));
  return previewed && vscode.workspace.openTextDocument(previewed);
}
