// The panel's layout: this session's latest job large at the top, then the gallery of every earlier
// job (this session's and those kept in the workspace's history) with a search by prompt.
// The search box is created once and never replaced, so new state arriving while the user types
// neither steals its focus nor resets what was typed. After the first state only the job that changed is
// rendered again.
import { t } from '../core/l10n';
import { matchesPrompt } from '../core/promptSearch';
import type { JobMessage, JobView, StateMessage } from '../preview/protocol';
import { h } from './dom';
import { renderEmptyState, renderJob, type Post } from './render';

export interface GalleryOptions {
  /** The search restored from the webview's saved state (it is rebuilt whenever the panel is hidden). */
  initialQuery: string;
  onQueryChange(query: string): void;
}

export class PreviewLayout {
  private readonly spent = h('p', { className: 'spent' });
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
  private latest: JobView | undefined;
  /** The gallery's jobs by id with their cards, in the order they arrived; the list's own order is by time. */
  private readonly earlier = new Map<string, { view: JobView; card: HTMLElement }>();

  constructor(
    app: HTMLElement,
    private readonly post: Post,
    { initialQuery, onQueryChange }: GalleryOptions,
  ) {
    this.search.value = initialQuery;
    this.search.addEventListener('input', () => {
      onQueryChange(this.search.value);
      this.applySearch();
    });
    this.gallery.hidden = true;
    app.replaceChildren(this.spent, this.latestSlot, this.gallery);
  }

  /** Everything, as the host sends it once the page has loaded. */
  show(state: StateMessage): void {
    this.showSpent(state.spent);
    this.latest = state.latest;
    this.earlier.clear();
    const newestFirst = [...state.earlier].sort((a, b) => b.createdAt - a.createdAt);
    for (const view of newestFirst) this.earlier.set(view.id, { view, card: renderJob(view, 'job-earlier', this.post) });
    this.list.replaceChildren(...[...this.earlier.values()].map(({ card }) => card));
    this.renderLatest();
    this.applySearch();
  }

  /** One job changed: only its card is rendered again (or the latest one moves into the gallery). */
  update({ job, latest, spent }: JobMessage): void {
    this.showSpent(spent);
    if (latest) {
      if (this.latest && this.latest.id !== job.id) this.putEarlier(this.latest);
      this.removeEarlier(job.id);
      this.latest = job;
      this.renderLatest();
    } else {
      this.putEarlier(job);
    }
    this.applySearch();
  }

  private showSpent(spent: string | undefined): void {
    this.spent.textContent = spent === undefined ? '' : t('Spent in this workspace this month: {0}', spent);
    this.spent.hidden = spent === undefined;
  }

  private renderLatest(): void {
    if (this.latest) this.latestSlot.replaceChildren(renderJob(this.latest, 'job-latest', this.post));
    else this.latestSlot.replaceChildren(...(this.earlier.size === 0 ? [renderEmptyState()] : []));
  }

  private putEarlier(view: JobView): void {
    const card = renderJob(view, 'job-earlier', this.post);
    const existing = this.earlier.get(view.id);
    if (existing) {
      existing.card.replaceWith(card);
      this.earlier.set(view.id, { view, card });
      return;
    }
    this.list.insertBefore(card, this.firstOlderCard(view.createdAt));
    this.earlier.set(view.id, { view, card });
  }

  /**
   * Where a new card goes: before the first card, in the list's order, of an older job. Looked up in the
   * list, not the map: jobs from the history arrive first, so the map's order is not the time order.
   */
  private firstOlderCard(createdAt: number): Element | null {
    for (const card of Array.from(this.list.children)) {
      const other = this.earlier.get(card.getAttribute('data-job-id') ?? '');
      if (other && other.view.createdAt < createdAt) return card;
    }
    return null;
  }

  private removeEarlier(id: string): void {
    this.earlier.get(id)?.card.remove();
    this.earlier.delete(id);
  }

  /** Hides the cards whose prompt does not match, without building any again. */
  private applySearch(): void {
    this.gallery.hidden = this.earlier.size === 0;
    const query = this.search.value.trim();
    let shown = 0;
    for (const { view, card } of this.earlier.values()) {
      card.hidden = !matchesPrompt(view.prompt, query);
      if (!card.hidden) shown++;
    }
    this.summary.textContent = summaryText(query, shown, this.earlier.size);
    this.summary.hidden = this.summary.textContent === '';
  }
}

function summaryText(query: string, shown: number, total: number): string {
  if (query === '') return '';
  if (shown === 0) return t('No earlier result matches “{0}”.', query);
  return total === 1 ? t('{0} of {1} result matches “{2}”.', shown, total, query) : t('{0} of {1} results match “{2}”.', shown, total, query);
}
