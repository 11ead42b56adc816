// A batch of missing images as the file and workspace commands and the agent's tool run it: one job per
// missing file (the settings of its document's folder, the ratio following the reference's size), run by
// the engine's one scheduler, and what happened summed up in one result for their summary.
import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { optionsForReference, promptForReference } from '../core/missingImage';
import type { BatchJob, BatchRun } from '../jobs/batchScheduler';
import type { JobOutcome, Relinked } from '../jobs/jobSpec';
import { loadProjectStyle, type AppliedStyle } from '../jobs/projectStyle';
import { readSettings } from '../services/settings';
import { missingImageSpec } from './generateMissing';
import type { MissingImage } from './missingReferences';

export interface MissingItem {
  missing: MissingImage;
  /** Other documents that name the same file: their references follow it too when it is renamed. */
  alsoReferencedBy: vscode.Uri[];
}

export interface MissingBatchResult {
  total: number;
  saved: number;
  relinked: Relinked[];
  /** Jobs that ended without images and without a task to fetch later: running them again is a new request. */
  failed: Array<{ item: MissingItem; message: string }>;
  /** Jobs the service accepted that ended unsaved: "Check Pending Tasks" fetches them without paying again. */
  keptAtService: number;
  /** Saved images that came with a warning (enlarged to their exact size, or not cut to it). */
  warned: number;
  /** Files another job of this window was making already: not submitted again. */
  busy: MissingItem[];
  notSubmitted: MissingItem[];
  /** Why submitting stopped before the end, when it did. */
  stoppedBecause?: string;
  /** The failure that stopped it, for the action that helps (Set API Token, Open Console). */
  stoppedBy?: unknown;
}

/** The jobs of `items`, each with the style of its document's workspace folder, checked and confirmed before. */
export function missingBatchJobs(items: MissingItem[], styles: MissingStyles): Array<BatchJob<MissingItem>> {
  return items.map((item) => {
    const { alt, path, width, height } = item.missing.reference;
    const options = optionsForReference(readSettings(item.missing.document.uri), undefined, width, height);
    const spec = missingImageSpec(item.missing, promptForReference(alt, path) || 'image', options, item.alsoReferencedBy);
    const style = styles.get(styleKey(item));
    return { spec: style ? { ...spec, style } : spec, item };
  });
}

/** The project style per workspace folder of the batch's documents. */
export type MissingStyles = Map<string, AppliedStyle | undefined>;

/** Reads each workspace folder's style once; throws InputImageError naming the setting when one cannot be sent. */
export async function loadMissingStyles(items: MissingItem[]): Promise<MissingStyles> {
  const styles: MissingStyles = new Map();
  for (const item of items) {
    const key = styleKey(item);
    if (!styles.has(key)) styles.set(key, await loadProjectStyle(item.missing.document.uri));
  }
  return styles;
}

function styleKey(item: MissingItem): string {
  return (vscode.workspace.getWorkspaceFolder(item.missing.document.uri)?.uri ?? item.missing.document.uri).toString();
}

export function missingBatchResult(run: BatchRun<MissingItem>): MissingBatchResult {
  const result: MissingBatchResult = {
    total: run.done.length + run.notSubmitted.length,
    saved: 0,
    relinked: [],
    failed: [],
    keptAtService: 0,
    warned: 0,
    busy: [],
    notSubmitted: run.notSubmitted,
  };
  for (const { item, outcome } of run.done) settle(item, outcome, result);
  const stopped = run.stoppedBecause;
  if (stopped && 'error' in stopped) Object.assign(result, { stoppedBecause: messageOf(stopped.error), stoppedBy: stopped.error });
  else if (stopped) result.stoppedBecause = vscode.l10n.t('Cancelled.');
  return result;
}

function settle(item: MissingItem, outcome: JobOutcome, result: MissingBatchResult): void {
  if (outcome.status === 'saved') {
    result.saved++;
    if (outcome.job.warnings?.length) result.warned++;
    result.relinked.push(...outcome.completed.relinked);
    return;
  }
  if (outcome.status === 'busy') {
    result.busy.push(item);
    return;
  }
  const accepted = !!outcome.job.taskId;
  if (outcome.status === 'interrupted' || (outcome.status === 'failed' && outcome.resumable) || (outcome.status === 'cancelled' && accepted)) {
    result.keptAtService++;
    return;
  }
  result.failed.push({ item, message: outcome.status === 'failed' ? messageOf(outcome.error) : vscode.l10n.t('Cancelled.') });
}

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.detailedMessage : error instanceof Error ? error.message : String(error);
}
