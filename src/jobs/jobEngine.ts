// Runs jobs from submit to saved files and their completion actions, for every front door alike (commands,
// the panel, language-model tools, the resume on activation). It is the one owner of a job's life: it
// knows which jobs run (so none is fetched or made twice), applies the project style, and once the images
// are saved runs what was stored with the job (insert the links, relink the reference), for a fresh job
// and a resumed one through the same code. Once the service has accepted a job it is persisted until its
// images are saved, so a failure, a cancellation or a closed window never loses an image being paid for.
// It shows nothing itself: a presenter shows the progress and the outcome.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { ApiConnection } from '../api/connection';
import { ApiError, isCancellation } from '../api/errors';
import type { ImagesRequest } from '../api/schemas';
import type { JobRecord } from '../model/job';
import type { ApiSession } from '../services/apiSession';
import type { ImageWorkers } from '../services/imageWorkers';
import type { Log } from '../services/log';
import { assertInsideWorkspace } from '../services/containment';
import type { PriceBook } from '../services/priceBook';
import { readSettings } from '../services/settings';
import { pricedOptions } from '../core/price';
import { styledPrompt } from '../core/style';
import { ActiveJob, ActiveJobs } from './activeJobs';
import { fetchResults } from './fetchResults';
import { cutIconSet } from './iconSetFiles';
import type { Completed, JobCompletions, JobOutcome, JobPresenter, JobProgress, JobSpec, UnsavedOutcome } from './jobSpec';
import type { JobStore } from './jobStore';
import type { PendingJob, PendingJobs } from './pendingJobs';
import { loadProjectStyle, type AppliedStyle } from './projectStyle';

export interface JobEngineDeps {
  store: JobStore;
  session: ApiSession;
  pending: PendingJobs;
  log: Log;
  prices: PriceBook;
  /** Cuts results to an exact size (the image worker). */
  images: ImageWorkers;
  completions: JobCompletions;
  /** Shows the results panel without taking focus, so a running job is visible there. */
  reveal(): void;
}

/** What one run has done so far that its outcome must not misreport. */
interface Attempt {
  submitSent: boolean;
  /** The signal the job ran with, once it started: aborted means cancelled, whatever step then threw. */
  signal?: AbortSignal;
}

export class JobEngine implements vscode.Disposable {
  /** Set while the extension is deactivated: whatever ends now ends because the window closes, not by choice. */
  private closing = false;
  private readonly active = new ActiveJobs();

  constructor(private readonly deps: JobEngineDeps) {}

  dispose(): void {
    this.closing = true;
  }

  /** The running job of this window that makes `file` under its asked-for name. */
  making(file: vscode.Uri): JobRecord | undefined {
    const active = this.active.making(file);
    return active && structuredClone(active.entry.job);
  }

  /** Whether the job with this id (or fetching this task) runs in this window now. */
  isRunning(jobId: string, taskId?: string): boolean {
    return !!this.active.find(jobId, taskId);
  }

