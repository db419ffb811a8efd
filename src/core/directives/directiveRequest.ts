/**
 * From a directive's options to what it asks for: the size (`size`, or `aspect` and `quality`), the
 * seed, the expansion and the alt text, checked as the API would check them, each problem on the
 * option it comes from, with the fixes the core can offer.
 */
import { Translate } from '../base/messages';
import { ErrorCodes, presetForAspect, PROMPT_MAX_CODE_POINTS, PROMPT_RECOMMENDED_CODE_POINTS, SIZE_PRESETS } from '../spec/spec';
import { parseSizeText } from '../spec/sizeText';
import { validateInput } from '../spec/validation';
import { codePointLength } from '../base/text';
import { PromptExpansion } from '../spec/expansion';
import { ValidationField } from '../spec/issues';
import { nearestPreset, shortenPrompt } from './directiveFixes';
import { DirectiveBuilder } from './directiveOptions';
import { readDirectiveOutput } from './directiveOutput';
import { foldWhiteSpace } from './directiveText';
import type { DirectiveKey, DirectiveOption, DirectiveRequest, TextFix, TextSpan } from './directiveTypes';

type Options = ReadonlyMap<DirectiveKey, DirectiveOption>;

interface AskedSize {
  width: unknown;
  height: unknown;
  /** Where a size problem is shown. */
  span: TextSpan | undefined;
  /** The size options contradict each other: the API's own size messages would only repeat it. */
  blocked: boolean;
  /** The `size` option, when written (its fixes replace its value). */
  written: DirectiveOption | undefined;
}

/** The size the options ask for: `size`, or `aspect` and `quality`; what is wrong with them is added to the builder. */
function readSize(byKey: Options, builder: DirectiveBuilder): AskedSize {
  const size = byKey.get('size');
  const aspect = byKey.get('aspect');
  const quality = byKey.get('quality');
  let width: unknown;
  let height: unknown;
  let sizeSpan: TextSpan | undefined = size;
  let sizeBlocked = false;
  if (size) {
    const pair = parseSizeText(size.value);
    if (pair) {
      [width, height] = [pair.width, pair.height];
    } else {
      width = size.value;
    }
    for (const conflicting of [aspect, quality]) {
      if (conflicting) {
        builder.add(conflicting, 'error', builder.text('Use either size or aspect and quality, not both.'), ErrorCodes.dimension, [
          { title: builder.text('Remove {0}', conflicting.key), start: conflicting.start, end: conflicting.end, newText: '' },
        ]);
        sizeBlocked = true;
      }
    }
  } else if (aspect || quality) {
    const level = (quality?.value ?? '1k').toLowerCase();
    if (level !== '1k' && level !== '2k') {
      builder.add(quality, 'error', builder.text('The quality must be 1k or 2k, not {0}.', JSON.stringify(quality?.value ?? '')), ErrorCodes.dimension, quality
        ? [{ title: builder.text('Use quality=1k'), start: quality.valueStart, end: quality.end, newText: '1k', preferred: true }]
        : []);
      sizeBlocked = true;
    }
    const ratio = aspect?.value ?? '1:1';
    const recommended = presetForAspect(ratio, level === '2k' ? '2k' : '1k');
    if (!recommended) {
      const numbers = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(ratio);
      const fixes: TextFix[] = [];
      if (numbers && Number(numbers[1]) > 0 && Number(numbers[2]) > 0 && aspect) {
        const near = nearestPreset(Number(numbers[1]) * 1000, Number(numbers[2]) * 1000);
        const preset = SIZE_PRESETS.find((p) => p.id === near.id);
        const nearRatio = preset && near.width >= near.height ? preset.ratio : preset?.ratio.split(':').reverse().join(':');
        if (nearRatio) {
          fixes.push({ title: builder.text('Use the recommended aspect {0}', nearRatio), start: aspect.valueStart, end: aspect.end, newText: nearRatio, preferred: true });
        }
      }
      builder.add(
        aspect,
        'error',
        builder.text('The aspect {0} has no recommended size; use 1:1, 4:3, 3:2, 16:9 or 21:9 (or their portrait forms such as 9:16), or give size=WIDTHxHEIGHT.', JSON.stringify(ratio)),
        ErrorCodes.aspectRatio,
        fixes,
      );
      sizeBlocked = true;
    } else {
      [width, height] = [recommended.width, recommended.height];
    }
    sizeSpan = aspect ?? quality;
  }
  return { width, height, span: sizeSpan, blocked: sizeBlocked, written: size };
}

