// What the webview gets to see of a job: display fields only, with image files already turned
// into webview URIs. Kept free of `vscode` (the URI conversion is passed in) so it can be unit-tested.
import type { JobRecord, SavedImage } from '../jobs/job';
import { isRenderableMime, type ImageView, type JobView } from './protocol';

/** Turns a saved file's `Uri.toString()` into a URI the webview may load (`Webview.asWebviewUri`). */
export type WebviewSrc = (fileUri: string) => string;

export function toJobView(job: JobRecord, webviewSrc: WebviewSrc): JobView {
  return {
    id: job.id,
    action: job.action,
    prompt: job.prompt,
    model: job.options.model,
    aspectRatio: job.options.aspectRatio,
    resolution: job.options.resolution,
    stage: job.stage,
    taskId: job.taskId,
    error: job.error,
    createdAt: job.createdAt,
    images: job.images.map((image) => toImageView(image, webviewSrc)),
  };
}

function toImageView(image: SavedImage, webviewSrc: WebviewSrc): ImageView {
  return {
    // The webview checks the mime too; not handing out a loadable URI makes sure it cannot slip.
    src: isRenderableMime(image.mime) ? webviewSrc(image.uri) : undefined,
    label: image.label,
    mime: image.mime,
    width: image.width,
    height: image.height,
  };
}
