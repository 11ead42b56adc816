// Runs jobs from submit to saved files, for every front door alike (commands, the panel, language-model
// tools). Once the service has accepted a job it is persisted until its images are saved, so a failure, a
// cancellation or a closed window never loses an image that is being paid for: it can be resumed with its
// task id. It shows nothing itself: a presenter shows the progress, and the outcome goes back to the caller.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { ApiConnection } from '../api/connection';
import { ApiError, isCancellation } from '../api/errors';
import type { ImagesRequest } from '../api/schemas';
import type { JobAction, JobOptions, JobRecord, JobStage } from '../model/job';
import type { ApiSession } from '../services/apiSession';
import type { ImageWorkers } from '../services/imageWorkers';
import type { Log } from '../services/log';
import type { PriceBook } from '../services/priceBook';
import { readSettings } from '../services/settings';
import { pricedOptions } from '../core/price';
import { styledPrompt } from '../core/style';
import { fetchResults } from './fetchResults';
import type { JobStore } from './jobStore';
import type { MarkdownInsertion, PendingJob, PendingJobs, ReferencedFile } from './pendingJobs';
import type { PreparedInputs } from './inputImages';
import type { AppliedStyle } from './projectStyle';

export interface JobSpec {
  action: JobAction;
  prompt: string;
  options: JobOptions;
  /** Reads the edit's inputs (making smaller copies where needed) once the job shows its progress. */
  inputs?: (progress: JobProgress) => Promise<PreparedInputs>;
  sourceImages: vscode.Uri[];
  targetFolder: vscode.Uri;
  baseName: string;
  /** A file name asked for in the target folder; its extension follows the bytes that arrive. */
  fileName?: string;
  insertion?: MarkdownInsertion;
  referencedFile?: ReferencedFile;
  /** The project style, checked and read (see withProjectStyle); sent with the prompt and the edit's images. */
  style?: AppliedStyle;
}

/** What a presenter hands the running job: the signal that cancels it, and where its stage messages go. */
export interface JobProgress {
  signal: AbortSignal;
  report(message: string): void;
}

/** How one front door shows a running job and the end of one that saved nothing. */
export interface JobPresenter {
  /** Shows the job while `work` runs; resolves or rejects as `work` does. */
  show<T>(title: string, work: (progress: JobProgress) => Promise<T>): Promise<T>;
  /** Called once the job ended without its images, after `show` has settled. */
  ended?(outcome: UnsavedOutcome): void;
}

export type UnsavedOutcome =
  | {
      status: 'failed';
      job: JobRecord;
      error: unknown;
      /** The service accepted the task and did not report it failed: Check Pending Tasks can still fetch it. */
      resumable: boolean;
      /** The stage the job was in when it failed ('saving': the image arrived but could not be written). */
      failedWhile: JobStage;
    }
  | {
      status: 'cancelled';
      job: JobRecord;
      /** The submit was sent but its answer never came: the service may have accepted, and bill, a task whose id is unknown. */
      unanswered: boolean;
    }
  | {
      /** The window closed while the job ran: it stays pending and resumes when the workspace opens again. */
      status: 'interrupted';
      job: JobRecord;
    };

export type JobOutcome = { status: 'saved'; job: JobRecord } | UnsavedOutcome;

export interface JobEngineDeps {
  store: JobStore;
  session: ApiSession;
  pending: PendingJobs;
  log: Log;
  prices: PriceBook;
  /** Cuts results to an exact size (the image worker). */
  images: ImageWorkers;
  /** Shows the results panel without taking focus, so a running job is visible there. */
  reveal(): void;
}

/** What one run has done so far that its outcome must not misreport. */
interface Attempt {
  submitSent: boolean;
}

export class JobEngine implements vscode.Disposable {
  /** Set while the extension is deactivated: whatever ends now ends because the window closes, not by choice. */
  private closing = false;

  constructor(private readonly deps: JobEngineDeps) {}

  dispose(): void {
    this.closing = true;
  }

