/**
 * The text that links an image into a document, in the document's own syntax.
 */
export type LinkSyntax = 'markdown' | 'html' | 'restructuredtext' | 'asciidoc' | 'latex';

const SYNTAX_BY_LANGUAGE: Record<string, LinkSyntax> = {
  markdown: 'markdown',
  mdx: 'markdown',
  'quarto': 'markdown',
  html: 'html',
  vue: 'html',
  svelte: 'html',
  php: 'html',
  restructuredtext: 'restructuredtext',
  rst: 'restructuredtext',
  asciidoc: 'asciidoc',
  latex: 'latex',
  tex: 'latex',
};

/** Languages without an image syntax of their own get a markdown link (plain text, comments, …). */
export function syntaxForLanguage(languageId: string): LinkSyntax {
  return SYNTAX_BY_LANGUAGE[languageId] ?? 'markdown';
}

export interface LinkTarget {
  /** Relative POSIX path from the document's folder (or an absolute one for untitled documents). */
  path: string;
  alt: string;
  width?: number;
  height?: number;
}

/** Alt text from a prompt: one line, shortened at a word boundary. Never empty (markdownlint MD045). */
export function altTextFromPrompt(prompt: string, maxLength = 100): string {
  const line = oneLine(prompt).replace(/\s+/g, ' ').trim();
  const points = Array.from(line);
  if (points.length <= maxLength) {
    return line === '' ? 'Generated image' : line;
  }
  const cut = points.slice(0, maxLength - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > maxLength / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Control characters and every line break some reader honours (docutils splits lines like Python,
 * at NEL, U+2028, U+2029 and the file separators too) become one space: a link stays on its lines.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/**
 * Alt text as markdown writes it, one line. Brackets and backslashes are escaped, and so is what
 * could pair with text after the link (a backtick opens a code span, "<" raw HTML) or read as
 * markup (emphasis, entities), so the alt text reads back as written.
 */
export function escapeMarkdownAlt(alt: string): string {
  // A backtick is written as an entity: an escaped one can still close a code span opened before the link.
  return oneLine(alt).replace(/[\\[\]`<>&*_~]/g, (char) => (char === '`' ? '&#96;' : `\\${char}`));
}

/** Markdown link destinations: plain when safe, otherwise in angle brackets (CommonMark). */
function markdownDestination(path: string): string {
  // Encoded so the path reads back by percent-decoding: "&" would start an entity, "\\" an escape, and
  // a backtick could close a code span opened before the link.
  const encoded = path.replace(/[%<>&\\`]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  // Readers trim the destination: white space at either end is kept by encoding it.
  const kept = encoded.replace(/^\s+|\s+$/gu, (space) => encodeURIComponent(space));
  return /[\s()]/.test(kept) || kept === '' ? `<${kept}>` : kept;
}

export function escapeHtmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function encodeUrlPath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%3A/gi, ':'))
    .join('/');
}

export function imageLink(syntax: LinkSyntax, target: LinkTarget): string {
  const alt = oneLine(target.alt);
  switch (syntax) {
    case 'markdown':
      return `![${escapeMarkdownAlt(alt)}](${markdownDestination(target.path)})`;
    case 'html': {
      const size = target.width && target.height ? ` width="${target.width}" height="${target.height}"` : '';
      return `<img src="${escapeHtmlAttribute(encodeUrlPath(target.path))}" alt="${escapeHtmlAttribute(alt)}"${size}>`;
    }
    case 'restructuredtext':
      // docutils drops unescaped white space from the URI and reads "\\" as an escape.
      return `.. image:: ${target.path.replace(/[\\\s]/gu, (char) => `\\${char}`)}\n   :alt: ${alt}`;
    case 'asciidoc':
      return `image::${target.path.replace(/[%[\s]/gu, (char) => encodeURIComponent(char))}["${alt.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/]/g, '\\]')}"]`;
    case 'latex':
      // graphicx cannot take an alt text; the prompt goes in a comment so the source still says it.
      return `% ${alt}\n\\includegraphics[width=\\linewidth]{${target.path.replace(/[\\%#&{}]/g, (char) => (char === '\\' ? '\\textbackslash{}' : `\\${char}`))}}`;
  }
}
