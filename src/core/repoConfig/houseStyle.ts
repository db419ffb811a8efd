/** Applying a house style to what the user wrote: the prompt actually sent, and how much of it the style adds. */
import { codePointLength } from '../base/text';
import { formatProblem, HouseStyle, NO_STYLE, RepoConfig, RepoConfigReading } from './repoConfig';

const SLOT = '{prompt}';

export interface StyledPrompt {
  /** What is sent: the template with the user's text in it. */
  prompt: string;
  /** What the user wrote; out-of-date checks and `expand=auto` use this. */
  userPrompt: string;
  style?: { name: string; template: string };
  /** Code points the style adds to the user's text (for the 800-character message). */
  styleCodePoints: number;
}

/** `{prompt}` marks where the user's text goes; a template without it is appended after the text. */
export function applyStyle(userPrompt: string, style: HouseStyle | undefined): StyledPrompt {
  const text = userPrompt.trim();
  if (!style) {
    return { prompt: text, userPrompt: text, styleCodePoints: 0 };
  }
  const prompt = style.prompt.includes(SLOT) ? style.prompt.split(SLOT).join(text) : `${text}, ${style.prompt}`;
  return { prompt, userPrompt: text, style: { name: style.name, template: style.prompt }, styleCodePoints: codePointLength(prompt) - codePointLength(text) };
}

/**
 * The style a request uses: the one it names, `none` for none, else the file's default. An unknown
 * name is refused (nothing may be sent with a style that does not exist).
 */
export function chooseStyle(requested: string | undefined, config: RepoConfig): { style: HouseStyle | undefined } | { unknown: string; known: string[] } {
  const name = requested ?? config.defaults.style;
  if (name === undefined || name === NO_STYLE) {
    return { style: undefined };
  }
  const style = config.styles[name];
  return style ? { style } : { unknown: name, known: Object.keys(config.styles) };
}

/** The nearest spark-image.json as read, with the name messages give it (a relative path, say). */
export interface FoundStyles {
  reading: RepoConfigReading;
  file: string;
}

/** Why a named style cannot be used; each front end words it with its own way to opt out. */
export type StyleRefusal =
  | { refused: 'no file'; name: string }
  | { refused: 'unreadable'; name: string; file: string; problem: string }
  | { refused: 'unknown'; name: string; file: string; known: string[] };

/**
 * The style a request uses, for every front end alike: `none` for none; a named style needs a file
 * that can be read and defines it; without a name, the file's default, and a malformed file is used
 * for nothing (so requests without styles keep working).
 */
export function pickHouseStyle(requested: string | undefined, found: FoundStyles | undefined): { style: HouseStyle | undefined } | StyleRefusal {
  const named = requested !== undefined && requested !== NO_STYLE;
  if (requested === NO_STYLE || (!named && !found?.reading.config)) {
    return { style: undefined };
  }
  if (!found) {
    return { refused: 'no file', name: requested ?? '' };
  }
  const config = found.reading.config;
  if (!config) {
    const problem = found.reading.problems[0];
    return { refused: 'unreadable', name: requested ?? '', file: found.file, problem: problem ? formatProblem(found.file, problem) : found.file };
  }
  const chosen = chooseStyle(requested, config);
  return 'unknown' in chosen ? { refused: 'unknown', name: chosen.unknown, file: found.file, known: chosen.known } : chosen;
}

/** A refusal in English (the CLI, MCP and the LM tool): what is wrong, how to opt out, and that nothing was sent. */
export function styleRefusalText(refusal: StyleRefusal, how: { searched: string; optOut: string }): string {
  const name = JSON.stringify(refusal.name);
  switch (refusal.refused) {
    case 'no file':
      return `Unknown style ${name}: no spark-image.json defines styles here (searched ${how.searched}). Nothing was sent.`;
    case 'unreadable':
      return `The style ${name} cannot be used: ${refusal.problem}. Fix the file, or use ${how.optOut}. Nothing was sent.`;
    case 'unknown':
      return `Unknown style ${name}: ${refusal.file} defines ${refusal.known.length > 0 ? refusal.known.join(', ') : 'none'}. Use one of them, or ${how.optOut}. Nothing was sent.`;
  }
}
