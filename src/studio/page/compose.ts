import { PROMPT_MAX_CODE_POINTS, PROMPT_RECOMMENDED_CODE_POINTS, RANDOM_SEED, SEED_MAX } from '../../core/spec/spec';
import { sizeChoices } from '../../core/spec/sizeChoices';
import { lockedSeedIssue, randomSeed, validatePrompt } from '../../core/spec/validation';
import { codePointLength } from '../../core/base/text';
import { checkSize } from '../../core/spec/sizeRules';
import { EXPANSION_CHOICES, type ExpansionChoice } from '../../core/spec/expansion';
import { estimateCostUsd, estimateText, type UnitPrices } from '../../core/spend/pricing';
import { VARIATION_COUNTS, type ComposeParams, type StudioStrings, type VariationCount } from '../protocol';
import { button, focusInView, format, h } from './dom';
import { saveState, SavedState } from './vscodeApi';

type T = (message: string, ...args: Array<string | number | boolean>) => string;
const CUSTOM = 'custom';

export interface Compose {
  element: HTMLElement;
  /** Fills the form (reuse from history, Same Seed). */
  fill(params: Partial<ComposeParams>, options?: { lockSeed?: boolean; focus?: 'prompt' | 'size' }): void;
  /** Shows the document and line the image is for ("guide.md:12"), before anything is generated (`literal`: the text as it is). */
  setTarget(name: string | undefined, literal?: boolean): void;
  /** The unit prices Generate's estimate uses. */
  setPrices(prices: UnitPrices): void;
  /** Validates; returns the parameters to send, or undefined after showing what is wrong. */
  collect(): ComposeParams | undefined;
}

/** The recommended sizes, landscape and portrait. */
const CHOICES = sizeChoices();

function sizeChoiceFor(width: number, height: number): string {
  return CHOICES.find((p) => p.width === width && p.height === height)?.id ?? CUSTOM;
}

