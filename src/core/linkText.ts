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
  const line = prompt.replace(/\s+/g, ' ').trim();
  const points = Array.from(line);
  if (points.length <= maxLength) {
    return line === '' ? 'Generated image' : line;
  }
  const cut = points.slice(0, maxLength - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > maxLength / 2 ? cut.slice(0, space) : cut}…`;
}

/** Alt text as markdown writes it: brackets and backslashes escaped, one line. */
export function escapeMarkdownAlt(alt: string): string {
  return alt.replace(/[\\[\]]/g, (char) => `\\${char}`).replace(/[\r\n]+/g, ' ');
}

/** Markdown link destinations: plain when safe, otherwise in angle brackets (CommonMark). */
function markdownDestination(path: string): string {
  const encoded = path.replace(/</g, '%3C').replace(/>/g, '%3E');
  return /[\s()]/.test(encoded) || encoded === '' ? `<${encoded}>` : encoded;
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
  const alt = target.alt.replace(/[\r\n]+/g, ' ');
  switch (syntax) {
    case 'markdown':
      return `![${escapeMarkdownAlt(alt)}](${markdownDestination(target.path)})`;
    case 'html': {
      const size = target.width && target.height ? ` width="${target.width}" height="${target.height}"` : '';
      return `<img src="${escapeHtmlAttribute(encodeUrlPath(target.path))}" alt="${escapeHtmlAttribute(alt)}"${size}>`;
    }
    case 'restructuredtext':
      return `.. image:: ${target.path.replace(/ /g, '\\ ')}\n   :alt: ${alt}`;
    case 'asciidoc':
      return `image::${target.path.replace(/ /g, '%20').replace(/\[/g, '%5B')}["${alt.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/]/g, '\\]')}"]`;
    case 'latex':
      // graphicx cannot take an alt text; the prompt goes in a comment so the source still says it.
      return `% ${alt}\n\\includegraphics[width=\\linewidth]{${target.path.replace(/([%#&{}])/g, '\\$1')}}`;
  }
}
