// What every front door says once images are saved and their completion actions ran: the panel comes
// forward without taking focus, a short note names the files, a reference that had to follow a new name
// says so, and links whose place was lost are offered to copy.
import * as vscode from 'vscode';
import { iconMarkup } from '../core/iconSet';
import type { Completed, IconsCut, LinksPlaced, Relinked } from '../jobs/jobSpec';
import type { JobRecord } from '../model/job';

export function announceSaved(job: JobRecord, completed: Completed | undefined, showPreview: (preserveFocus: boolean) => void): void {
  // Links just inserted: the document stays in front, where the user sees them land.
  if (completed?.links?.status !== 'inserted') showPreview(true);
  const names = job.images.map((image) => image.label).join(', ');
  vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Nano Banana: saved {0}', names)}`, 8000);
  for (const warning of job.warnings ?? []) void vscode.window.showWarningMessage(vscode.l10n.t('Nano Banana: {0}', warning));
  for (const relinked of completed?.relinked ?? []) announceRelinked(relinked);
  if (completed?.links) announceLinks(completed.links);
  if (completed?.icons) announceIcons(completed.icons);
}

/** The icon files cut, with their HTML and manifest lines offered for the clipboard; or why none were. */
function announceIcons(icons: IconsCut): void {
  if ('error' in icons) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: the icon set could not be cut from {0}: {1}. The generated image is kept.', icons.source, icons.error));
    return;
  }
  const copy = vscode.l10n.t('Copy HTML and Manifest Lines');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Nano Banana: saved {0} in {1}.', icons.saved.map((icon) => icon.savedName).join(', '), icons.folder), copy)
    .then((answer) => (answer === copy ? vscode.env.clipboard.writeText(iconMarkup(icons.saved)) : undefined));
}

function announceRelinked({ savedAs, asked, failed }: Relinked): void {
  if (failed) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Nano Banana: the image was saved as {0}, but the reference to {1} could not be updated; change it by hand.', savedAs, asked));
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: the image was saved as {0} instead of {1}, and the reference now points to it.', savedAs, asked));
}

/** The links could not go where they were asked for: the user decides where they go. */
function announceLinks(placed: LinksPlaced): void {
  if (placed.status === 'inserted') return;
  const name = vscode.workspace.asRelativePath(vscode.Uri.parse(placed.document, true), false);
  const message = placed.status === 'placeLost'
    ? vscode.l10n.t('Nano Banana: the image is saved, but {0} changed so much since the link was asked for that its place cannot be found. Copy the link and paste it where it belongs.', name)
    : vscode.l10n.t('Nano Banana: the image was saved, but the link could not be inserted into {0} (was the document closed?). Copy the link and paste it where it belongs.', name);
  const copy = vscode.l10n.t('Copy Link');
  void vscode.window.showWarningMessage(message, copy).then((choice) => (choice === copy ? vscode.env.clipboard.writeText(placed.links) : undefined));
}

/** Nothing was submitted: another job of this window is making that file. */
export function announceBusy(job: JobRecord, showPreview: (preserveFocus: boolean) => void): void {
  const showResults = vscode.l10n.t('Show Results');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Nano Banana: that image is already being made ("{0}"); nothing new was submitted. Its progress is in the results panel.', job.prompt), showResults)
    .then((choice) => (choice === showResults ? showPreview(false) : undefined));
}
