// Builds the preview from host state: the latest job large at the top, earlier jobs as smaller cards.
import type { JobStage } from '../jobs/job';
import { isRenderableMime, type ImageActionType, type ImageView, type JobView, type WebviewMessage } from '../preview/protocol';
import { button, h } from './dom';

export type Post = (message: WebviewMessage) => void;

const stageLabels: Record<JobStage, string> = {
  submitting: 'Submitting…',
  waiting: 'Waiting for the service…',
  downloading: 'Downloading…',
  saving: 'Saving…',
  saved: 'Saved',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const finishedStages: ReadonlySet<JobStage> = new Set(['saved', 'failed', 'cancelled']);

const imageButtons: ReadonlyArray<{ action: ImageActionType; label: string; primary?: boolean }> = [
  { action: 'open', label: 'Open' },
  { action: 'reveal', label: 'Reveal in Explorer' },
  { action: 'copyLink', label: 'Copy Markdown Link' },
  { action: 'insertLink', label: 'Insert into Markdown', primary: true },
  { action: 'editAgain', label: 'Edit Again' },
];

export function renderState(jobs: JobView[], post: Post): Node[] {
  if (jobs.length === 0) {
    return [h('p', { className: 'empty-state' }, 'No results yet. Run Nano Banana: Generate Image.')];
  }
  const [latest, ...earlier] = jobs;
  const nodes: Node[] = [renderJob(latest, 'job-latest', post)];
  if (earlier.length > 0) {
    nodes.push(
      h('h2', { className: 'earlier-heading' }, 'Earlier in this session'),
      h('div', { className: 'earlier-jobs' }, ...earlier.map((job) => renderJob(job, 'job-earlier', post))),
    );
  }
  return nodes;
}

function renderJob(job: JobView, variant: 'job-latest' | 'job-earlier', post: Post): HTMLElement {
  const running = !finishedStages.has(job.stage);
  return h(
    'section',
    { className: `job ${variant} stage-${job.stage}`, attributes: { 'data-job-id': job.id, 'aria-busy': String(running) } },
    h(
      'header',
      { className: 'job-header' },
      h('span', { className: 'job-action' }, job.action === 'edit' ? 'Edited' : 'Generated'),
      h('span', { className: `job-stage${running ? ' running' : ''}` }, stageLabels[job.stage]),
      h(
        'time',
        { className: 'job-time', attributes: { datetime: new Date(job.createdAt).toISOString() } },
        formatTime(job.createdAt),
      ),
    ),
    h('p', { className: 'job-prompt' }, job.prompt),
    renderMeta(job),
    job.error !== undefined && h('p', { className: 'job-error', attributes: { role: 'alert' } }, job.error),
    job.images.length > 0 &&
      h('div', { className: 'job-images' }, ...job.images.map((image, index) => renderImage(job, image, index, post))),
    // While the job runs, generating again would only start a duplicate.
    !running &&
      h(
        'div',
        { className: 'job-actions' },
        button('Generate Again', 'generateAgain', () => post({ type: 'generateAgain', jobId: job.id })),
      ),
  );
}

function renderMeta(job: JobView): HTMLElement {
  const entries: Array<[string, string | undefined]> = [
    ['Model', job.model],
    ['Aspect ratio', job.aspectRatio],
    ['Resolution', job.resolution],
    ['Task', job.taskId],
  ];
  const present = entries.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  return h(
    'dl',
    { className: 'job-meta' },
    ...present.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
  );
}

function renderImage(job: JobView, image: ImageView, imageIndex: number, post: Post): HTMLElement {
  // The host sends no src for such files already; checking again here keeps the rule in one obvious place.
  const src = isRenderableMime(image.mime) ? image.src : undefined;
  const actions = imageButtons.filter(({ action }) => src !== undefined || action !== 'editAgain');
  const size = image.width !== undefined && image.height !== undefined ? `${image.width}×${image.height}` : undefined;
  return h(
    'figure',
    { className: 'result', attributes: { 'data-image-index': String(imageIndex) } },
    src !== undefined ? resultImage(src, job.prompt) : h('p', { className: 'result-unsupported' }, unsupportedNote(image.mime)),
    h(
      'figcaption',
      {},
      h('span', { className: 'result-label', attributes: { title: image.label } }, image.label),
      size !== undefined && h('span', { className: 'result-size' }, size),
    ),
    h(
      'div',
      { className: 'result-actions' },
      ...actions.map(({ action, label, primary }) =>
        button(label, action, () => post({ type: action, jobId: job.id, imageIndex }), !primary),
      ),
    ),
  );
}

function resultImage(src: string, prompt: string): HTMLElement {
  const image = h('img', { className: 'result-image', attributes: { src, alt: prompt, title: prompt } });
  // The file can be moved or deleted after the job: say so instead of showing a broken image.
  const note = 'The file could not be loaded. It may have been moved or deleted.';
  image.addEventListener('error', () => image.replaceWith(h('p', { className: 'result-missing' }, note)), { once: true });
  return image;
}

function unsupportedNote(mime: string): string {
  return `This result is ${mime || 'of an unknown type'} and is not displayed here. Use Open to inspect it.`;
}

function formatTime(timestamp: number): string {
  return new Date(timestamp).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
