import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from './layout';

export const FIXTURE_WORKSPACE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'workspace');

/** Copies a fixture folder to where a run may change it freely; the fixture itself stays clean. */
export function copyWorkspace(target: string, fixture = FIXTURE_WORKSPACE): string {
  fs.cpSync(fixture, target, { recursive: true });
  return target;
}
