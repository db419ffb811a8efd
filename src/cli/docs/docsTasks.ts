import * as fs from 'fs';
import { Directive, parseDirectives } from '../../core/directives/directives';
import { directiveSize } from '../../core/directives/directiveCost';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../../core/spec/spec';
import { checkRequest, CheckedRequest, GenerationRequest } from '../../core/spec/validation';
import { StoredDirective } from '../generate/cliTasks';
import { directiveInput } from '../../core/directives/directiveStyle';
import { Found } from './docsSurvey';

/** The size a directive asks for, the API's default when it names none. */
export function sizeOf(directive: Directive): { width: number; height: number } {
  return directiveSize(directive.request ?? { prompt: '' }, { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
}

/** The request a directive sends: checked once; an unpinned seed is drawn by `random`. */
export function requestOf(directive: Directive, random: () => number = Math.random): CheckedRequest {
  const request = directive.request as NonNullable<Directive['request']>;
  // The house style's prompt, when the directive has one applied (styleDirectives).
  return checkRequest(directiveInput(request, { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT }), { random }).request;
}

/** The directive as the store keeps it: its file, its text and its place among equal ones. */
export function storedDirectiveOf(file: string, all: readonly Directive[], directive: Directive): StoredDirective {
  const occurrence = all.filter((other) => other.raw === directive.raw && other.start < directive.start).length;
  return { file, text: directive.raw, occurrence, line: directive.line + 1 };
}

/** The directive a stored one names, in the file as it is now: same text, same occurrence. */
export function findStoredDirective(stored: StoredDirective): Directive | undefined {
  let text: string;
  try {
    text = fs.readFileSync(stored.file, 'utf8');
  } catch {
    return undefined;
  }
  return parseDirectives(text).filter((directive) => directive.raw === stored.text)[stored.occurrence];
}

/**
 * Whether a stored task was made from what the directive asks for now: prompt (as sent), size and
 * expansion; the seed only when the directive pins one.
 */
export function sameRequest(stored: GenerationRequest, directive: Directive): boolean {
  if (!directive.request) {
    return false;
  }
  const wanted = requestOf(directive, () => 0);
  const seedMatters = directive.request.seed !== undefined;
  return stored.prompt === wanted.prompt && stored.width === wanted.width && stored.height === wanted.height && stored.use_pre_llm === wanted.use_pre_llm && (!seedMatters || stored.seed === wanted.seed);
}

/** Claimed now, is it still to do? Another run may have linked its image since this run looked. */
export function stillToDo(item: Found, stored: StoredDirective): Directive | undefined {
  const now = findStoredDirective(stored);
  if (!now) {
    return undefined;
  }
  const wasLink = item.directive.image?.path;
  return now.image?.path === wasLink ? now : undefined;
}

/** A failure already in the report, rethrown only to stop the batch. */
export class Reported extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}
