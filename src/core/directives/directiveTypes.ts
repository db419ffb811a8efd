/** What a directive comment is made of, as the parser reports it. */
import type { PromptExpansion } from '../spec/expansion';
import type { DocumentedCode } from '../spec/spec';
import type { StyledPrompt } from '../repoConfig/houseStyle';
import type { OutputOptions } from '../repoConfig/repoConfig';

export const DIRECTIVE_KEYS = ['size', 'seed', 'expand', 'aspect', 'quality', 'alt', 'style', 'format', 'max-width', 'encode-quality'] as const;
export type DirectiveKey = (typeof DIRECTIVE_KEYS)[number];

/** Offsets are UTF-16 offsets into the text that was parsed, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface DirectiveOption extends TextSpan {
  key: string;
  value: string;
  /** Where the value is (for fixes that replace it). */
  valueStart: number;
}

/** A text replacement that fixes a problem (the editor turns it into a quick fix). */
export interface TextFix extends TextSpan {
  title: string;
  newText: string;
  /** Marks the fix a user most likely wants. */
  preferred?: boolean;
}

export interface DirectiveIssue extends TextSpan {
  severity: 'error' | 'warning';
  /** The seed's 9-digit code, when the problem is one the API would refuse with a code. */
  code?: DocumentedCode;
  message: string;
  fixes: TextFix[];
}

export interface ManagedImage extends TextSpan {
  /** The link as written (markdown `![alt](path)` or `<img src="path">`), spanning start..end. */
  text: string;
  alt: string;
  /** The destination, decoded: a path relative to the document, or a URL. */
  path: string;
  /** http(s), data: and other URLs are not files this tool manages. */
  isUrl: boolean;
}

/** What a directive asks for, once valid. Size undefined: the caller's default size. */
export interface DirectiveRequest {
  prompt: string;
  width?: number;
  height?: number;
  seed?: number;
  usePreLlm?: PromptExpansion;
  /** The image's own alt text (`alt="…"`), white space folded; absent: the prompt, shortened. */
  alt?: string;
  /** `style=NAME` as written (`none` opts out of the default style). */
  style?: string;
  /**
   * The house style applied (styleDirectives, from spark-image.json): the prompt sent and what the
   * style adds. `prompt` above stays the user's text. Absent: the prompt is sent as written.
   */
  styled?: StyledPrompt;
  /** `format=`, `max-width=`, `encode-quality=`: the saved file's output, before spark-image.json's. */
  output?: OutputOptions;
}

export interface Directive extends TextSpan {
  /** Position among the document's directives (stable while only links are inserted or replaced). */
  index: number;
  /** Zero-based line of the comment's start. */
  line: number;
  /** The comment as written, `<!--` to `-->`. */
  raw: string;
  /** White space folded: what is sent. */
  prompt: string;
  promptSpan: TextSpan;
  options: DirectiveOption[];
  image?: ManagedImage;
  issues: DirectiveIssue[];
  /** Present when there is no error: exactly what to generate. */
  request?: DirectiveRequest;
}

/**
 * The option group at the end of a directive: braces and quotes may appear inside quoted values
 * (`alt="a {b}"`). Without a match the plain form is tried, so an unclosed quote is still reported.
 */
