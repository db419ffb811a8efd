import { formatBilledUsd } from '../../core/spend/pricing';
import { isActivePhase, type HistoryView, type JobView, type StudioStrings } from '../protocol';
import { button, clear, format, h } from './dom';

export interface GridActions {
  use(entryId: string): void;
  cancel(jobId: string): void;
  /** The history row of a finished variation (its image, once the host has recorded it). */
  entry(entryId: string): HistoryView | undefined;
}

/**
 * The variations sent together, as a grid that fills as they arrive: each cell its progress, then
 * the image, its seed and its cost, and Use this. A new group replaces the last one; the history keeps them all.
 */
export function createVariationGrid(s: StudioStrings, actions: GridActions) {
  let group: string | undefined;
  const cells = new Map<string, JobView>();
  const list = h('ul', { class: 'variation-grid', attrs: { 'aria-label': s.variationsTitle } });
  const element = h('section', { class: 'variations', attrs: { 'aria-labelledby': 'variations-title' } }, h('h2', { id: 'variations-title' }, s.variationsTitle), list);
  element.hidden = true;

  const phaseText = (job: JobView) => ({ submitting: s.phaseSubmitting, queued: s.phaseQueued, running: s.phaseRunning, downloading: s.phaseDownloading, done: s.phaseDone, failed: s.phaseFailed, cancelled: s.phaseCancelled })[job.phase];

  function cell(job: JobView): HTMLLIElement {
    const entry = job.entryId ? actions.entry(job.entryId) : undefined;
    const seed = job.seed !== undefined ? `${s.seed} ${job.seed}` : '';
    if (job.phase === 'done' && entry?.imageSrc) {
      const cost = entry.costUsd !== undefined ? `${s.cost} ${formatBilledUsd(entry.costUsd)}` : '';
      return h(
        'li',
        { class: 'cell done', attrs: { 'data-job': job.id, 'data-seed': String(job.seed ?? '') } },
        h('img', { class: 'cell-image', attrs: { src: entry.imageSrc, alt: format(s.preview, entry.prompt) } }),
        h('div', { class: 'meta' }, [seed, cost].filter(Boolean).join(' · ')),
        entry.kept ? button(s.useThis, () => actions.use(entry.id), { class: 'primary use-this', attrs: { 'aria-label': `${s.useThis}: ${seed}` } }) : h('div', { class: 'hint' }, entry.imagePath ?? ''),
      );
    }
    const percent = job.phase === 'running' && job.progress !== undefined ? Math.round(job.progress * 100) : undefined;
    return h(
      'li',
      { class: `cell ${job.phase}`, attrs: { 'data-job': job.id, 'data-seed': String(job.seed ?? '') } },
      h('div', { class: 'phase', attrs: { role: 'status' } }, percent !== undefined ? `${phaseText(job)} ${percent} %` : phaseText(job)),
      percent !== undefined && h('progress', { attrs: { max: '100', value: String(percent), 'aria-label': phaseText(job) } }),
      h('div', { class: 'meta' }, seed),
      isActivePhase(job.phase) && button(s.cancel, () => actions.cancel(job.id), { attrs: { 'aria-label': `${s.cancel}: ${seed}` } }),
      job.message !== undefined && h('div', { class: 'issue', attrs: { 'data-level': 'error' } }, job.message),
    );
  }

  function render(): void {
    clear(list);
    cells.forEach((job) => list.appendChild(cell(job)));
    element.hidden = cells.size === 0;
  }

  return {
    element,
    update(job: JobView): void {
      if (job.group === undefined) {
        return;
      }
      if (job.group !== group) {
        group = job.group;
        cells.clear();
      }
      cells.set(job.id, job);
      render();
    },
    /** The history changed: finished cells show their image and cost. */
    refresh: render,
  };
}
