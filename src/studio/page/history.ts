import { matchesQuery, totalCost } from '../historyQuery';
import { formatBilledUsd } from '../../core/spend/pricing';
import type { HistoryView, StudioStrings } from '../protocol';
import { button, clear, format, h } from './dom';

export interface HistoryActions {
  select(entry: HistoryView): void;
  reuse(entry: HistoryView): void;
  resume(entry: HistoryView): void;
  /** A kept variation: saved into the workspace and linked at the target. */
  use(entry: HistoryView): void;
}

export function sizeOf(entry: HistoryView): string {
  return entry.width && entry.height ? `${entry.width} × ${entry.height}` : '';
}

/** The searchable list of every generation of the workspace, with its total cost. */
export function createHistory(s: StudioStrings, actions: HistoryActions, initialQuery: string, onQuery: (query: string) => void) {
  let entries: HistoryView[] = [];
  const search = h('input', { id: 'history-search', attrs: { type: 'search', 'aria-label': s.search, placeholder: s.search } });
  search.value = initialQuery;
  const total = h('p', { class: 'total', attrs: { 'aria-live': 'polite' } });
  const list = h('ul', { class: 'history-list', attrs: { 'aria-label': s.history } });
  const element = h('section', { class: 'history', attrs: { 'aria-labelledby': 'history-title' } }, h('h2', { id: 'history-title' }, s.history), h('div', { class: 'row spread' }, search, total), list);

  const statusText = (entry: HistoryView) => ({ completed: s.statusCompleted, failed: s.statusFailed, pending: s.statusPending })[entry.status];

  function row(entry: HistoryView): HTMLLIElement {
    const thumb = entry.imageSrc ? h('img', { class: 'thumb', attrs: { src: entry.imageSrc, alt: '' } }) : h('div', { class: 'thumb empty', attrs: { 'aria-hidden': 'true' } });
    const meta = [sizeOf(entry), entry.seed !== undefined && `${s.seed} ${entry.seed}`, entry.costUsd !== undefined && `${s.cost} ${formatBilledUsd(entry.costUsd)}`, new Date(entry.createdAt).toLocaleString(), entry.taskId && `${s.taskId} ${entry.taskId}`]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join(' · ');
    return h(
      'li',
      { class: `entry ${entry.status}`, attrs: { 'data-entry': entry.id } },
      thumb,
      h(
        'div',
        { class: 'entry-body' },
        h('div', { class: 'entry-prompt' }, entry.prompt),
        h('div', { class: 'meta' }, h('span', { class: `badge ${entry.status}` }, statusText(entry)), ' ', meta),
        entry.message !== undefined && h('div', { class: 'issue', attrs: { 'data-level': 'error' } }, entry.code ? `${entry.message} (${entry.code})` : entry.message),
        h(
          'div',
          { class: 'row actions' },
          entry.status === 'completed' && button(s.show, () => actions.select(entry), { attrs: { 'aria-label': `${s.show}: ${entry.prompt}` } }),
          entry.kept && button(s.useThis, () => actions.use(entry), { attrs: { 'aria-label': `${s.useThis}: ${entry.prompt}`, title: s.kept } }),
          button(s.reuse, () => actions.reuse(entry), { attrs: { 'aria-label': `${s.reuse}: ${entry.prompt}` } }),
          entry.resumable && entry.taskId !== undefined && button(s.resume, () => actions.resume(entry), { attrs: { 'aria-label': `${s.resume}: ${entry.prompt}` } }),
        ),
      ),
    );
  }

  function render(): void {
    const shown = entries.filter((entry) => matchesQuery(entry, search.value));
    total.textContent = format(s.totalCost, formatBilledUsd(totalCost(shown)));
    clear(list);
    if (shown.length === 0) {
      list.appendChild(h('li', { class: 'empty' }, s.emptyHistory));
    }
    for (const entry of shown) {
      list.appendChild(row(entry));
    }
  }

  search.addEventListener('input', () => {
    onQuery(search.value);
    render();
  });

  return {
    element,
    set(next: HistoryView[]): void {
      entries = next;
      render();
    },
    find: (id: string) => entries.find((entry) => entry.id === id),
  };
}
