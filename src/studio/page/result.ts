import type { HistoryView, StudioStrings } from '../protocol';
import { button, clear, format, h } from './dom';
import { sizeOf } from './history';

export interface ResultActions {
  insert(entry: HistoryView): void;
  copy(entry: HistoryView): void;
  reveal(entry: HistoryView): void;
  regenerate(entry: HistoryView, variation: boolean): void;
  sameSeed(entry: HistoryView): void;
}

/** The selected result: preview from the workspace file, and what can be done with it. */
export function createResult(s: StudioStrings, actions: ResultActions) {
  const body = h('div', { class: 'result-body' });
  const element = h('section', { class: 'result', attrs: { 'aria-labelledby': 'result-title' } }, h('h2', { id: 'result-title' }, s.result), body);
  let editorName: string | undefined;
  let current: HistoryView | undefined;

  function render(): void {
    clear(body);
    const entry = current;
    if (!entry) {
      body.appendChild(h('p', { class: 'hint' }, s.noResult));
      return;
    }
    const preview = entry.imageSrc
      ? h('img', { id: 'preview', class: 'preview', attrs: { src: entry.imageSrc, alt: format(s.preview, entry.prompt) } })
      : h('p', { class: 'issue', attrs: { 'data-level': 'error' } }, s.imageMissing);
    const insert = button(editorName ? format(s.insertInto, editorName) : s.insert, () => actions.insert(entry), { id: 'insert' });
    insert.disabled = !editorName || !entry.imageSrc;
    if (!editorName) {
      insert.title = s.noEditor;
    }
    body.append(
      preview,
      h('p', { class: 'entry-prompt' }, entry.prompt),
      h('p', { class: 'meta' }, [sizeOf(entry), entry.seed !== undefined ? `${s.seed} ${entry.seed}` : '', entry.imagePath ?? ''].filter(Boolean).join(' · ')),
      h(
        'div',
        { class: 'row actions', attrs: { role: 'toolbar', 'aria-label': s.result } },
        insert,
        button(s.copyMarkdown, () => actions.copy(entry), { id: 'copy-markdown' }),
        button(s.reveal, () => actions.reveal(entry), { id: 'reveal' }),
        button(s.regenerate, () => actions.regenerate(entry, false), { id: 'regenerate' }),
        button(s.variation, () => actions.regenerate(entry, true), { id: 'variation' }),
        button(s.sameSeed, () => actions.sameSeed(entry), { id: 'same-seed' }),
      ),
    );
  }

  render();
  return {
    element,
    show(entry: HistoryView | undefined): void {
      current = entry;
      render();
    },
    get current() {
      return current;
    },
    setEditor(name: string | undefined): void {
      editorName = name;
      render();
    },
  };
}
