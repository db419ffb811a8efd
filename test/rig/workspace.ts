import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from './layout';

export const FIXTURE_WORKSPACE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'workspace');

/**
 * Copies fixture folders (one, or several merged in order) to where a run may change them freely;
 * the fixtures themselves stay clean.
 */
export function copyWorkspace(target: string, fixture: string | readonly string[] = FIXTURE_WORKSPACE): string {
  for (const folder of typeof fixture === 'string' ? [fixture] : fixture) {
    fs.cpSync(folder, target, { recursive: true });
  }
  return target;
}
