import * as vscode from 'vscode';

/** With no folder open there is no output directory to resolve against: the user picks where images go. */
export async function askForFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Save Images Here'),
    title: vscode.l10n.t('Nano Banana: where should the images be saved?'),
  });
  return picked?.[0];
}
