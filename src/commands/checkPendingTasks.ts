// Nano Banana: Check Pending Tasks — and the same recovery run automatically on activation: jobs the
// service accepted but whose images were never saved (closed window, lost network, cancelled, timed out).
// A job this window is running is listed as running; picking it follows its progress, never fetches it again.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { initialOptions } from '../core/options';
import type { PendingJob } from '../jobs/pendingJobs';
import type { JobRecord } from '../model/job';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { outputFolderFor } from '../services/outputFolder';
import { readSettings } from '../services/settings';

/** Jobs that were still running when the window went away are picked up without asking. */
export async function resumeInterruptedJobs(deps: FrontDoorDeps): Promise<void> {
  // 'saved' too: its images are on disk, but its completion (a link, a renamed reference) may not have run.
  const unfinished = ['submitting', 'waiting', 'downloading', 'saving', 'saved'];
  const interrupted = deps.pending.all().filter((entry) => unfinished.includes(entry.job.stage) && !deps.engine.isRunning(entry.job.id, entry.job.taskId));
  if (interrupted.length === 0) return;
  const token = await deps.tokens.get();
  if (!token) {
    deps.log.warn(`${interrupted.length} unfinished job(s) wait for a token; run "Check Pending Tasks" after setting one.`);
    return;
  }
  deps.log.info(`resuming ${interrupted.length} unfinished job(s)`);
  await Promise.all(interrupted.map((entry) => deps.runner.resume(entry, token)));
}

export async function checkPendingTasks(deps: FrontDoorDeps): Promise<void> {
  type Item = vscode.QuickPickItem & { entry?: PendingJob; lookup?: true };
  const items: Item[] = deps.pending.all().map((entry) => ({
    label: entry.job.prompt,
    description: `${stageLabel(deps, entry.job)} · ${vscode.l10n.t('task {0}', entry.job.taskId ?? '—')}`,
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
  if (entry) await deps.runner.resume(entry, token);
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
    options: initialOptions('generate', readSettings(target.folder)),
    sourceImages: [],
    targetFolder: target.folder.toString(),
    taskId,
    stage: 'waiting',
    images: [],
    createdAt: Date.now(),
  };
  return { job, baseName: `task-${taskId.slice(0, 8).toLowerCase()}` };
}

function stageLabel(deps: FrontDoorDeps, job: JobRecord): string {
  if (deps.engine.isRunning(job.id, job.taskId)) return vscode.l10n.t('running in this window');
  if (job.stage === 'cancelled') return vscode.l10n.t('cancelled, may be finished');
  if (job.stage === 'failed') return vscode.l10n.t('interrupted');
  return vscode.l10n.t('still running');
}
