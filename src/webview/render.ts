// Builds one job's card from host state: large for the latest job, smaller in the gallery of earlier ones.
import { isFinished, type JobStage } from '../model/job';
import { isRenderableMime, type ImageActionType, type ImageView, type JobView, type WebviewMessage } from '../preview/protocol';
import { t } from '../core/l10n';
import { button, h } from './dom';

export type Post = (message: WebviewMessage) => void;

// Functions rather than constants: the labels are translated once the host's bundle has arrived.
function stageLabel(stage: JobStage): string {
  const labels: Record<JobStage, string> = {
    submitting: t('Submitting…'),
    waiting: t('Waiting for the service…'),
    downloading: t('Downloading…'),
    saving: t('Saving…'),
    saved: t('Saved'),
    failed: t('Failed'),
    cancelled: t('Cancelled'),
  };
  return labels[stage];
}

function imageButtons(): ReadonlyArray<{ action: ImageActionType; label: string; primary?: boolean }> {
  return [
    { action: 'open', label: t('Open') },
    { action: 'reveal', label: t('Reveal in Explorer') },
    { action: 'copyLink', label: t('Copy Markdown Link') },
    { action: 'insertLink', label: t('Insert into Markdown'), primary: true },
    { action: 'editAgain', label: t('Edit Again') },
  ];
}

export type JobVariant = 'job-latest' | 'job-earlier';

export function renderEmptyState(): HTMLElement {
  return h('p', { className: 'empty-state' }, t('No results yet. Run Nano Banana: Generate Image.'));
}

export function renderJob(job: JobView, variant: JobVariant, post: Post): HTMLElement {
  const running = !isFinished(job.stage);
  return h(
    'section',
    { className: `job ${variant} stage-${job.stage}`, attributes: { 'data-job-id': job.id, 'aria-busy': String(running) } },
    h(
      'header',
      { className: 'job-header' },
      h('span', { className: 'job-action' }, job.action === 'edit' ? t('Edited') : t('Generated')),
      h('span', { className: `job-stage${running ? ' running' : ''}` }, stageLabel(job.stage)),
      h(
        'time',
        { className: 'job-time', attributes: { datetime: new Date(job.createdAt).toISOString() } },
        formatTime(job.createdAt),
      ),
    ),
    h('p', { className: 'job-prompt' }, job.prompt),
    renderMeta(job),
    job.error !== undefined && h('p', { className: 'job-error', attributes: { role: 'alert' } }, job.error),
    job.kept !== undefined && h('p', { className: 'job-kept' }, t('Kept variation {0} of {1}; the others were discarded.', job.kept + 1, job.images.length)),
    job.images.length > 0 && renderImages(job, variant, post),
    // While the job runs, generating again would only start a duplicate.
    !running &&
      h(
        'div',
        { className: 'job-actions' },
        button(t('Generate Again'), 'generateAgain', () => post({ type: 'generateAgain', jobId: job.id })),
      ),
  );
}

function renderMeta(job: JobView): HTMLElement {
  const entries: Array<[string, string | undefined]> = [
    [t('Model'), job.model],
    [t('Aspect ratio'), job.aspectRatio],
    [t('Resolution'), job.resolution],
    [t('Task'), job.taskId],
    [t('Cost'), job.cost],
    [t('Style'), job.style],
  ];
  const present = entries.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  return h(
    'dl',
    { className: 'job-meta' },
    ...present.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
  );
}

/**
 * The results; two or more are variations of one request, shown side by side at one size to compare, each
 * with "Keep this one" once the job is saved. Left and right arrows move between those buttons. Once one
 * is kept, only it is shown.
 */
