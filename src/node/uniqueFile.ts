import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { FileName, noFreeName, numberedNames } from '../core/naming/uniqueName';

/** Where hard links are not supported (FAT, some network shares) we fall back to check-then-rename. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Gives the temp file its final name unless that name is taken. link() fails with EEXIST instead
 * of replacing, so two runs saving at once cannot overwrite each other; rename() would.
 */
function claim(temp: string, target: string): boolean {
  try {
    fs.linkSync(temp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') {
      return false;
    }
    if (!NO_HARD_LINKS.has(code)) {
      throw error;
    }
    if (fs.existsSync(target)) {
      return false;
    }
    fs.renameSync(temp, target);
    return true;
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone (renamed into place, or never written).
  }
}

/**
 * Writes the image under the first free name among name, name-1, name-2, … in the folder. The bytes
 * go to a temp file there first, so no half-written image ever carries the real name; the temp
 * file is removed whatever happens. Synchronous, so an interrupt cannot land in the middle.
 */
export function saveImage(bytes: Uint8Array, folder: string, name: FileName): string {
  const temp = path.join(folder, `.spark-image-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, bytes, { flag: 'wx' });
    for (const candidate of numberedNames(name)) {
      const target = path.join(folder, candidate);
      if (claim(temp, target)) {
        return target;
      }
    }
    throw noFreeName(name, folder);
  } finally {
    removeQuietly(temp);
  }
}
