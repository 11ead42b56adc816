// A job is one user request (generate or edit) followed from submit to the files on disk. The bottom of
// the house: plain data shared by the host, the webview and the pure helpers, persisted in workspace state.

export type JobAction = 'generate' | 'edit';

export type JobStage = 'submitting' | 'waiting' | 'downloading' | 'saving' | 'saved' | 'failed' | 'cancelled';

/** The stages a job ends in; only such jobs go into the workspace's history. */
export const FINISHED_STAGES = ['saved', 'failed', 'cancelled'] as const satisfies readonly JobStage[];
export type FinishedStage = (typeof FINISHED_STAGES)[number];

export function isFinished(stage: JobStage): stage is FinishedStage {
  return (FINISHED_STAGES as readonly JobStage[]).includes(stage);
}

export interface JobOptions {
  model: string;
  /** Absent on edit unless the user picked one: the service then keeps the input's ratio. */
  aspectRatio?: string;
  resolution: string;
  count: number;
  /** This run goes without the project style (nanoBanana.style, nanoBanana.styleImages). */
  noStyle?: boolean;
  /**
   * Each result is cover-cropped and resized to exactly this many pixels; `aspectRatio` and `resolution`
   * are then the nearest ratio and a resolution large enough, as sent to the service.
   */
  exactSize?: { width: number; height: number };
}

/** The project style a job was made with. */
export interface JobStyle {
  /** The text added to the prompt. */
  text?: string;
  /** Workspace-relative paths of the style images sent with it. */
  images?: string[];
}

export interface SavedImage {
  /** `vscode.Uri.toString()` of the saved file. */
  uri: string;
  /** Workspace-relative path (or the file name when outside any folder), for display. */
  label: string;
  mime: string;
  width?: number;
  height?: number;
  bytes: number;
}

/** What the service charged for a task, as its record reports it (credits, not dollars). */
export interface JobCost {
  amount?: number;
  /** The price before any discount. */
  listAmount?: number;
  currency?: string;
}

export interface JobRecord {
  /** Local id, unique per job, also before the service has given a task id. */
  id: string;
  action: JobAction;
  prompt: string;
  options: JobOptions;
  /** `vscode.Uri.toString()` of the source images of an edit. */
  sourceImages: string[];
  /** `vscode.Uri.toString()` of the folder the results go to. */
  targetFolder: string;
  taskId?: string;
  traceId?: string;
  stage: JobStage;
  images: SavedImage[];
  /** A sentence a user can act on, when stage is `failed`. */
  error?: string;
  /** What the user should know about images that were saved, e.g. a result upscaled to its exact size. */
  warnings?: string[];
  createdAt: number;
  finishedAt?: number;
  /** Present once the finished task's record reported one. */
  cost?: JobCost;
  style?: JobStyle;
  /** Where the job linked its images: Insert Link's document, or the document whose reference it filled. */
  linkedFrom?: JobLink;
  /** Index in `images` of the variation the user kept; the others were moved to the trash. */
  kept?: number;
}

export interface JobLink {
  /** `vscode.Uri.toString()` of the document. */
  document: string;
  /** 'inserted': a link per image at one place; 'reference': an existing reference names the first image. */
  kind: 'inserted' | 'reference';
}
