import { english } from '../../core/base/messages';
import type { HistoryView, ToWebview } from '../protocol';
import type { OutputChoice } from '../../core/output/outputChoice';
import { createCompose } from './compose';
import { createOutputControls } from './outputControls';
import { format, h } from './dom';
import { createHistory } from './history';
import { createResult } from './result';
import { createRuns } from './runs';
import { createVariationGrid } from './variationGrid';
import { saveState, vscode } from './vscodeApi';
import { anotherSize } from '../../core/spec/sizeChoices';

/** The Image Studio front-end: waits for the host's init (after the ready handshake), then draws. */
type Init = Extract<ToWebview, { type: 'init' }>;

const root = document.getElementById('studio') as HTMLElement;
let app: ReturnType<typeof start> | undefined;
/** Messages that arrive before init are kept and replayed. */
const early: ToWebview[] = [];

function start(init: Init) {
  const s = init.strings;
  const t = (message: string, ...args: Array<string | number | boolean>) => english(init.coreMessages[message] ?? message, ...args);
  const saved = vscode.getState() ?? {};
  let selectAfterHistory: string | undefined;
  /** Bound to a directive (Try Variations…): its place shows instead of the insert target. */
  let boundTo: string | undefined;
  let editorName: string | undefined;
  const showTarget = () => compose.setTarget(boundTo ? format(s.boundTo, boundTo) : editorName, boundTo !== undefined);

  const notice = h('div', { class: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  const sizeAfter = (entry: HistoryView) => (entry.width !== undefined && entry.height !== undefined ? anotherSize({ width: entry.width, height: entry.height }) : {});
  const compose = createCompose(s, t, init.defaults, saved.draft, generate, init.prices);
  // The save controls sit above Generate; they apply to what Generate and Use this save into the workspace.
  const output = createOutputControls(s, t);
  compose.element.insertBefore(output.element, compose.element.querySelector('#generate')?.parentElement ?? null);
  const runs = createRuns(s, (jobId) => vscode.postMessage({ type: 'cancel', jobId }));
  // Use this and Regenerate save with the controls as they are now; an invalid one is shown there and nothing is sent.
  const withOutput = (send: (choice: { output?: OutputChoice }) => void) => {
    const choice = output.collect();
    if (choice) {
      send(Object.keys(choice).length > 0 ? { output: choice } : {});
    }
  };
  const use = (entryId: string) => withOutput((choice) => vscode.postMessage({ type: 'use', entryId, ...choice }));
  const grid = createVariationGrid(s, { use, cancel: (jobId) => vscode.postMessage({ type: 'cancel', jobId }), entry: (id) => history.find(id) });
  const result = createResult(s, {
    // A kept variation is saved into the workspace first (Use this); an image there is linked as it is.
    insert: (entry) => (entry.kept ? use(entry.id) : vscode.postMessage({ type: 'insert', entryId: entry.id })),
    copy: (entry) => vscode.postMessage({ type: 'copyMarkdown', entryId: entry.id }),
    reveal: (entry) => vscode.postMessage({ type: 'reveal', entryId: entry.id }),
    regenerate: (entry, variation) => withOutput((choice) => vscode.postMessage({ type: 'regenerate', entryId: entry.id, variation, ...choice })),
    // Another size than the entry's, ready in the size list; the form keeps its expansion choice (Auto stays Auto).
    sameSeed: (entry) => compose.fill({ prompt: entry.prompt, seed: entry.seed, ...sizeAfter(entry) }, { lockSeed: true, focus: 'size' }),
  });
  const select = (entry: HistoryView) => {
    result.show(entry);
    saveState({ selected: entry.id });
    result.element.scrollIntoView({ block: 'nearest' });
  };
  const history = createHistory(
    s,
    {
      select,
      reuse: (entry) => compose.fill({ prompt: entry.prompt, width: entry.width, height: entry.height, seed: entry.seed, expansion: entry.expansion }),
      resume: (entry) => vscode.postMessage({ type: 'resume', entryId: entry.id }),
      use: (entry) => use(entry.id),
    },
    saved.query ?? '',
    (query) => saveState({ query }),
  );

  function generate(): void {
    const params = compose.collect();
    const choice = output.collect();
    if (params && choice) {
      notice.textContent = '';
      vscode.postMessage({ type: 'generate', params: { ...params, ...(Object.keys(choice).length > 0 && { output: choice }) } });
    }
  }

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      generate();
    }
  });

  root.replaceChildren(
    h('h1', { class: 'visually-hidden' }, s.title),
    h('div', { class: 'layout' }, h('div', { class: 'column' }, compose.element, runs.element), h('div', { class: 'column' }, grid.element, result.element, notice)),
    history.element,
  );
  root.setAttribute('aria-busy', 'false');

  const setHistory = (entries: HistoryView[]) => {
    history.set(entries);
    grid.refresh();
    const wanted = selectAfterHistory ?? result.current?.id ?? saved.selected;
    const entry = wanted ? history.find(wanted) : undefined;
    if (entry && (selectAfterHistory || entry.status === 'completed')) {
      selectAfterHistory = undefined;
      select(entry);
    }
  };
  setHistory(init.history);
  result.setEditor(undefined);

  return {
    handle(message: ToWebview): void {
      switch (message.type) {
        case 'init':
          return;
        case 'history':
          setHistory(message.entries);
          return;
        case 'job':
          if (message.job.group !== undefined) {
            // A variation shows in the grid; picking one is Use this.
            grid.update(message.job);
            return;
          }
          runs.update(message.job);
          if (message.job.phase === 'done' && message.job.entryId) {
            const entry = history.find(message.job.entryId);
            if (entry) {
              select(entry);
            } else {
              selectAfterHistory = message.job.entryId;
            }
          }
          return;
        case 'editor':
          result.setEditor(message.name);
          editorName = message.name;
          showTarget();
          return;
        case 'styles':
          compose.setStyles(message.names, message.preselected);
          return;
        case 'output':
          output.setPreset(message.preset);
          return;
        case 'binding':
          boundTo = message.label;
          // Bound, Use this hands the image to its directive, whose own output applies: the controls would say nothing.
          output.element.hidden = boundTo !== undefined;
          if (message.params) {
            compose.fill(message.params, { lockSeed: message.params.seed >= 0 });
          }
          showTarget();
          return;
        case 'notice':
          notice.textContent = message.text;
          notice.dataset.level = message.level;
          return;
        case 'prices':
          compose.setPrices(message.prices);
          return;
        case 'compose':
          compose.fill({ prompt: message.prompt }, { focus: 'prompt' });
          return;
      }
    },
  };
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') {
    return;
  }
  if (message.type === 'init') {
    if (!app) {
      app = start(message);
      early.splice(0).forEach((m) => app?.handle(m));
    }
    return;
  }
  if (app) {
    app.handle(message);
  } else {
    early.push(message);
  }
});

vscode.postMessage({ type: 'ready' });
