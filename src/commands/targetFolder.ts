// Where results are saved: the folder the command was started on, else the output directory of the
// relevant workspace folder, else (no folder open) a folder the user picks.
import * as vscode from 'vscode';
import { resolveOutputPath } from '../core/outputPath';
import { readSettings } from '../services/settings';

export type FolderChoice = { folder: vscode.Uri } | { error: string } | { ask: true };

/** Decided before any prompt is typed, so a bad setting is reported before effort is spent. */
export function outputFolderFor(resource: vscode.Uri | undefined): FolderChoice {
  const workspaceFolder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? activeWorkspaceFolder();
  if (!workspaceFolder) return { ask: true };
  const resolved = resolveOutputPath(workspaceFolder.uri.path, readSettings(workspaceFolder).outputDirectory);
  if ('error' in resolved) return resolved;
  return { folder: workspaceFolder.uri.with({ path: resolved.path }) };
}

/** With no folder open there is no output directory to resolve against. */
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

function activeWorkspaceFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}
