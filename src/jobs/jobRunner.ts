// Runs jobs behind a cancellable progress notification that names their stage. Once the service has
// accepted a job it is persisted until its images are saved, so a failure, a cancellation or a closed
// window never loses an image that is being paid for: it can be resumed with its task id.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { ApiError, isCancellation } from '../api/errors';
import type { ImagesRequest } from '../api/schemas';
import type { ApiSession } from '../services/apiSession';
import type { Log } from '../services/log';
import { readSettings } from '../services/settings';
import { showError } from '../ui/showError';
import { fetchResults } from './fetchResults';
import type { JobAction, JobOptions, JobRecord } from '../model/job';
import type { JobStore } from './jobStore';
import type { MarkdownInsertion, PendingJob, PendingJobs, ReferencedFile } from './pendingJobs';

export interface JobSpec {
  action: JobAction;
  prompt: string;
  options: JobOptions;
  /** Data URIs of the edit's inputs, in order. */
  imageUrls?: string[];
  sourceImages: vscode.Uri[];
  targetFolder: vscode.Uri;
  baseName: string;
  insertion?: MarkdownInsertion;
  referencedFile?: ReferencedFile;
}

export interface JobRunnerDeps {
  store: JobStore;
  session: ApiSession;
  pending: PendingJobs;
  log: Log;
  /** Shows the results panel without taking focus, so a running job is visible there. */
  reveal(): void;
}

interface Work {
  signal: AbortSignal;
  report(message: string): void;
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
    const entry: PendingJob = { job, baseName: spec.baseName, insertion: spec.insertion, referencedFile: spec.referencedFile };
    const title = spec.action === 'edit' ? vscode.l10n.t('Nano Banana: editing image') : vscode.l10n.t('Nano Banana: generating image');
    return this.withProgress(title, entry, async ({ signal, report }) => {
      const settings = readSettings();
      const api = await this.deps.session.connect(token);
      this.deps.store.upsert(job);
      report(vscode.l10n.t('Submitting…'));
      const submitted = await api.client.submit(toRequest(spec, settings.callbackUrl), signal);
      job.taskId = submitted.taskId;
      job.traceId = submitted.traceId;
      await this.deps.pending.save(entry);
      await this.fetch(entry, token, { signal, report });
    });
  }

  /** Picks up a persisted job where it stopped: waiting, downloading or saving. */
  resume(entry: PendingJob, token: string): Promise<JobRecord | undefined> {
    const resumed: PendingJob = { ...entry, job: { ...structuredClone(entry.job), stage: 'waiting', error: undefined } };
    return this.withProgress(vscode.l10n.t('Nano Banana: fetching results'), resumed, (work) => this.fetch(resumed, token, work));
  }

  private async fetch(entry: PendingJob, token: string, { signal, report }: Work): Promise<void> {
    const api = await this.deps.session.connect(token);
    this.deps.reveal();
    await fetchResults(entry, {
      api,
      signal,
      report,
      log: this.deps.log,
      waitTimeoutMinutes: readSettings().waitTimeoutMinutes,
      update: (job) => {
        this.deps.store.upsert(job);
        void this.deps.pending.save(entry);
      },
    });
    await this.deps.pending.remove(entry.job.id);
  }

  private async withProgress(title: string, entry: PendingJob, work: (work: Work) => Promise<void>): Promise<JobRecord | undefined> {
    let failure: { error: unknown } | undefined;
    const job = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, cancellation) => {
        const controller = new AbortController();
        cancellation.onCancellationRequested(() => controller.abort());
        try {
          await work({ signal: controller.signal, report: (message) => progress.report({ message }) });
          return entry.job;
        } catch (error) {
          failure = { error };
          return undefined;
        }
      },
    );
    // Reported once the progress is gone, so a frozen "Waiting…" with a Cancel button that no longer
    // cancels anything never stands beside the error.
    if (failure) await this.fail(entry, failure.error);
    return job;
  }

  private async fail(entry: PendingJob, error: unknown): Promise<void> {
    const { job } = entry;
    // fetchResults marks the job failed only when the service itself reported the task as failed.
    const failedAtService = job.stage === 'failed';
    const cancelled = isCancellation(error);
    job.error = cancelled ? undefined : error instanceof Error ? error.message : String(error);
    job.finishedAt = Date.now();
    job.stage = cancelled ? 'cancelled' : 'failed';
    this.deps.store.upsert(job);
    if (error instanceof ApiError && job.taskId && !error.taskId) Object.assign(error, { taskId: job.taskId });

    const resumable = !!job.taskId && !failedAtService;
    if (resumable) await this.deps.pending.save(entry);
    else await this.deps.pending.remove(job.id);

    // Not awaited: the command is over; the message stays until the user answers it.
    if (!cancelled) {
      const hint = resumable ? vscode.l10n.t('The service may still deliver its images: run "Nano Banana: Check Pending Tasks" to fetch them.') : undefined;
      void showError(error, this.deps.log, { log: 'The job failed', shown: vscode.l10n.t('The job failed'), hint });
      return;
    }
    this.deps.log.info(`job cancelled${job.taskId ? ` while task ${job.taskId} was pending` : ' before submitting'}`);
    if (!job.taskId) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: cancelled before anything was sent.'));
      return;
    }
    const { taskId } = job;
    const copy = vscode.l10n.t('Copy Task Id');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Nano Banana: cancelled. The service may still finish task {0}; "Check Pending Tasks" can fetch its images later.', taskId), copy)
      .then((choice) => (choice === copy ? vscode.env.clipboard.writeText(taskId) : undefined));
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
