import { ImageInfo } from '../../core/image/imageType';
import { slugify } from '../../core/naming/slug';
import type { FileName } from '../../core/naming/uniqueName';

/** Extensions we recognize as naming an image type, so a wrong one is replaced rather than kept. */
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'jpe', 'webp', 'gif', 'bmp', 'tif', 'tiff', 'svg', 'avif', 'heic']);
const SPELLINGS: Readonly<Record<ImageInfo['format'], readonly string[]>> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg', 'jpe'],
  webp: ['webp'],
};

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
  return { stem: `${slugify(prompt ?? '')}-${suffix}`, extension: info.extension };
}
