// Nano Banana: Check Pending Tasks — and the same recovery run automatically on activation: jobs the
// service accepted but whose images were never saved (closed window, lost network, cancelled, timed out).
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { initialOptions } from '../core/options';
import { altTextFromPrompt } from '../core/markdownLink';
import type { JobRecord } from '../model/job';
import type { PendingJob } from '../jobs/pendingJobs';
import { insertImageLinks } from '../markdown/insertImageLinks';
import { markdownLinkFor } from '../markdown/markdownLinkFor';
import { restoredPosition } from '../markdown/trackedInsertion';
import { relinkSaved } from '../missingImages/generateMissing';
import { announceRelinked, announceSaved } from '../presenters/announce';
import { readSettings } from '../services/settings';
import type { CommandDeps } from './commandDeps';
import { outputFolderFor } from './targetFolder';

/** Jobs that were still running when the window went away are picked up without asking. */
export async function resumeInterruptedJobs(deps: CommandDeps): Promise<void> {
  const interrupted = deps.pending.all().filter((entry) => ['submitting', 'waiting', 'downloading', 'saving'].includes(entry.job.stage));
  if (interrupted.length === 0) return;
  const token = await deps.tokens.get();
  if (!token) {
    deps.log.warn(`${interrupted.length} unfinished job(s) wait for a token; run "Check Pending Tasks" after setting one.`);
    return;
  }
  deps.log.info(`resuming ${interrupted.length} unfinished job(s)`);
  await Promise.all(interrupted.map((entry) => resume(deps, entry, token)));
}

export async function checkPendingTasks(deps: CommandDeps): Promise<void> {
  type Item = vscode.QuickPickItem & { entry?: PendingJob; lookup?: true };
  const items: Item[] = deps.pending.all().map((entry) => ({
    label: entry.job.prompt,
    description: `${stageLabel(entry.job)} · ${vscode.l10n.t('task {0}', entry.job.taskId ?? '—')}`,
    detail: entry.job.error,
    entry,
  }));
  items.push({ label: `$(search) ${vscode.l10n.t('Look up a task id…')}`, lookup: true, alwaysShow: true });
  const choice = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Nano Banana: Check Pending Tasks'),
    placeHolder: items.length > 1 ? vscode.l10n.t('Pick a task to fetch and save its images') : vscode.l10n.t('No unfinished tasks in this workspace; look one up by its id'),
    matchOnDescription: true,
  });
  if (!choice) return;
  const token = await deps.tokens.getOrAsk();
  if (!token) return;
  const entry = choice.entry ?? (await entryForTaskId());
  if (entry) await resume(deps, entry, token);
}

async function resume(deps: CommandDeps, entry: PendingJob, token: string): Promise<void> {
  const job = await deps.runner.resume(entry, token);
  if (job) await afterSaved(deps, job, entry);
}

async function afterSaved(deps: CommandDeps, job: JobRecord, entry: PendingJob): Promise<void> {
  announceSaved(job, deps.showPreview);
  if (entry.referencedFile) announceRelinked(await relinkSaved(job, entry.referencedFile, deps.log));
  if (!entry.insertion) return;
  const images = job.images.map((image) => vscode.Uri.parse(image.uri, true));
  const alt = altTextFromPrompt(job.prompt);
  try {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.insertion.document, true));
    const at = restoredPosition(document, entry.insertion);
    if (!at) {
      offerLinksToCopy(deps, document, images, alt);
      return;
    }
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    await insertImageLinks(editor, images, alt, at);
  } catch (error) {
    deps.log.error('could not insert the link of a resumed job', error);
  }
}

/** The text around the place the link was meant for is gone: the user decides where it goes. */
function offerLinksToCopy(deps: CommandDeps, document: vscode.TextDocument, images: vscode.Uri[], alt: string): void {
  deps.log.warn(`the place for the link in ${document.uri.toString(true)} changed beyond recognition; the link is offered to copy`);
  const copy = vscode.l10n.t('Copy Link');
  const links = images.map((image) => markdownLinkFor(document, image, alt)).join('\n');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('Nano Banana: the image is saved, but {0} changed so much since the link was asked for that its place cannot be found. Copy the link and paste it where it belongs.', vscode.workspace.asRelativePath(document.uri, false)), copy)
    .then((choice) => (choice === copy ? vscode.env.clipboard.writeText(links) : undefined));
}

async function entryForTaskId(): Promise<PendingJob | undefined> {
  const taskId = (await vscode.window.showInputBox({
    title: vscode.l10n.t('Nano Banana: Look Up a Task'),
    prompt: vscode.l10n.t('The task id, as shown in a notification, the Nano Banana output or the Ace Data Cloud console'),
    placeHolder: vscode.l10n.t('e.g. {0}', '056f0589-a3dd-4ec2-8440-ad61f5038dfa'),
    ignoreFocusOut: true,
    validateInput: (value) => (/^[\w-]{8,}$/.test(value.trim()) ? undefined : vscode.l10n.t('A task id is a long string of letters, digits and dashes.')),
  }))?.trim();
  if (!taskId) return undefined;
  const target = outputFolderFor(undefined);
  if (!('folder' in target)) {
    void vscode.window.showErrorMessage('error' in target ? vscode.l10n.t('Nano Banana: {0}', target.error) : vscode.l10n.t('Nano Banana: open a folder to save the images into.'));
    return undefined;
  }
  const job: JobRecord = {
    id: randomUUID(),
    action: 'generate',
    prompt: vscode.l10n.t('Task {0}', taskId),
    options: initialOptions('generate', readSettings()),
    sourceImages: [],
    targetFolder: target.folder.toString(),
    taskId,
    stage: 'waiting',
    images: [],
    createdAt: Date.now(),
  };
  return { job, baseName: `task-${taskId.slice(0, 8).toLowerCase()}` };
}

function stageLabel(job: JobRecord): string {
  if (job.stage === 'cancelled') return vscode.l10n.t('cancelled, may be finished');
  if (job.stage === 'failed') return vscode.l10n.t('interrupted');
  return vscode.l10n.t('still running');
}