  run(spec: JobSpec, token: string, presenter: JobPresenter): Promise<JobOutcome> {
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
      ...(spec.style && { style: { text: spec.style.text, images: spec.style.images.map((image) => image.label) } }),
      ...linkOf(spec),
    };
    const entry: PendingJob = { job, baseName: spec.baseName, fileName: spec.fileName, insertion: spec.insertion, referencedFile: spec.referencedFile };
    const title = spec.action === 'edit' ? vscode.l10n.t('Nano Banana: editing image') : vscode.l10n.t('Nano Banana: generating image');
    const attempt: Attempt = { submitSent: false };
    return this.present(presenter, title, entry, attempt, ({ signal, report }) => this.deps.session.use(token, async (api) => {
      const settings = readSettings();
      this.deps.store.upsert(job);
      const inputs = spec.inputs ? await spec.inputs({ signal, report }) : { urls: [], notes: [] };
      for (const note of inputs.notes) this.deps.log.info(`job ${job.id}: ${note}`);
      report(inputs.notes.length > 0 ? vscode.l10n.t('Submitting, {0}…', inputs.notes.join('; ')) : vscode.l10n.t('Submitting…'));
      // From here on a cancellation cannot know whether the service received the request.
      attempt.submitSent = !signal.aborted;
      const submitted = await api.client.submit(toRequest(spec, inputs.urls, settings.callbackUrl), signal);
      job.taskId = submitted.taskId;
      job.traceId = submitted.traceId;
      await this.deps.pending.save(entry);
      await this.fetch(entry, api, { signal, report });
    }));
  }

  /** Picks up a persisted job where it stopped: waiting, downloading or saving. */
  resume(entry: PendingJob, token: string, presenter: JobPresenter): Promise<JobOutcome> {
    const resumed: PendingJob = { ...entry, job: { ...structuredClone(entry.job), stage: 'waiting', error: undefined } };
    return this.present(presenter, vscode.l10n.t('Nano Banana: fetching results'), resumed, { submitSent: true }, (progress) =>
      this.deps.session.use(token, (api) => this.fetch(resumed, api, progress)),
    );
  }

  private async fetch(entry: PendingJob, api: ApiConnection, { signal, report }: JobProgress): Promise<void> {
    this.deps.reveal();
    await fetchResults(entry, {
      api,
      signal,
      report,
      log: this.deps.log,
      images: this.deps.images,
      waitTimeoutMinutes: readSettings().waitTimeoutMinutes,
      costReported: async (job, billedImages, request) => {
        if (!job.taskId) return;
        // A task id typed into Check Pending Tasks has the settings' options; its record knows the real ones.
        const { model, resolution } = { ...job.options, ...pricedOptions(request) };
        await this.deps.prices.record({ taskId: job.taskId, model, resolution, cost: job.cost, images: billedImages }).catch((error: unknown) => {
          this.deps.log.warn(`the cost of task ${job.taskId} could not be remembered: ${String(error)}`);
        });
      },
      update: (job) => {
        this.deps.store.upsert(job);
        void this.deps.pending.save(entry);
      },
    });
    await this.deps.pending.remove(entry.job.id);
  }

  private async present(presenter: JobPresenter, title: string, entry: PendingJob, attempt: Attempt, work: (progress: JobProgress) => Promise<void>): Promise<JobOutcome> {
    try {
      await presenter.show(title, work);
      return { status: 'saved', job: structuredClone(entry.job) };
    } catch (error) {
      const outcome = await this.settleUnsaved(entry, error, attempt);
      presenter.ended?.(outcome);
      return outcome;
    }
  }

  /** Records how the job ended and keeps it pending when the service may still deliver its images. */
  private async settleUnsaved(entry: PendingJob, error: unknown, attempt: Attempt): Promise<UnsavedOutcome> {
    const { job } = entry;
    if (this.closing || (error instanceof ApiError && error.code === 'closed')) {
      // Neither cancelled nor failed: its pending record keeps the stage it had, so the next window resumes it.
      this.deps.log.info(`the window is closing: job ${job.id}${job.taskId ? ` (task ${job.taskId})` : ''} stays pending`);
      return { status: 'interrupted', job: structuredClone(job) };
    }
    // fetchResults marks the job failed only when the service itself reported the task as failed.
    const failedAtService = job.stage === 'failed';
    const failedWhile = job.stage;
    const cancelled = isCancellation(error);
    job.error = cancelled ? undefined : error instanceof Error ? error.message : String(error);
    job.finishedAt = Date.now();
    job.stage = cancelled ? 'cancelled' : 'failed';
    this.deps.store.upsert(job);
    if (error instanceof ApiError && job.taskId && !error.taskId) Object.assign(error, { taskId: job.taskId });

    const resumable = !!job.taskId && !failedAtService;
    if (resumable) await this.deps.pending.save(entry);
    else await this.deps.pending.remove(job.id);
    if (cancelled) {
      const unanswered = !job.taskId && attempt.submitSent;
      this.deps.log.info(`job cancelled${job.taskId ? ` while task ${job.taskId} was pending` : unanswered ? ' after its submit was sent, before the answer' : ' before submitting'}`);
      return { status: 'cancelled', job: structuredClone(job), unanswered };
    }
    this.deps.log.error('The job failed', error);
    return { status: 'failed', job: structuredClone(job), error, resumable, failedWhile };
  }
}

/** Remembered with the job, so keeping one variation later can leave only its link. */
function linkOf({ insertion, referencedFile }: JobSpec): Pick<JobRecord, 'linkedFrom'> {
  if (insertion) return { linkedFrom: { document: insertion.document, kind: 'inserted' } };
  if (referencedFile) return { linkedFrom: { document: referencedFile.document, kind: 'reference' } };
  return {};
}

function toRequest(spec: JobSpec, inputs: string[], callbackUrl: string): ImagesRequest {
  const styleImages = spec.style?.images.map((image) => image.dataUri) ?? [];
  const prompt = spec.style ? styledPrompt(spec.prompt, { text: spec.style.text, images: styleImages.length }, inputs.length) : spec.prompt;
  const common = {
    prompt,
    model: spec.options.model,
    count: spec.options.count,
    resolution: spec.options.resolution as ImagesRequest['resolution'],
    ...(spec.options.aspectRatio ? { aspect_ratio: spec.options.aspectRatio as ImagesRequest['aspect_ratio'] } : {}),
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
  };
  // Style images make a generation an edit: the service takes reference images only with one.
  return spec.action === 'edit' || styleImages.length > 0
    ? { action: 'edit', image_urls: [...inputs, ...styleImages], ...common }
    : { action: 'generate', ...common };
}
