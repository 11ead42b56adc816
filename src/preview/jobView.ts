// What the webview gets to see of a job: display fields only, with image files already turned
// into webview URIs. Kept free of `vscode` (the URI conversion is passed in) so it can be unit-tested.
import { t } from '../core/l10n';
import { formatPixelSize } from '../core/pixelSize';
import { formatAmount, formatCredits } from '../core/price';
import { styleSummary } from '../core/style';
import type { JobCost, JobRecord, SavedImage } from '../model/job';
import { isRenderableMime, type ImageView, type JobView } from './protocol';

export interface JobViewContext {
  /**
   * Turns a saved file's `Uri.toString()` into a URI the webview may load (`Webview.asWebviewUri`);
   * undefined for a file outside the folders the panel may load from.
   */
  webviewSrc(fileUri: string): string | undefined;
  /** `Uri.toString()` of saved files that no longer exist. */
  missingFiles: ReadonlySet<string>;
}

export function toJobView(job: JobRecord, context: JobViewContext): JobView {
  return {
    id: job.id,
    action: job.action,
    prompt: job.prompt,
    model: job.options.model,
    // An exact size is what the user asked for; the ratio is only what was generated before the cut.
    aspectRatio: job.options.exactSize ? `${formatPixelSize(job.options.exactSize)} (${job.options.aspectRatio})` : job.options.aspectRatio,
    resolution: job.options.resolution,
    stage: job.stage,
    taskId: job.taskId,
    error: job.error,
    createdAt: job.createdAt,
    cost: job.cost && formatCost(job.cost),
    ...(job.style && { style: styleSummary(job.style.text, job.style.images ?? []) }),
    ...(job.kept !== undefined && { kept: job.kept }),
    images: job.images.map((image) => toImageView(image, context)),
  };
}

/** "2 credits", or "1.6 credits (list price 2)" when a discount applied; the service says `credit`. */
export function formatCost({ amount, listAmount, currency }: JobCost): string | undefined {
  const charged = amount ?? listAmount;
  if (charged === undefined) return undefined;
  const list = listAmount !== undefined && amount !== undefined && listAmount !== amount ? ` (${t('list price {0}', formatAmount(listAmount))})` : '';
  return `${currency ? formatCredits(charged, currency) : formatAmount(charged)}${list}`;
}

function toImageView(image: SavedImage, { webviewSrc, missingFiles }: JobViewContext): ImageView {
  const missing = missingFiles.has(image.uri);
  const shown = isRenderableMime(image.mime) && !missing;
  // The webview checks the mime too; not handing out a loadable URI makes sure it cannot slip.
  const src = shown ? webviewSrc(image.uri) : undefined;
  return {
    src,
    ...(missing ? { missing } : {}),
    ...(shown && src === undefined ? { outsideFolders: true } : {}),
    label: image.label,
    mime: image.mime,
    width: image.width,
    height: image.height,
  };
}