function renderImages(job: JobView, variant: JobVariant, post: Post): HTMLElement {
  const count = job.images.length;
  if (job.kept !== undefined && job.images[job.kept]) {
    return h('div', { className: 'job-images' }, renderImage(job, job.images[job.kept], job.kept, variant, post));
  }
  if (count < 2) return h('div', { className: 'job-images' }, ...job.images.map((image, index) => renderImage(job, image, index, variant, post)));
  const keep = job.stage === 'saved';
  const group = h(
    'div',
    { className: `job-images variations variations-${count}`, attributes: { role: 'group', 'aria-label': t('{0} variations of this prompt', count) } },
    ...job.images.map((image, index) => renderImage(job, image, index, variant, post, keep ? { position: index + 1, count } : undefined)),
  );
  group.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const buttons = Array.from(group.querySelectorAll<HTMLButtonElement>('button[data-action="keep"]'));
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (step === 0 || at === -1) return;
    event.preventDefault();
    buttons[(at + step + buttons.length) % buttons.length].focus();
  });
  return group;
}

function renderImage(job: JobView, image: ImageView, imageIndex: number, variant: JobVariant, post: Post, variation?: { position: number; count: number }): HTMLElement {
  // The host sends no src for such files already; checking again here keeps the rule in one obvious place.
  const src = isRenderableMime(image.mime) && !image.missing ? image.src : undefined;
  // A file that is gone can be neither opened, revealed, linked nor edited.
  // While variations are compared, each offers only to be kept or opened large; the rest follows the choice.
  const editable = src !== undefined || image.outsideFolders === true;
  const actions = image.missing ? [] : imageButtons().filter(({ action }) => (editable || action !== 'editAgain') && (!variation || action === 'open'));
  const size = image.width !== undefined && image.height !== undefined ? `${image.width}×${image.height}` : undefined;
  const keep = variation && !image.missing ? keepButton(job, imageIndex, variation, post) : undefined;
  return h(
    'figure',
    { className: 'result', attributes: { 'data-image-index': String(imageIndex), ...(variation && { 'aria-label': t('Variation {0} of {1}', variation.position, variation.count) }) } },
    image.missing
      ? h('p', { className: 'result-missing' }, t('This file no longer exists. It was moved or deleted after the job saved it.'))
      : src !== undefined
        ? resultImage(src, job.prompt, variant)
        : image.outsideFolders
          ? h('p', { className: 'result-outside' }, t('This image was saved outside the workspace folders this panel was opened with, so it is not shown here. Use Open to see it.'))
          : h('p', { className: 'result-unsupported' }, unsupportedNote(image.mime)),
    h(
      'figcaption',
      {},
      h('span', { className: 'result-label', attributes: { title: image.label } }, image.label),
      size !== undefined && h('span', { className: 'result-size' }, size),
    ),
    (actions.length > 0 || keep) &&
      h(
        'div',
        { className: 'result-actions' },
        keep,
        ...actions.map(({ action, label, primary }) =>
          button(label, action, () => post({ type: action, jobId: job.id, imageIndex }), !primary),
        ),
      ),
  );
}

function keepButton(job: JobView, imageIndex: number, { position, count }: { position: number; count: number }, post: Post): HTMLButtonElement {
  const keep = button(t('Keep this one'), 'keep', () => post({ type: 'keep', jobId: job.id, imageIndex }), false);
  keep.setAttribute('aria-label', t('Keep variation {0} of {1}, discard the others', position, count));
  return keep;
}

function resultImage(src: string, prompt: string, variant: JobVariant): HTMLElement {
  // The gallery can hold hundreds of jobs: its images load only when scrolled near.
  const loading = variant === 'job-earlier' ? 'lazy' : 'eager';
  const image = h('img', { className: 'result-image', attributes: { src, alt: prompt, title: prompt, loading } });
  // The file can be moved or deleted while the panel shows it: say so instead of showing a broken image.
  const note = t('The file could not be loaded. It may have been moved or deleted.');
  image.addEventListener('error', () => image.replaceWith(h('p', { className: 'result-missing' }, note)), { once: true });
  return image;
}

function unsupportedNote(mime: string): string {
  return mime
    ? t('This result is {0} and is not displayed here. Use Open to inspect it.', mime)
    : t('This result is of an unknown type and is not displayed here. Use Open to inspect it.');
}

/** The time of day for today's jobs; the date too for those of earlier days (from the history). */
function formatTime(timestamp: number): string {
  const date = new Date(timestamp);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
