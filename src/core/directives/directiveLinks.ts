/** Where a directive's image link goes, and the edit that puts a new one there. */
import { insertionText } from '../links/insertion';
import type { Directive, TextSpan } from './directiveTypes';

/**
 * The span a new link takes: the image the directive manages (replaced), or the empty span right
 * after the comment (where the link goes as a paragraph of its own).
 */
export function linkSpan(directive: Pick<Directive, 'end' | 'image'>): TextSpan {
  return directive.image ? { start: directive.image.start, end: directive.image.end } : { start: directive.end, end: directive.end };
}

/**
 * The edit that puts a new image link for a directive in place: replaces the image it manages, or
 * inserts the link on its own paragraph right after the comment.
 */
export function linkEdit(text: string, directive: Pick<Directive, 'end' | 'image'>, link: string): TextSpan & { newText: string } {
  const span = linkSpan(directive);
  return { ...span, newText: directive.image ? link : insertionText(link, text, span.start, 'markdown', true) };
}