  run(spec: JobSpec, token: string, presenter: JobPresenter): Promise<JobOutcome> {
    const entry = pendingEntryFor(spec);
    const { job } = entry;
    const named = spec.referencedFile?.fileName ?? spec.fileName;
    const busy = named ? this.active.making(vscode.Uri.joinPath(spec.targetFolder, named)) : undefined;
    if (busy) {
      this.deps.log.info(`not submitted: job ${busy.entry.job.id} is already making ${busy.namedFile}`);
      const outcome: JobOutcome = { status: 'busy', job: structuredClone(busy.entry.job) };
      presenter.ended?.(outcome);
      return Promise.resolve(outcome);
    }
    const title = spec.action === 'edit' ? vscode.l10n.t('Nano Banana: editing image') : vscode.l10n.t('Nano Banana: generating image');
    const attempt: Attempt = { submitSent: false };
    return this.own(entry, presenter, title, attempt, (progress) => this.deps.session.use(token, async (api) => {
      const { signal, report } = progress;
      const settings = readSettings(spec.targetFolder);
      this.deps.store.upsert(job);
      // Before anything is paid for: the results could not be saved through a link that leads out.
      await assertInsideWorkspace(spec.targetFolder);
      const style = await this.styleOf(spec);
      if (style) job.style = { text: style.text, images: style.images.map((image) => image.label) };
      const inputs = spec.inputs ? await spec.inputs(progress) : { urls: [], notes: [] };
      for (const note of inputs.notes) this.deps.log.info(`job ${job.id}: ${note}`);
      signal.throwIfAborted();
      report(inputs.notes.length > 0 ? vscode.l10n.t('Submitting, {0}…', inputs.notes.join('; ')) : vscode.l10n.t('Submitting…'));
      // From here on a cancellation cannot know whether the service received the request.
      attempt.submitSent = true;
      const submitted = await api.client.submit(toRequest(spec, style, inputs.urls, settings.callbackUrl), signal);
      job.taskId = submitted.taskId;
      job.traceId = submitted.traceId;
      await this.deps.pending.save(entry);
      await this.fetch(entry, api, progress);
    }));
  }

  /**
   * Picks up a persisted job where it stopped: waiting, downloading, saving or completing. A job this window
   * is already running (the same job, or the same task) is followed instead: never fetched twice.
   */
  resume(entry: PendingJob, token: string, presenter: JobPresenter): Promise<JobOutcome> {
    const running = this.active.find(entry.job.id, entry.job.taskId);
    if (running) return this.follow(running, presenter);
    const resumed: PendingJob = { ...structuredClone(entry), job: { ...structuredClone(entry.job), stage: 'waiting', error: undefined } };
    return this.own(resumed, presenter, vscode.l10n.t('Nano Banana: fetching results'), { submitSent: true }, (progress) =>
      this.deps.session.use(token, (api) => this.fetch(resumed, api, progress)),
    );
  }

  /** Shows a job another front door runs: its stage messages, and its outcome; Cancel cancels it. */
  private async follow(running: ActiveJob, presenter: JobPresenter): Promise<JobOutcome> {
    this.deps.log.info(`job ${running.entry.job.id} is already running in this window: following it, not fetching it again`);
    this.deps.reveal();
    await presenter
      .show(vscode.l10n.t('Nano Banana: fetching results'), async ({ signal, report }) => {
        const cancel = () => running.controller.abort();
        signal.addEventListener('abort', cancel);
        const unfollow = running.follow(report);
        try {
          await running.outcome;
        } finally {
          unfollow();
          signal.removeEventListener('abort', cancel);
        }
      })
      .catch(() => undefined);
    // The front door that started the job has told its outcome; this one only returns it.
    return running.outcome;
  }

