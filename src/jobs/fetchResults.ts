// The second half of a job, shared by a fresh run and a resumed one: wait for the task through the
// shared poller, then download and save each image as soon as it arrives.
import * as vscode from 'vscode';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiConnection } from '../api/connection';
import { ApiError } from '../api/errors';
import type { FinishedTask } from '../api/poller';
import type { TaskRecord } from '../api/schemas';
import type { ImageWorkers } from '../services/imageWorkers';
import type { Log } from '../services/log';
import { fileNameForType } from '../core/missingImage';
import type { JobCost, JobRecord, SavedImage } from '../model/job';
import type { PendingJob } from './pendingJobs';
import { cutToExactSize } from './cutToExactSize';
import { saveIntoFolder } from './saveToWorkspace';
import { provenanceOf, stampImageFile } from './stampProvenance';

export interface FetchContext {
  api: ApiConnection;
  signal: AbortSignal;
  report(message: string): void;
  /** Called at every stage change and saved image, so the panel and the persisted record follow. */
  update(job: JobRecord): void;
  log: Log;
  /** Cuts results to the job's exact size, when it has one. */
  images: ImageWorkers;
  waitTimeoutMinutes: number;
  /** The finished task's cost, how many images it delivered (none when it failed) and the request as the service kept it. */
  costReported(job: JobRecord, billedImages: number, request: unknown): Promise<void>;
}

export async function fetchResults(entry: PendingJob, context: FetchContext): Promise<void> {
  const { job } = entry;
  const { api, signal, report, update, log } = context;
  const taskId = job.taskId;
  if (!taskId) throw new Error('A job without a task id has nothing to fetch.');
  job.stage = 'waiting';
  update(job);

  const started = Date.now();
  const waitLimit = new AbortController();
  const limitTimer = setTimeout(() => waitLimit.abort(), context.waitTimeoutMinutes * 60_000);
  const waiting = () => vscode.l10n.t('Waiting for the image… {0} s (task {1})', Math.round((Date.now() - started) / 1000), taskId.slice(0, 8));
  const ticker = setInterval(() => report(waiting()), 1000);
  report(waiting());
  let finished: FinishedTask;
  try {
    finished = await api.poller.wait(taskId, AbortSignal.any([signal, waitLimit.signal]));
  } catch (error) {
    if (waitLimit.signal.aborted && !signal.aborted) throw new ApiError({ code: 'wait_timeout', taskId, traceId: job.traceId });
    throw error;
  } finally {
    clearTimeout(limitTimer);
    clearInterval(ticker);
  }

  const { record, state } = finished;
  job.traceId ??= record.trace_id;
  job.cost = costOf(record);
  await context.costReported(job, state.state === 'succeeded' ? state.imageUrls.length : 0, record.request);
  log.info(`task ${taskId} ${state.state} after ${((Date.now() - started) / 1000).toFixed(1)} s of waiting (service elapsed ${record.elapsed ?? '?'} s)`);
  if (state.state === 'failed') {
    job.stage = 'failed';
    throw new ApiError({ code: state.code, serverMessage: state.message, taskId, traceId: job.traceId });
  }

  const folder = vscode.Uri.parse(job.targetFolder, true);
  const scratch = await mkdtemp(join(tmpdir(), 'nano-banana-'));
  try {
    // A resumed job skips the images it had already saved before the interruption.
    for (let index = job.images.length; index < state.imageUrls.length; index++) {
      const total = state.imageUrls.length;
      job.stage = 'downloading';
      update(job);
      report(vscode.l10n.t('Downloading image {0} of {1}…', index + 1, total));
      const downloaded = await api.download(state.imageUrls[index], { directory: scratch, baseName: `${index}`, signal, log: (m) => log.warn(m) });
      job.stage = 'saving';
      const exact = job.options.exactSize;
      let sized = downloaded;
      if (exact) {
        report(vscode.l10n.t('Cutting image {0} of {1} to {2}×{3}…', index + 1, total, exact.width, exact.height));
        const cut = await cutToExactSize(downloaded, exact, context.images, signal);
        sized = cut.file;
        if (cut.warning) {
          job.warnings = [...(job.warnings ?? []), cut.warning];
          log.warn(`task ${taskId}: ${cut.warning}`);
        }
      }
      report(vscode.l10n.t('Saving image {0} of {1}…', index + 1, total));
      const file = { ...sized, bytes: (await stampOrKeep(sized.path, job, taskId, log)) ?? sized.bytes };
      const name = fileNameFor(entry, file.type.extension);
      const saved = await saveIntoFolder(file.path, folder, name.baseName, name.extension).catch((error: unknown) => {
        // The disk, not the service: say where, so the user can make room or fix the folder and fetch it again.
        throw new Error(vscode.l10n.t('The image could not be saved in {0}: {1}', vscode.workspace.asRelativePath(folder, false), (error as Error).message), { cause: error });
      });
      job.images.push(savedImage(saved, file));
      update(job);
      log.info(`task ${taskId}: saved ${saved.toString(true)} (${file.bytes} bytes, ${file.width ?? '?'}x${file.height ?? '?'})`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  job.finishedAt = Date.now();
  job.stage = 'saved';
  update(job);
}

/** The stamped size; undefined when nothing was written. The paid image is saved either way. */
async function stampOrKeep(path: string, job: JobRecord, taskId: string, log: Log): Promise<number | undefined> {
  try {
    return await stampImageFile(path, provenanceOf(job, taskId));
  } catch (error) {
    log.warn(`task ${taskId}: saving the image without its prompt record, which could not be written: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * A referenced or asked-for file keeps its name, with the extension of the type that really arrived (the
 * service decides between PNG and JPEG); `saveIntoFolder` adds `-2` only if that name is taken meanwhile.
 */
function fileNameFor(entry: PendingJob, extension: string): { baseName: string; extension: string } {
  const wanted = entry.referencedFile?.fileName ?? entry.fileName;
  if (!wanted) return { baseName: entry.baseName, extension };
  const name = fileNameForType(wanted, extension);
  const dot = name.lastIndexOf('.');
  return { baseName: name.slice(0, dot), extension: name.slice(dot + 1) };
}

/** Only what the record reports: a missing cost stays missing rather than becoming zero. */
function costOf(record: TaskRecord): JobCost | undefined {
  const cost = record.response?.cost;
  if (!cost) return undefined;
  const { amount, list_amount: listAmount, currency } = cost;
  if (amount === undefined && listAmount === undefined) return undefined;
  return { amount, listAmount, currency };
}

function savedImage(uri: vscode.Uri, file: { type: { mime: string }; bytes: number; width?: number; height?: number }): SavedImage {
  return {
    uri: uri.toString(),
    label: vscode.workspace.asRelativePath(uri, false),
    mime: file.type.mime,
    width: file.width,
    height: file.height,
    bytes: file.bytes,
  };
}
