// Runs the jobs of many missing images as one batch: at most four at a time (all through the one shared
// poller), counted in one notification whose Cancel stops submitting more, while the jobs already
// submitted, which are paid for, finish and are saved. What happened goes into one result for the summary.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { optionsForReference, promptForReference } from '../core/missingImage';
import type { JobOutcome } from '../jobs/jobEngine';
import type { AppliedStyle } from '../jobs/projectStyle';
import { missingImageSpec, relinkSaved, type Relinked } from '../missingImages/generateMissing';
import type { MissingImage } from '../missingImages/missingReferences';
import { BatchJobPresenter } from '../presenters/batchPresenter';
import type { Settings } from '../services/settings';
import type { CommandDeps } from './commandDeps';

const MAX_RUNNING = 4;

export interface BatchItem {
  missing: MissingImage;
  /** Other documents that name the same file: their references follow it too when it is renamed. */
  alsoReferencedBy: vscode.Uri[];
}

export interface BatchResult {
  total: number;
  saved: number;
  relinked: Relinked[];
  /** Jobs that ended without images and without a task to fetch later: running them again is a new request. */
  failed: Array<{ item: BatchItem; message: string }>;
  /** Jobs the service accepted that ended unsaved: "Check Pending Tasks" fetches them without paying again. */
  keptAtService: number;
  /** Saved images that came with a warning (enlarged to their exact size, or not cut to it). */
  warned: number;
  notSubmitted: BatchItem[];
  /** Why submitting stopped before the end, when it did. */
  stoppedBecause?: string;
}

/** The options come from the settings; the style was checked once for the whole batch. */
export function runMissingBatch(deps: CommandDeps, items: BatchItem[], { settings, style }: { settings: Settings; style?: AppliedStyle }, token: string): Promise<BatchResult> {
  const result: BatchResult = { total: items.length, saved: 0, relinked: [], failed: [], keptAtService: 0, warned: 0, notSubmitted: [] };
  const presenter = new BatchJobPresenter();
  const title = vscode.l10n.t('Nano Banana: generating missing images');
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancellation) => {
    let next = 0;
    let finished = 0;
    const counted = () => vscode.l10n.t('{0} of {1}', finished, items.length);
    progress.report({ message: counted() });
    const listener = cancellation.onCancellationRequested(() => {
      result.stoppedBecause ??= vscode.l10n.t('Cancelled.');
      const running = next - finished;
      progress.report({ message: vscode.l10n.t('Cancelled: finishing the {0} already submitted…', running) });
      void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: no more images are submitted. {0} of {1} were submitted already: they are paid for, so they finish and are saved. {2} were not sent.', next, items.length, items.length - next));
    });
    const worker = async () => {
      while (result.stoppedBecause === undefined && next < items.length) {
        const item = items[next++];
        const { alt, path, width, height } = item.missing.reference;
        const spec = missingImageSpec(item.missing, promptForReference(alt, path) || 'image', optionsForReference(settings, undefined, width, height));
        await settle(deps, item, await deps.engine.run({ ...spec, style }, token, presenter), result);
        finished++;
        progress.report({ increment: 100 / items.length, message: result.stoppedBecause === undefined ? counted() : undefined });
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(MAX_RUNNING, items.length) }, worker));
    } finally {
      listener.dispose();
    }
    result.notSubmitted = items.slice(next);
    return result;
  }));
}

async function settle(deps: CommandDeps, item: BatchItem, outcome: JobOutcome, result: BatchResult): Promise<void> {
  if (outcome.status === 'saved') {
    result.saved++;
    if (outcome.job.warnings?.length) result.warned++;
    const fileName = posix.basename(item.missing.file.path);
    for (const document of [item.missing.document.uri, ...item.alsoReferencedBy]) {
      const relinked = await relinkSaved(outcome.job, { document: document.toString(), fileName }, deps.log);
      if (relinked) result.relinked.push(relinked);
    }
    return;
  }
  const accepted = !!outcome.job.taskId;
  if (outcome.status === 'interrupted' || (outcome.status === 'failed' && outcome.resumable) || (outcome.status === 'cancelled' && accepted)) {
    result.keptAtService++;
    return;
  }
  const error = outcome.status === 'failed' ? outcome.error : undefined;
  const message = error instanceof ApiError ? error.detailedMessage : error instanceof Error ? error.message : vscode.l10n.t('Cancelled.');
  result.failed.push({ item, message });
  // A token that is refused or a balance that is used up fails every job after it the same way.
  if (error instanceof ApiError && (error.action === 'setToken' || error.action === 'openBilling')) result.stoppedBecause ??= message;
}
