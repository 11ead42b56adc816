// A job is one user request (generate or edit) followed from submit to the files on disk.
// Plain data, no `vscode` import: it is persisted in workspace state and sent to the preview webview.

export type JobAction = 'generate' | 'edit';

export type JobStage = 'submitting' | 'waiting' | 'downloading' | 'saving' | 'saved' | 'failed' | 'cancelled';

export interface JobOptions {
  model: string;
  /** Absent on edit unless the user picked one: the service then keeps the input's ratio. */
  aspectRatio?: string;
  resolution: string;
  count: number;
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
  createdAt: number;
  finishedAt?: number;
}
