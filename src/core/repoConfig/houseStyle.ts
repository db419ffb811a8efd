/** Applying a house style to what the user wrote: the prompt actually sent, and how much of it the style adds. */
import { codePointLength } from '../base/text';
import { HouseStyle, NO_STYLE, RepoConfig } from './repoConfig';

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
