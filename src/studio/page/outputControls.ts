import { DEFAULT_ENCODE_QUALITY } from '../../core/output/outputPlan';
import { OUTPUT_FORMATS, type OutputFormat } from '../../core/repoConfig/repoConfig';
import type { StudioStrings } from '../protocol';
import { h } from './dom';
import { isOutputFormatName, outputChoiceIssues, takesQuality, type OutputChoice } from '../../core/output/outputChoice';

type T = (message: string, ...args: Array<string | number | boolean>) => string;

/** The format list's "as configured" entry: no format is sent, the target's spark-image.json or settings decide. */
const CONFIGURED = '';
const FORMAT_LABELS: Readonly<Record<OutputFormat, string>> = { png: 'PNG', webp: 'WebP', jpeg: 'JPEG' };

export interface OutputControls {
  element: HTMLElement;
  /** What applies for the target (the host sends it with the styles): the controls show it. */
  setPreset(preset: OutputChoice): void;
  /** The choice to send (fields left as configured are absent), or undefined after showing what is wrong. */
  collect(): OutputChoice | undefined;
}

/**
 * The save controls: format, max width (empty: as configured) and encode quality (WebP and JPEG
 * only). They act as the command's arguments when the image is saved into the workspace (Generate,
 * Use this); what they refuse shows here with the rule and the value, and nothing is sent.
 */
export function createOutputControls(s: StudioStrings, t: T): OutputControls {
  const format = h('select', { id: 'output-format' }, h('option', { attrs: { value: CONFIGURED } }, s.outputFormatConfigured), ...OUTPUT_FORMATS.map((name) => h('option', { attrs: { value: name } }, FORMAT_LABELS[name])));
  const maxWidth = h('input', { id: 'output-max-width', attrs: { type: 'number', inputmode: 'numeric', min: '1', placeholder: s.outputAsConfigured, 'aria-describedby': 'output-issue' } });
  const quality = h('input', { id: 'output-quality', attrs: { type: 'number', inputmode: 'numeric', min: '1', max: '100', 'aria-describedby': 'output-issue' } });
  const qualityRow = h('div', { class: 'row' }, h('label', { attrs: { for: 'output-quality' } }, s.outputQuality), quality);
  const issue = h('div', { id: 'output-issue', class: 'issue', attrs: { role: 'alert' } });
  const element = h(
    'fieldset',
    { class: 'output-controls' },
    h('legend', {}, s.outputSave),
    h('div', { class: 'row' }, h('label', { attrs: { for: 'output-format' } }, s.outputFormat), format),
    h('div', { class: 'row' }, h('label', { attrs: { for: 'output-max-width' } }, s.outputMaxWidth), maxWidth),
    qualityRow,
    issue,
  );

  /** A typed number as it is (a fraction or 0 stays, to be refused with its value); empty: as configured. */
  const numberIn = (input: HTMLInputElement): number | undefined => (input.value.trim() === '' ? undefined : Number(input.value));

  function current(): OutputChoice {
    const chosen = isOutputFormatName(format.value) ? format.value : undefined;
    const width = numberIn(maxWidth);
    const q = takesQuality(chosen) ? numberIn(quality) : undefined;
    return { ...(chosen && { format: chosen }), ...(width !== undefined && { maxWidth: width }), ...(q !== undefined && { quality: q }) };
  }

  /** Shows the broken rules; true when the choice can be sent. */
  function update(): boolean {
    qualityRow.hidden = !takesQuality(isOutputFormatName(format.value) ? format.value : undefined);
    const choice = current();
    const issues = outputChoiceIssues(choice, t);
    issue.textContent = issues.map((one) => one.message).join(' ');
    issue.dataset.level = issues.length > 0 ? 'error' : '';
    maxWidth.setAttribute('aria-invalid', String(issues.some((one) => one.field === 'maxWidth')));
    quality.setAttribute('aria-invalid', String(issues.some((one) => one.field === 'quality')));
    return issues.length === 0;
  }

  format.addEventListener('change', () => update());
  maxWidth.addEventListener('input', () => update());
  quality.addEventListener('input', () => update());
  update();

  return {
    element,
    setPreset(preset) {
      format.value = preset.format ?? CONFIGURED;
      maxWidth.value = preset.maxWidth !== undefined ? String(preset.maxWidth) : '';
      quality.value = String(preset.quality ?? DEFAULT_ENCODE_QUALITY);
      update();
    },
    collect() {
      if (!update()) {
        (maxWidth.getAttribute('aria-invalid') === 'true' ? maxWidth : quality).focus();
        return undefined;
      }
      return current();
    },
  };
}
