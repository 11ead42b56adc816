// What every front door says once images are saved or a reference had to follow a new name: the panel
// comes forward without taking focus, and a short note names the files.
import * as vscode from 'vscode';
import type { Relinked } from '../missingImages/generateMissing';
import type { JobRecord } from '../model/job';

export function announceSaved(job: JobRecord, showPreview: (preserveFocus: boolean) => void): void {
  showPreview(true);
  const names = job.images.map((image) => image.label).join(', ');
  vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Nano Banana: saved {0}', names)}`, 8000);
  for (const warning of job.warnings ?? []) void vscode.window.showWarningMessage(vscode.l10n.t('Nano Banana: {0}', warning));
}

export function announceRelinked(relinked: Relinked | undefined): void {
  if (!relinked) return;
  const { savedAs, asked } = relinked;
  if (relinked.failed) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Nano Banana: the image was saved as {0}, but the reference to {1} could not be updated; change it by hand.', savedAs, asked));
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: the image was saved as {0} instead of {1}, and the reference now points to it.', savedAs, asked));
}