/** The request a directive's options make, or undefined when anything is wrong (then the builder says what). */
export function readRequest(byKey: Options, prompt: string, promptSpan: TextSpan, builder: DirectiveBuilder, t: Translate): DirectiveRequest | undefined {
  const { width, height, span: sizeSpan, blocked: sizeBlocked, written: size } = readSize(byKey, builder);
  const expandOption = byKey.get('expand');
  let usePreLlm: unknown;
  if (expandOption) {
    const value = expandOption.value.toLowerCase();
    usePreLlm = value === 'true' ? true : value === 'false' ? false : value === 'auto' ? 'auto' : expandOption.value;
  }
  const seedOption = byKey.get('seed');
  const altOption = byKey.get('alt');
  const alt = altOption ? foldWhiteSpace(altOption.value) : undefined;
  if (altOption && alt === '' && altOption.value !== '') {
    builder.add(altOption, 'error', builder.text('The option {0} needs a value, as in {0}=VALUE.', 'alt'));
  }

  const result = validateInput({ prompt, width, height, seed: seedOption?.value, usePreLlm }, t);
  const spanFor = (field: ValidationField): TextSpan | undefined => {
    switch (field) {
      case 'prompt':
        return promptSpan.end > promptSpan.start ? promptSpan : undefined;
      case 'use_pre_llm':
        return expandOption;
      case 'seed':
        return seedOption;
      default:
        return sizeSpan;
    }
  };
  for (const issue of [...(result.ok ? [] : result.errors), ...result.warnings]) {
    if (issue.field !== 'prompt' && sizeBlocked && issue.field !== 'seed' && issue.field !== 'use_pre_llm') {
      continue;
    }
    const fixes: TextFix[] = [];
    if (issue.field === 'prompt' && promptSpan.end > promptSpan.start) {
      const limit = issue.code === ErrorCodes.promptLength ? PROMPT_MAX_CODE_POINTS : issue.severity === 'warning' ? PROMPT_RECOMMENDED_CODE_POINTS : undefined;
      if (limit !== undefined && codePointLength(prompt) > limit) {
        fixes.push({ title: builder.text('Shorten the prompt to {0} characters', limit), start: promptSpan.start, end: promptSpan.end, newText: shortenPrompt(prompt, limit), preferred: issue.severity === 'error' });
      }
    }
    if (size && (issue.field === 'size' || issue.field === 'width' || issue.field === 'height')) {
      const w = Number(width);
      const h = Number(height);
      if (Number.isFinite(w) && Number.isFinite(h) && w > 0 && h > 0) {
        const near = nearestPreset(w, h);
        fixes.push({ title: builder.text('Use the nearest recommended size {0}×{1}', near.width, near.height), start: size.valueStart, end: size.end, newText: `${near.width}x${near.height}`, preferred: true });
      }
    }
    builder.add(spanFor(issue.field), issue.severity, issue.message, issue.code, fixes);
  }

  const output = readDirectiveOutput(byKey, builder);
  if (!result.ok || builder.issues.some((issue) => issue.severity === 'error')) {
    return undefined;
  }
  const request: DirectiveRequest = {
    prompt: result.request.prompt,
    width: width === undefined ? undefined : result.request.width,
    height: height === undefined ? undefined : result.request.height,
    seed: seedOption ? result.request.seed : undefined,
    usePreLlm: usePreLlm as PromptExpansion | undefined,
  };
  if (alt !== undefined) {
    request.alt = alt;
  }
  const style = byKey.get('style');
  if (style) {
    request.style = style.value;
  }
  if (output) {
    request.output = output;
  }
  return request;
}
