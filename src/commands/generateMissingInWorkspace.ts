// Nano Banana: Generate Missing Images in Workspace — every local image that the workspace's Markdown and
// HTML files reference but that does not exist, after one confirmation that lists how many per file and
// what is billed; a summary at the end, whose failures can be run again.
import * as vscode from 'vscode';
import { InputImageError } from '../core/dataUri';
import { loadProjectStyle, type AppliedStyle } from '../jobs/projectStyle';
import { exists } from '../jobs/saveToWorkspace';
import { findWorkspaceMissing, type WorkspaceMissing } from '../missingImages/workspaceMissing';
import { readSettings } from '../services/settings';
import { billedLines } from './billedLines';
import type { CommandDeps } from './commandDeps';
import { runMissingBatch, type BatchItem, type BatchResult } from './missingBatch';
import { warnedLine } from './warnedLine';

/** Files listed by name in the confirmation; the rest are counted, so the dialog stays on the screen. */
const LISTED_FILES = 25;

export async function generateMissingInWorkspace(deps: CommandDeps): Promise<void> {
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
  await fillMissing(deps, items, skippedLines(found));
}

/** Confirms, runs and sums up `items`; the summary's "run again" comes back here with what is still missing. */
async function fillMissing(deps: CommandDeps, items: BatchItem[], notes: string[] = []): Promise<void> {
  // The settings' options, not this session's last choice: the confirmation says what they bill.
  const settings = readSettings();
  // Checked once for the batch, before anything is confirmed or sent.
  let style: AppliedStyle | undefined;
  try {
    style = await loadProjectStyle();
  } catch (error) {
    if (!(error instanceof InputImageError)) throw error;
    void vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', error.message));
    return;
  }
  const generate = vscode.l10n.t('Generate');
  const files = perFile(items);
  const answer = await vscode.window.showWarningMessage(
    items.length === 1
      ? vscode.l10n.t('Generate 1 missing image in the workspace? It is billed.')
      : files.length === 1
        ? vscode.l10n.t('Generate {0} missing images in 1 file? Each is billed.', items.length)
        : vscode.l10n.t('Generate {0} missing images in {1} files? Each is billed.', items.length, files.length),
    { modal: true, detail: [...billedLines(deps, settings, items.length), '', ...fileLines(files), ...notes].join('\n') },
    generate,
  );
  if (answer !== generate) return;
  const token = await deps.tokens.getOrAsk();
  if (!token) return;
  const result = await runMissingBatch(deps, items, { settings, style }, token);
  if (result.saved > 0) deps.showPreview(true);
  await summarize(deps, result);
}

async function summarize(deps: CommandDeps, result: BatchResult): Promise<void> {
  const renamed = result.relinked.filter((relinked) => !relinked.failed).length;
  const notRenamed = result.relinked.length - renamed;
  const again = [...result.failed.map(({ item }) => item), ...result.notSubmitted];
  const lines = [
    vscode.l10n.t('Nano Banana: {0} of {1} missing images generated.', result.saved, result.total),
    renamed > 0 && vscode.l10n.t('{0} references were renamed to the type that arrived.', renamed),
    notRenamed > 0 && vscode.l10n.t('{0} references could not be renamed to their saved file; change them by hand (the Output lists them).', notRenamed),
    result.failed.length > 0 && vscode.l10n.t('{0} failed: {1}', result.failed.length, result.failed[0].message),
    result.warned > 0 && warnedLine(result.warned),
    result.keptAtService > 0 && vscode.l10n.t('{0} were accepted by the service but not saved: "Check Pending Tasks" fetches them without a new request.', result.keptAtService),
    result.notSubmitted.length > 0 && vscode.l10n.t('{0} were not submitted: {1}', result.notSubmitted.length, result.stoppedBecause ?? ''),
  ].filter((line): line is string => typeof line === 'string');
  const runAgain = vscode.l10n.t('Run Again');
  const checkPending = vscode.l10n.t('Check Pending Tasks');
  const actions = [...(again.length ? [runAgain] : []), ...(result.keptAtService ? [checkPending] : [])];
  const message = lines.join(' ');
  const choice = again.length || result.keptAtService || notRenamed
    ? await vscode.window.showWarningMessage(message, ...actions)
    : await vscode.window.showInformationMessage(message);
  if (choice === checkPending) await vscode.commands.executeCommand('nanoBanana.resumeTasks');
  if (choice === runAgain) {
    // Only what is still missing: a file may have been made meanwhile, by hand or by another run.
    const stillMissing = await Promise.all(again.map(async (item) => !(await exists(item.missing.file))));
    const left = again.filter((_, index) => stillMissing[index]);
    if (left.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: those images exist now; nothing to generate.'));
    else await fillMissing(deps, left);
  }
}

function perFile(items: BatchItem[]): Array<{ label: string; count: number }> {
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
