// Where results are saved when no folder was clicked: the output directory of the relevant workspace
// folder, or (no folder open) a folder the user picks.
import * as vscode from 'vscode';
import { resolveOutputPath } from '../core/outputPath';
import { readSettings } from './settings';

export type FolderChoice = { folder: vscode.Uri } | { error: string } | { ask: true };

/** Decided before any prompt is typed, so a bad setting is reported before effort is spent. */
export function outputFolderFor(resource: vscode.Uri | undefined): FolderChoice {
  const workspaceFolder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? activeWorkspaceFolder();
  if (!workspaceFolder) return { ask: true };
  const resolved = resolveOutputPath(workspaceFolder.uri.path, readSettings(workspaceFolder).outputDirectory);
  if ('error' in resolved) return resolved;
  return { folder: workspaceFolder.uri.with({ path: resolved.path }) };
}

function activeWorkspaceFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}
