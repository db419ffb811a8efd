import { ImageInfo } from '../../core/image/imageType';
import type { FileName } from '../../node/uniqueFile';

const SLUG_MAX_POINTS = 48;

/**
 * A file-name-safe form of the prompt: lower case, accents dropped, words joined by "-", cut at a
 * word. Letters of every script are kept, so a Chinese prompt still names its file.
 */
export function slugOf(text: string): string {
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
    slug = Array.from(words[0]).slice(0, SLUG_MAX_POINTS).join('');
  }
  return slug || 'image';
}

/** Extensions we recognize as naming an image type, so a wrong one is replaced rather than kept. */
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'jpe', 'webp', 'gif', 'bmp', 'tif', 'tiff', 'svg', 'avif', 'heic']);
const SPELLINGS: Readonly<Record<ImageInfo['format'], readonly string[]>> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg', 'jpe'],
  webp: ['webp'],
};

export type { FileName } from '../../node/uniqueFile';

/**
 * The name the user asked for, with the extension of what the bytes really are: "cat.png" holding
 * a JPEG becomes "cat.jpg"; "cat" becomes "cat.png"; "cat.jpeg" holding a JPEG stays as typed.
 */
export function withRealExtension(requested: string, info: ImageInfo): FileName {
  const dot = requested.lastIndexOf('.');
  const typed = dot > 0 ? requested.slice(dot + 1).toLowerCase() : '';
  if (!IMAGE_EXTENSIONS.has(typed)) {
    return { stem: requested, extension: info.extension };
  }
  const stem = requested.slice(0, dot);
  return { stem, extension: SPELLINGS[info.format].includes(typed) ? requested.slice(dot + 1) : info.extension };
}

/** The generated name in a folder: what made the image and its seed, e.g. "red-fox-in-snow-42.png". */
export function generatedName(prompt: string | undefined, suffix: string, info: ImageInfo): FileName {
  return { stem: `${slugOf(prompt ?? '')}-${suffix}`, extension: info.extension };
}
