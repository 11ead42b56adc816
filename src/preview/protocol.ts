// The one message protocol between the preview panel (extension host) and its webview script.
// Both sides import this file, so it must stay free of `vscode` and of DOM-only code.
import type { JobAction, JobStage } from '../model/job';

export interface ImageView {
  /** `asWebviewUri` of the file; absent when the file must not be shown as an image (see isRenderableMime) or is gone. */
  src?: string;
  /** The file was deleted or moved since the job saved it. */
  missing?: boolean;
  /** A raster image saved outside the folders the panel may load from (the workspace folders when it opened). */
  outsideFolders?: boolean;
  /** Workspace-relative path, for display. */
  label: string;
  mime: string;
  width?: number;
  height?: number;
}

export interface JobView {
  id: string;
  action: JobAction;
  prompt: string;
  model: string;
  aspectRatio?: string;
  resolution: string;
  stage: JobStage;
  taskId?: string;
  error?: string;
  createdAt: number;
  /** What the service charged, ready to show (e.g. "2 credit"); absent when it did not say. */
  cost?: string;
  /** The project style it was made with, in a few words; absent without one. */
  style?: string;
  /** Index in `images` of the variation the user kept (the others were discarded). */
  kept?: number;
  images: ImageView[];
}

/**
 * Everything, once per page load (the page is rebuilt whenever the panel was hidden). `latest` is this
 * session's newest job, shown large; `earlier` holds every other job, this session's and those of earlier
 * sessions from the workspace's history, newest first: the gallery.
 */
export interface StateMessage {
  type: 'state';
  latest?: JobView;
  earlier: JobView[];
  /** The display language's translations (`vscode.l10n.bundle`); absent in English. */
  l10n?: Record<string, string>;
  /** What this workspace spent this month, ready to show ("12 credits"); absent when no task reported a cost. */
  spent?: string;
}

/**
 * One job changed (a stage, a saved image, a file deleted since): only its view travels, so an update
 * costs the same with 5 or 500 jobs in the history. `latest` marks this session's newest job.
 */
export interface JobMessage {
  type: 'job';
  job: JobView;
  latest: boolean;
  /** As in StateMessage: a finished job may have added its cost. */
  spent?: string;
}

export type HostMessage = StateMessage | JobMessage;

export const imageActionTypes = ['open', 'reveal', 'copyLink', 'insertLink', 'editAgain', 'keep'] as const;
export type ImageActionType = (typeof imageActionTypes)[number];

export interface ImageActionMessage {
  type: ImageActionType;
  jobId: string;
  /** Index into the job's `images`; the host checks it against the store. */
  imageIndex: number;
}

export interface GenerateAgainMessage {
  type: 'generateAgain';
  jobId: string;
}

/** The script has loaded and listens: the host posts state only after this. */
export interface ReadyMessage {
  type: 'ready';
}

export type WebviewMessage = ReadyMessage | ImageActionMessage | GenerateAgainMessage;

/**
 * Only raster formats are rendered: an SVG result could carry markup, and anything else
 * is not something an `<img>` should be trusted with.
 */
const renderableMimes: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

export function isRenderableMime(mime: string): boolean {
  return renderableMimes.has(mime.toLowerCase());
}

/** Job ids are short local ids; anything longer is not one of ours. */
const MAX_JOB_ID_LENGTH = 200;

/**
 * The webview is a web page showing untrusted text, so the host validates every message before acting on it.
 * Returns a fresh object holding only the known fields, or undefined for anything malformed.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  const { type } = raw;

  if (type === 'ready') return { type };
  if (!isJobId(raw.jobId)) return undefined;
  if (type === 'generateAgain') return { type, jobId: raw.jobId };
  if (isImageActionType(type) && isIndex(raw.imageIndex)) return { type, jobId: raw.jobId, imageIndex: raw.imageIndex };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJobId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_JOB_ID_LENGTH;
}

function isImageActionType(type: string): type is ImageActionType {
  return (imageActionTypes as readonly string[]).includes(type);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