export function createCompose(s: StudioStrings, t: T, defaults: ComposeParams, saved: SavedState['draft'], onGenerate: () => void, initialPrices: UnitPrices): Compose {
  let prices = initialPrices;
  const prompt = h('textarea', { id: 'prompt', attrs: { rows: '4', placeholder: s.promptPlaceholder, 'aria-describedby': 'prompt-count prompt-issue' } });
  // The counter itself is silent (a live region would speak on every keystroke); this one speaks
  // once when the prompt nears the limit or passes it.
  const count = h('div', { id: 'prompt-count', class: 'count' });
  const countAlert = h('div', { id: 'prompt-count-alert', class: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite' } });
  const promptIssue = h('div', { id: 'prompt-issue', class: 'issue', attrs: { role: 'alert' } });

  const size = h('select', { id: 'size' });
  for (const quality of ['1k', '2k'] as const) {
    const group = h('optgroup', { attrs: { label: quality === '1k' ? s.preset1k : s.preset2k } });
    for (const p of CHOICES.filter((choice) => choice.quality === quality)) {
      const shape = p.orientation === 'portrait' ? format(s.portrait, p.ratio) : p.ratio;
      group.appendChild(h('option', { attrs: { value: p.id } }, `${shape} · ${p.width} × ${p.height}`));
    }
    size.appendChild(group);
  }
  size.appendChild(h('option', { attrs: { value: CUSTOM } }, s.custom));
  const width = h('input', { id: 'width', attrs: { type: 'number', inputmode: 'numeric', step: '8', 'aria-describedby': 'size-issue' } });
  const height = h('input', { id: 'height', attrs: { type: 'number', inputmode: 'numeric', step: '8', 'aria-describedby': 'size-issue' } });
  const sizeIssue = h('div', { id: 'size-issue', class: 'issue', attrs: { role: 'alert' } });

  const seed = h('input', { id: 'seed', attrs: { type: 'number', min: '0', max: String(SEED_MAX), placeholder: s.randomSeed, 'aria-describedby': 'seed-issue' } });
  const lock = h('input', { id: 'seed-lock', attrs: { type: 'checkbox' } });
  const seedIssue = h('div', { id: 'seed-issue', class: 'issue', attrs: { role: 'alert' } });
  const randomize = button(s.randomSeed, () => {
    seed.value = String(randomSeed());
    lock.checked = true;
    update();
  });
  // The box is always editable: typing a number locks the seed, and unlocking empties it, so a grey
  // leftover never looks as if it would be used.
  seed.addEventListener('input', () => {
    lock.checked = seed.value.trim() !== '';
  });
  lock.addEventListener('change', () => {
    if (!lock.checked) {
      seed.value = '';
    }
  });

  const radios = EXPANSION_CHOICES.map((value) => {
    const input = h('input', { id: `expansion-${value}`, attrs: { type: 'radio', name: 'expansion', value } });
    const label = { auto: s.expansionAuto, on: s.expansionOn, off: s.expansionOff }[value];
    return { value, input, label: h('label', { class: 'radio', attrs: { for: input.id } }, input, ' ', label) };
  });
  // How many variations go out at once, each with its own seed: the estimate covers them all.
  const variations = h('select', { id: 'variations' }, ...VARIATION_COUNTS.map((n) => h('option', { attrs: { value: String(n) } }, String(n))));
  const variationCount = (): VariationCount => VARIATION_COUNTS.find((n) => String(n) === variations.value) ?? 1;
  const generate = h('button', { id: 'generate', class: 'primary', attrs: { type: 'button', 'aria-keyshortcuts': 'Control+Enter Meta+Enter' } }, s.generate);
  generate.addEventListener('click', onGenerate);

  const target = h('p', { id: 'target', class: 'hint' });
  const customRow = h('div', { class: 'row custom-size' }, h('label', { attrs: { for: 'width' } }, s.width), width, h('span', { attrs: { 'aria-hidden': 'true' } }, '×'), h('label', { attrs: { for: 'height' } }, s.height), height);

  const element = h(
    'section',
    { class: 'compose', attrs: { 'aria-labelledby': 'compose-title' } },
    h('h2', { id: 'compose-title' }, s.compose),
    h('label', { attrs: { for: 'prompt' } }, s.prompt),
    prompt,
    h('div', { class: 'row spread' }, count, countAlert, h('span', { class: 'hint' }, format(s.promptRecommended, PROMPT_RECOMMENDED_CODE_POINTS, PROMPT_MAX_CODE_POINTS))),
    promptIssue,
    h('label', { attrs: { for: 'size' } }, s.size),
    size,
    customRow,
    sizeIssue,
    h('fieldset', {}, h('legend', {}, s.seed), h('div', { class: 'row' }, h('label', { class: 'visually-hidden', attrs: { for: 'seed' } }, s.seed), seed, h('label', { class: 'radio', attrs: { for: 'seed-lock' } }, lock, ' ', s.lockSeed), randomize), seedIssue),
    h('fieldset', {}, h('legend', {}, s.expansion), h('div', { class: 'row' }, ...radios.map((r) => r.label)), h('p', { class: 'hint' }, s.expansionAdvice)),
    h('div', { class: 'row' }, h('label', { attrs: { for: 'variations' } }, s.variations), variations),
    h('div', { class: 'row' }, generate, h('span', { class: 'hint' }, s.generateHint)),
    target,
  );

  const expansion = (): ExpansionChoice => radios.find((r) => r.input.checked)?.value ?? 'auto';

  function sizeValues(): { width: string; height: string } {
    const preset = CHOICES.find((p) => p.id === size.value);
    return preset ? { width: String(preset.width), height: String(preset.height) } : { width: width.value, height: height.value };
  }

  function show(target: HTMLElement, message: string | undefined, level: 'error' | 'warning' = 'error'): void {
    target.textContent = message ?? '';
    target.dataset.level = message ? level : '';
  }

  /** Live checks: count, prompt limit, size rules and seed, all with the seed's codes. */
  function update(): { ok: boolean; focus?: HTMLElement } {
    const length = codePointLength(prompt.value.trim());
    count.textContent = format(s.charCount, length, PROMPT_MAX_CODE_POINTS);
    const level = length > PROMPT_MAX_CODE_POINTS ? 'error' : length > PROMPT_RECOMMENDED_CODE_POINTS ? 'warning' : '';
    if (level !== (count.dataset.level ?? '')) {
      countAlert.textContent = level ? count.textContent : '';
    }
    count.dataset.level = level;
    const promptIssues = prompt.value.trim() === '' ? [] : validatePrompt(prompt.value, t);
    show(promptIssue, promptIssues[0]?.message, promptIssues[0]?.severity);
    prompt.setAttribute('aria-invalid', String(promptIssues[0]?.severity === 'error'));

    const custom = size.value === CUSTOM;
    customRow.hidden = !custom;
    if (!custom) {
      const values = sizeValues();
      width.value = values.width;
      height.value = values.height;
    }
    const sized = checkSize(width.value, height.value, t);
    const sizeError = 'message' in sized ? sized.message : undefined;
    // The paid act names its cost on the button itself.
    const n = variationCount();
    const estimate = 'message' in sized ? '' : estimateText(n * estimateCostUsd(sized.width, sized.height, { explicit: prices }), t);
    generate.textContent = 'message' in sized ? s.generate : `${s.generate} (${n > 1 ? format(s.variationsEstimate, estimate, n) : estimate})`;
    show(sizeIssue, sizeError);
    width.setAttribute('aria-invalid', String(!!sizeError));
    height.setAttribute('aria-invalid', String(!!sizeError));

    const seedError = lock.checked ? lockedSeedIssue(seed.value, t) : undefined;
    show(seedIssue, seedError);
    seed.setAttribute('aria-invalid', String(!!seedError));

    saveState({ draft: { prompt: prompt.value, width: Number(width.value), height: Number(height.value), seed: Number(seed.value || RANDOM_SEED), expansion: expansion(), locked: lock.checked, sizeChoice: size.value } });
    const promptError = promptIssues.some((issue) => issue.severity === 'error');
    return { ok: !promptError && !sizeError && !seedError, focus: promptError ? prompt : sizeError ? (custom ? width : size) : seedError ? seed : undefined };
  }

  function fill(params: Partial<ComposeParams>, options: { lockSeed?: boolean; focus?: 'prompt' | 'size' } = {}): void {
    if (params.prompt !== undefined) {
      prompt.value = params.prompt;
    }
    if (params.width !== undefined && params.height !== undefined) {
      size.value = sizeChoiceFor(params.width, params.height);
      width.value = String(params.width);
      height.value = String(params.height);
    }
    if (params.seed !== undefined) {
      const locked = options.lockSeed ?? params.seed >= 0;
      lock.checked = locked && params.seed >= 0;
      seed.value = lock.checked ? String(params.seed) : '';
    }
    if (params.expansion !== undefined) {
      radios.forEach((r) => (r.input.checked = r.value === params.expansion));
    }
    update();
    focusInView(options.focus === 'size' ? size : prompt, element);
  }

  for (const control of [prompt, width, height, seed]) {
    control.addEventListener('input', () => update());
  }
  for (const control of [size, lock, variations, ...radios.map((r) => r.input)]) {
    control.addEventListener('change', () => update());
  }

  const initial = saved ?? { ...defaults, locked: defaults.seed >= 0, sizeChoice: sizeChoiceFor(defaults.width, defaults.height) };
  prompt.value = initial.prompt;
  size.value = initial.sizeChoice;
  width.value = String(initial.width);
  height.value = String(initial.height);
  lock.checked = initial.locked;
  seed.value = initial.locked && initial.seed >= 0 ? String(initial.seed) : '';
  radios.forEach((r) => (r.input.checked = r.value === initial.expansion));
  update();

  return {
    element,
    fill,
    setPrices(next) {
      prices = next;
      update();
    },
    setTarget(name, literal) {
      target.textContent = literal && name ? name : name ? format(s.targetFor, name) : s.noTarget;
    },
    collect() {
      const state = update();
      if (!state.ok) {
        if (state.focus) {
          focusInView(state.focus, element);
        }
        return undefined;
      }
      const values = sizeValues();
      const n = variationCount();
      return { prompt: prompt.value, width: Number(values.width), height: Number(values.height), seed: lock.checked ? Number(seed.value) : RANDOM_SEED, expansion: expansion(), ...(n > 1 && { count: n }) };
    },
  };
}
