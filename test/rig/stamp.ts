import * as fs from 'fs';
import * as path from 'path';

/**
 * A stamp file is written only after a part installed completely, so an interrupted install
 * is redone next time, and a pinned-version change is noticed without asking the registry.
 */
const STAMP_NAME = '.rig-stamp';

export function hasStamp(dir: string, version: string, mustExist: string): boolean {
  try {
    return fs.readFileSync(path.join(dir, STAMP_NAME), 'utf8').trim() === version && fs.existsSync(mustExist);
  } catch {
    return false;
  }
}

export function writeStamp(dir: string, version: string): void {
  fs.writeFileSync(path.join(dir, STAMP_NAME), `${version}\n`);
}
