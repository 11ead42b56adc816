// Runs one job from submit to files on disk, behind a cancellable progress notification that names
// its stage. A job the service accepted is never dropped silently: failures and cancellations name
// the task id so its images can still be fetched.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, isCancellation } from '../api/errors';
import type { ImagesRequest } from '../api/schemas';
import type { ApiConnection } from '../api/connection';
import type { ApiSession } from '../services/apiSession';
import type { Log } from '../services/log';
import { readSettings } from '../services/settings';
import { showError } from '../ui/showError';
import type { JobAction, JobOptions, JobRecord, SavedImage } from './job';
import type { JobStore } from './jobStore';
import { saveIntoFolder } from './saveToWorkspace';

export interface JobSpec {
  action: JobAction;
  prompt: string;
  options: JobOptions;
  /** Data URIs of the edit's inputs, in order. */
  imageUrls?: string[];
  sourceImages: vscode.Uri[];
  targetFolder: vscode.Uri;
  baseName: string;
}

export interface JobRunnerDeps {
  store: JobStore;
  session: ApiSession;
  log: Log;
}

export class JobRunner {
  constructor(private readonly deps: JobRunnerDeps) {}

  /** The finished record with its saved images, or undefined when it failed or was cancelled (already reported). */
  run(spec: JobSpec, token: string): Promise<JobRecord | undefined> {
    const job: JobRecord = {
      id: randomUUID(),
      action: spec.action,
      prompt: spec.prompt,
      options: spec.options,
      sourceImages: spec.sourceImages.map((uri) => uri.toString()),
      targetFolder: spec.targetFolder.toString(),
      stage: 'submitting',
      images: [],
      createdAt: Date.now(),
    };
    const title = spec.action === 'edit' ? 'Nano Banana: editing image' : 'Nano Banana: generating image';
    return Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, cancellation) => {
        const controller = new AbortController();
        cancellation.onCancellationRequested(() => controller.abort());
        const report = (message: string) => progress.report({ message });
        try {
          await this.execute(job, spec, await this.deps.session.connect(token), controller.signal, report);
          return job;
        } catch (error) {
          await this.fail(job, error);
          return undefined;
        }
      },
    ));
  }

  private async execute(job: JobRecord, spec: JobSpec, api: ApiConnection, signal: AbortSignal, report: (m: string) => void): Promise<void> {
    const { log, store } = this.deps;
    const settings = readSettings();
    this.update(job, 'submitting');
    report('Submitting…');
    const started = Date.now();
    const submitted = await api.client.submit(toRequest(spec, settings.callbackUrl), signal);
    job.taskId = submitted.taskId;
    job.traceId = submitted.traceId;
    this.update(job, 'waiting');

    const waitLimit = new AbortController();
    const limitTimer = setTimeout(() => waitLimit.abort(), settings.waitTimeoutMinutes * 60_000);
    const ticker = setInterval(() => report(waitingMessage(job, started)), 1000);
    report(waitingMessage(job, started));
    let finished;
    try {
      finished = await api.poller.wait(submitted.taskId, AbortSignal.any([signal, waitLimit.signal]));
    } catch (error) {
      if (waitLimit.signal.aborted && !signal.aborted) throw new ApiError({ code: 'wait_timeout', taskId: job.taskId, traceId: job.traceId });
      throw error;
    } finally {
      clearTimeout(limitTimer);
      clearInterval(ticker);
    }
    const { record, state } = finished;
    log.info(`task ${job.taskId} ${state.state} after ${((Date.now() - started) / 1000).toFixed(1)} s (service elapsed ${record.elapsed ?? '?'} s)`);
    if (state.state === 'failed') {
      throw new ApiError({ code: state.code, serverMessage: state.message, taskId: job.taskId, traceId: job.traceId ?? record.trace_id });
    }

    const scratch = await mkdtemp(join(tmpdir(), 'nano-banana-'));
    try {
      for (const [index, url] of state.imageUrls.entries()) {
        this.update(job, 'downloading');
        report(`Downloading image ${index + 1} of ${state.imageUrls.length}…`);
        const file = await api.download(url, { directory: scratch, baseName: `${index}`, signal, log: (m) => log.warn(m) });
        this.update(job, 'saving');
        report(`Saving image ${index + 1} of ${state.imageUrls.length}…`);
        const saved = await saveIntoFolder(file.path, spec.targetFolder, spec.baseName, file.type.extension);
        job.images.push(savedImage(saved, file));
        store.upsert(job);
        log.info(`task ${job.taskId}: saved ${saved.toString(true)} (${file.bytes} bytes, ${file.width ?? '?'}x${file.height ?? '?'})`);
      }
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    job.finishedAt = Date.now();
    this.update(job, 'saved');
  }

  private async fail(job: JobRecord, error: unknown): Promise<void> {
    const cancelled = isCancellation(error);
    job.error = cancelled ? undefined : error instanceof Error ? error.message : String(error);
    job.finishedAt = Date.now();
    this.update(job, cancelled ? 'cancelled' : 'failed');
    if (error instanceof ApiError && job.taskId && !error.taskId) Object.assign(error, { taskId: job.taskId });
    if (!cancelled) return showError(error, this.deps.log, 'The job failed');
    this.deps.log.info(`job cancelled${job.taskId ? ` while task ${job.taskId} was pending` : ' before submitting'}`);
    if (!job.taskId) {
      void vscode.window.showInformationMessage('Nano Banana: cancelled before anything was sent.');
      return;
    }
    const copy = 'Copy Task Id';
    const choice = await vscode.window.showInformationMessage(
      `Nano Banana: cancelled. The service may still finish task ${job.taskId}; its images were not saved.`,
      copy,
    );
    if (choice === copy) await vscode.env.clipboard.writeText(job.taskId);
  }

  private update(job: JobRecord, stage: JobRecord['stage']): void {
    job.stage = stage;
    this.deps.store.upsert(job);
  }
}

function toRequest(spec: JobSpec, callbackUrl: string): ImagesRequest {
  const common = {
    prompt: spec.prompt,
    model: spec.options.model,
    count: spec.options.count,
    resolution: spec.options.resolution as ImagesRequest['resolution'],
    ...(spec.options.aspectRatio ? { aspect_ratio: spec.options.aspectRatio as ImagesRequest['aspect_ratio'] } : {}),
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
  };
  return spec.action === 'edit'
    ? { action: 'edit', image_urls: spec.imageUrls ?? [], ...common }
    : { action: 'generate', ...common };
}

function waitingMessage(job: JobRecord, started: number): string {
  const seconds = Math.round((Date.now() - started) / 1000);
  return `Waiting for the image… ${seconds} s (task ${job.taskId?.slice(0, 8)})`;
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
