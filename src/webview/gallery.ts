// The panel's layout: this session's latest job large at the top, then the gallery of every earlier
// job (this session's and those kept in the workspace's history) with a search by prompt.
// The search box is created once and never replaced, so new state arriving while the user types
// neither steals its focus nor resets what was typed.
import { t } from '../core/l10n';
import { matchesPrompt } from '../core/promptSearch';
import type { StateMessage } from '../preview/protocol';
import { h } from './dom';
import { renderEmptyState, renderJob, type Post } from './render';

export interface GalleryOptions {
  /** The search restored from the webview's saved state (it is rebuilt whenever the panel is hidden). */
  initialQuery: string;
  onQueryChange(query: string): void;
}

export class PreviewLayout {
  private readonly latestSlot = h('div', { className: 'latest' });
  private readonly search = h('input', {
    className: 'gallery-search',
    attributes: { type: 'search', placeholder: t('Search by prompt'), 'aria-label': t('Search earlier results by prompt'), spellcheck: 'false' },
  });
  private readonly summary = h('p', { className: 'gallery-summary', attributes: { 'aria-live': 'polite' } });
  private readonly list = h('div', { className: 'earlier-jobs' });
  private readonly gallery = h(
    'section',
    { className: 'gallery', attributes: { 'aria-label': t('Earlier results') } },
    h('div', { className: 'gallery-header' }, h('h2', { className: 'earlier-heading' }, t('Earlier results')), this.search),
    this.summary,
    this.list,
  );
  private state: StateMessage = { type: 'state', earlier: [] };

  constructor(
    app: HTMLElement,
    private readonly post: Post,
    { initialQuery, onQueryChange }: GalleryOptions,
  ) {
    this.search.value = initialQuery;
    this.search.addEventListener('input', () => {
      onQueryChange(this.search.value);
      this.renderGallery();
    });
    this.gallery.hidden = true;
    app.replaceChildren(this.latestSlot, this.gallery);
  }

  show(state: StateMessage): void {
    this.state = state;
    const { latest, earlier } = state;
    if (latest) this.latestSlot.replaceChildren(renderJob(latest, 'job-latest', this.post));
    else this.latestSlot.replaceChildren(...(earlier.length === 0 ? [renderEmptyState()] : []));
    this.renderGallery();
  }

  private renderGallery(): void {
    const { earlier } = this.state;
    this.gallery.hidden = earlier.length === 0;
    const query = this.search.value.trim();
    const shown = earlier.filter((job) => matchesPrompt(job.prompt, query));
    this.list.replaceChildren(...shown.map((job) => renderJob(job, 'job-earlier', this.post)));
    this.summary.textContent = summaryText(query, shown.length, earlier.length);
    this.summary.hidden = this.summary.textContent === '';
  }
}

function summaryText(query: string, shown: number, total: number): string {
  if (query === '') return '';
  if (shown === 0) return t('No earlier result matches “{0}”.', query);
  return total === 1 ? t('{0} of {1} result matches “{2}”.', shown, total, query) : t('{0} of {1} results match “{2}”.', shown, total, query);
}
