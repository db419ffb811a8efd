/**
 * House styles on directives: `style=NAME`, `style=none`, or the file's default. The style makes the
 * prompt sent out of the directive's text and fills the size and expansion the directive leaves
 * open (its own options win). The prompt sent is checked by the one check's rules, so a template
 * that makes it too long is refused here with 003002002, before anything is sent.
 */
import { english, Translate } from '../base/messages';
import { applyStyle, FoundStyles, pickHouseStyle, StyleRefusal } from '../repoConfig/houseStyle';
import { parseSizeNumbers } from '../spec/sizeText';
import { GenerationInput, validatePrompt } from '../spec/validation';
import { directiveSize, Size } from './directiveCost';
import type { Directive, DirectiveIssue, DirectiveRequest, TextSpan } from './directiveTypes';

/** The spark-image.json that applies to a document, as read, and how messages name it. */
export type HouseStyles = FoundStyles;

function refused(directive: Directive, span: TextSpan | undefined, message: string, code?: DirectiveIssue['code']): Directive {
  const { start, end } = span ?? directive;
  const issues = [...directive.issues, { start, end, severity: 'error' as const, message, code, fixes: [] }];
  const copy: Directive = { ...directive, issues };
  delete copy.request;
  return copy;
}

/** One directive with the styles applied; unchanged when it has errors already or uses no style. */
export function styleDirective(directive: Directive, styles: HouseStyles | undefined, t: Translate = english): Directive {
  const request = directive.request;
  if (!request) {
    return directive;
  }
  const named = request.style;
  const styleOption = directive.options.find((option) => option.key === 'style');
  const picked = pickHouseStyle(named, styles);
  if ('refused' in picked) {
    return refused(directive, styleOption, refusalText(picked, t));
  }
  if (!picked.style) {
    return directive;
  }
  const style = picked.style;
  const styled = applyStyle(request.prompt, style);
  const tooLong = validatePrompt(styled.prompt, t, { name: style.name, codePoints: styled.styleCodePoints }).find((issue) => issue.severity === 'error');
  if (tooLong) {
    return refused(directive, directive.promptSpan.end > directive.promptSpan.start ? directive.promptSpan : undefined, tooLong.message, tooLong.code);
  }
  const styledRequest: DirectiveRequest = { ...request, styled };
  const size = style.size === undefined ? undefined : parseSizeNumbers(style.size);
  if (request.width === undefined && size) {
    [styledRequest.width, styledRequest.height] = [size.width, size.height];
  }
  if (request.usePreLlm === undefined && style.promptExpansion !== undefined) {
    styledRequest.usePreLlm = style.promptExpansion;
  }
  return { ...directive, request: styledRequest };
}

/** Every directive of a document with the styles applied (see styleDirective). */
export function styleDirectives(directives: readonly Directive[], styles: HouseStyles | undefined, t: Translate = english): Directive[] {
  return directives.map((directive) => styleDirective(directive, styles, t));
}

/** What a directive sends, for the one check: the prompt sent, its size (or the fallback), the style's share. */
export function directiveInput(request: DirectiveRequest, fallback: Size): GenerationInput {
  const { width, height } = directiveSize(request, fallback);
  const input: GenerationInput = { prompt: request.styled?.prompt ?? request.prompt, width, height, seed: request.seed, usePreLlm: request.usePreLlm };
  if (request.styled?.style) {
    input.style = { name: request.styled.style.name, codePoints: request.styled.styleCodePoints };
  }
  return input;
}

/** A refused style=, in the directive's words (how to fix it in the comment). */
function refusalText(refusal: StyleRefusal, t: Translate): string {
  switch (refusal.refused) {
    case 'no file':
      return t('Unknown style {0}: no spark-image.json defines styles for this document. Add one, or remove style={0}.', refusal.name);
    case 'unreadable':
      return t('The style {0} cannot be used: {1}. Fix the file, or write style=none.', refusal.name, refusal.problem);
    case 'unknown':
      return t('Unknown style {0}: {1} defines {2}. Use one of them, or style=none.', refusal.name, refusal.file, refusal.known.length > 0 ? refusal.known.join(', ') : t('none'));
  }
}
