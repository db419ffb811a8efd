import { isActivePhase, type JobView, type StudioStrings } from '../protocol';
import { button, clear, format, h } from './dom';

/** Generations in flight: phase, elapsed time (ticking while any runs) and Cancel. */
export function createRuns(s: StudioStrings, onCancel: (jobId: string) => void) {
  const jobs = new Map<string, JobView>();
  const list = h('ul', { class: 'runs-list', attrs: { 'aria-label': s.runs } });
  const element = h('section', { class: 'runs', attrs: { 'aria-labelledby': 'runs-title' } }, h('h2', { id: 'runs-title' }, s.runs), list);
  element.hidden = true;
  let ticker: number | undefined;

  const phaseText = (job: JobView) =>
    ({
      submitting: s.phaseSubmitting,
      queued: s.phaseQueued,
      running: s.phaseRunning,
      downloading: s.phaseDownloading,
      done: s.phaseDone,
      failed: s.phaseFailed,
      cancelled: s.phaseCancelled,
    })[job.phase];

  function render(): void {
    clear(list);
    for (const job of jobs.values()) {
      const seconds = Math.max(0, Math.round((Date.now() - job.startedAt) / 1000));
      const active = isActivePhase(job.phase);
      list.appendChild(
        h(
          'li',
          { class: `run ${job.phase}`, attrs: { 'data-job': job.id } },
          h('span', { class: 'run-prompt' }, job.prompt),
          h('span', { class: 'meta' }, `${job.width} × ${job.height}`),
          h('span', { class: 'phase', attrs: { role: 'status' } }, job.phase === 'running' && job.progress !== undefined ? `${phaseText(job)} ${Math.round(job.progress * 100)} %` : phaseText(job)),
          job.phase === 'running' && job.progress !== undefined && h('progress', { class: 'run-progress', attrs: { max: '100', value: String(Math.round(job.progress * 100)), 'aria-label': phaseText(job) } }),
          active && h('span', { class: 'elapsed' }, format(s.elapsed, seconds)),
          active && button(s.cancel, () => onCancel(job.id), { attrs: { 'aria-label': `${s.cancel}: ${job.prompt}` } }),
          job.message !== undefined && job.phase === 'failed' && h('div', { class: 'issue', attrs: { 'data-level': 'error' } }, job.message),
        ),
      );
    }
    element.hidden = jobs.size === 0;
    const running = [...jobs.values()].some((job) => isActivePhase(job.phase));
    if (running && ticker === undefined) {
      ticker = window.setInterval(render, 1000);
    } else if (!running && ticker !== undefined) {
      window.clearInterval(ticker);
      ticker = undefined;
    }
  }

  return {
    element,
    update(job: JobView): void {
      jobs.set(job.id, job);
      // Finished runs stay listed (with their outcome) until the next one finishes.
      for (const [id, other] of jobs) {
        if (id !== job.id && (other.phase === 'done' || other.phase === 'cancelled')) {
          jobs.delete(id);
        }
      }
      render();
    },
  };
}
