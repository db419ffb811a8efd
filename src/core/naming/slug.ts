const SLUG_MAX_POINTS = 48;

/**
 * The prompt as a file name, the same for every front end: lower case, accents dropped, words
 * joined by "-", cut at a word at 48 code points at most. Letters of every script are kept, so a
 * Chinese prompt still names its file; "image" when nothing is left.
 */
export function slugify(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (Array.from(next).length > SLUG_MAX_POINTS) {
      break;
    }
    slug = next;
  }
  if (slug === '' && words.length > 0) {
    // One word longer than the limit: cut inside it rather than lose it.
    slug = Array.from(words[0]).slice(0, SLUG_MAX_POINTS).join('');
  }
  return slug || 'image';
}
