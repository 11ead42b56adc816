// Nano Banana: Generate Missing Images in Workspace — every local image that the workspace's Markdown and
// HTML files reference but that does not exist, after one confirmation that lists how many per file and
// what is billed; a summary at the end, whose failures can be run again.
import * as vscode from 'vscode';
import type { MissingItem } from '../missingImages/missingBatch';
import { findWorkspaceMissing, type WorkspaceMissing } from '../missingImages/workspaceMissing';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { fillMissing } from './fillMissing';

/** Files listed by name in the confirmation; the rest are counted, so the dialog stays on the screen. */
const LISTED_FILES = 25;

export async function generateMissingInWorkspace(deps: FrontDoorDeps): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: open a folder first: its Markdown and HTML files are searched for missing images.'));
    return;
  }
  const title = vscode.l10n.t('Nano Banana: looking for missing images in the workspace…');
  const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => findWorkspaceMissing());
  for (const { uri, reason } of found.unreadable) deps.log.warn(`${uri.toString(true)} was not searched for missing images: ${reason}`);
  if (found.missing.length === 0) {
    const none = vscode.l10n.t('Nano Banana: no missing images in the workspace: every local image its {0} Markdown and HTML files reference exists. Nothing was billed.', found.documents);
    const outside = found.outside.length ? ` ${vscode.l10n.t('{0} references point outside the workspace folder and were left alone.', found.outside.length)}` : '';
    void vscode.window.showInformationMessage(none + outside);
    return;
  }
  const items = found.missing.map((missing) => ({ missing, alsoReferencedBy: found.alsoReferencedBy.get(missing.file.toString()) ?? [] }));
  await fillMissing(deps, items, describe, skippedLines(found));
}

function describe(items: MissingItem[]): { question: string; lines: string[] } {
  const files = perFile(items);
  const question = items.length === 1
    ? vscode.l10n.t('Generate 1 missing image in the workspace? It is billed.')
    : files.length === 1
      ? vscode.l10n.t('Generate {0} missing images in 1 file? Each is billed.', items.length)
      : vscode.l10n.t('Generate {0} missing images in {1} files? Each is billed.', items.length, files.length);
  return { question, lines: fileLines(files) };
}

function perFile(items: MissingItem[]): Array<{ label: string; count: number }> {
  const counts = new Map<string, number>();
  for (const { missing } of items) {
    const label = vscode.workspace.asRelativePath(missing.document.uri);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => ({ label, count }));
}

function fileLines(files: Array<{ label: string; count: number }>): string[] {
  const listed = files.slice(0, LISTED_FILES).map(({ label, count }) => (count === 1 ? vscode.l10n.t('{0}: 1 image', label) : vscode.l10n.t('{0}: {1} images', label, count)));
  const more = files.length - listed.length;
  return more > 0 ? [...listed, vscode.l10n.t('… and {0} more files', more)] : listed;
}

function skippedLines(found: WorkspaceMissing): string[] {
  if (found.outside.length === 0) return [];
  return ['', vscode.l10n.t('Skipped, outside the workspace folder: {0} references', found.outside.length)];
}