  private async fetch(entry: PendingJob, api: ApiConnection, { signal, report }: JobProgress): Promise<void> {
    this.deps.reveal();
    await fetchResults(entry, {
      api,
      signal,
      report,
      log: this.deps.log,
      images: this.deps.images,
      waitTimeoutMinutes: readSettings(vscode.Uri.parse(entry.job.targetFolder, true)).waitTimeoutMinutes,
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
        this.deps.pending.save(entry).catch((error: unknown) => this.deps.log.error(`job ${job.id} could not be persisted`, error));
      },
    });
  }

  /** The completion actions stored with the job, once its images are saved. */
  private async complete(entry: PendingJob, report: (message: string) => void): Promise<Completed> {
    const { job } = entry;
    const completed: Completed = { relinked: [] };
    if (job.images.length === 0) return completed;
    if (entry.referencedFile) completed.relinked = await this.deps.completions.relink(job, entry.referencedFile);
    if (entry.insertion) completed.links = await this.deps.completions.insertLinks(job, entry.insertion);
    if (entry.iconSet) {
      report(vscode.l10n.t('Cutting the icon set…'));
      completed.icons = await cutIconSet(job, entry.iconSet, this.deps.images, this.deps.log);
    }
    return completed;
  }

  /** Registers the job as running from now until its outcome is told, and settles that outcome. */
  private own(entry: PendingJob, presenter: JobPresenter, title: string, attempt: Attempt, work: (progress: JobProgress) => Promise<void>): Promise<JobOutcome> {
    const running = new ActiveJob(entry);
    this.active.add(running);
    running.outcome = (async (): Promise<JobOutcome> => {
      let outcome: JobOutcome;
      try {
        const completed = await presenter.show(title, async (shown) => {
          const signal = AbortSignal.any([shown.signal, running.controller.signal]);
          attempt.signal = signal;
          const report = (message: string) => (shown.report(message), running.report(message));
          await work({ signal, report });
          return this.complete(entry, report);
        });
        await this.deps.pending.remove(entry.job.id);
        outcome = { status: 'saved', job: structuredClone(entry.job), completed };
      } catch (error) {
        outcome = await this.settleUnsaved(entry, error, attempt);
      } finally {
        this.active.remove(running);
      }
      presenter.ended?.(outcome);
      return outcome;
    })();
    return running.outcome;
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
    // Whatever step was running when Cancel was pressed (a download, a shrink, a cut) ends as cancelled.
    const cancelled = isCancellation(error) || !!attempt.signal?.aborted;
    job.error = cancelled ? undefined : error instanceof Error ? error.message : String(error);
    job.finishedAt = Date.now();
    job.stage = cancelled ? 'cancelled' : 'failed';
    this.deps.store.upsert(job);
    if (error instanceof ApiError && job.taskId && !error.taskId) Object.assign(error, { taskId: job.taskId });

    const resumable = !!job.taskId && !failedAtService;
    try {
      if (resumable) await this.deps.pending.save(entry);
      else await this.deps.pending.remove(job.id);
    } catch (stateError) {
      this.deps.log.error(`job ${job.id} could not be persisted`, stateError);
    }
    if (cancelled) {
      const unanswered = !job.taskId && attempt.submitSent;
      this.deps.log.info(`job cancelled${job.taskId ? ` while task ${job.taskId} was pending` : unanswered ? ' after its submit was sent, before the answer' : ' before submitting'}`);
      return { status: 'cancelled', job: structuredClone(job), unanswered };
    }
    this.deps.log.error('The job failed', error);
    return { status: 'failed', job: structuredClone(job), error, resumable, failedWhile };
  }

  /** The style the user confirmed, else the one of the target's workspace folder; throws InputImageError. */
  private async styleOf(spec: JobSpec): Promise<AppliedStyle | undefined> {
    if (spec.options.noStyle) return undefined;
    return spec.style ?? (await loadProjectStyle(spec.targetFolder));
  }
}

function pendingEntryFor(spec: JobSpec): PendingJob {
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
    ...linkOf(spec),
  };
  // The insertion is the live object Insert Link keeps following the document's edits: not a copy.
  return { job, baseName: spec.baseName, fileName: spec.fileName, insertion: spec.insertion, referencedFile: spec.referencedFile, iconSet: spec.iconSet };
}

/** Remembered with the job, so keeping one variation later can leave only its link. */
function linkOf({ insertion, referencedFile }: JobSpec): Pick<JobRecord, 'linkedFrom'> {
  if (insertion) return { linkedFrom: { document: insertion.document, kind: 'inserted' } };
  if (referencedFile) return { linkedFrom: { document: referencedFile.document, kind: 'reference' } };
  return {};
}

function toRequest(spec: JobSpec, style: AppliedStyle | undefined, inputs: string[], callbackUrl: string): ImagesRequest {
  const styleImages = style?.images.map((image) => image.dataUri) ?? [];
  const prompt = style ? styledPrompt(spec.prompt, { text: style.text, images: styleImages.length }, inputs.length) : spec.prompt;
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
