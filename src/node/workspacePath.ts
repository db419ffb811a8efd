import * as fs from 'fs';
import * as path from 'path';
import { SparkError } from '../core/spec/errors';

/** The deepest part of `full` that exists, resolved through its symlinks. */
function realExisting(full: string): string {
  let existing = full;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

/**
 * A workspace-relative path made absolute, or a validation error: absolute paths, `..` and
 * symlinks that lead out are refused, checked before anything is sent or written.
 */
export function insideWorkspace(workspace: string, given: string): string {
  if (path.isAbsolute(given) || path.win32.isAbsolute(given) || /^[a-z]+:/i.test(given)) {
    throw new SparkError('validation', `path must stay inside the workspace: ${JSON.stringify(given)} is absolute; give it relative to the workspace. Nothing was sent.`);
  }
  if (given.split(/[\\/]/).includes('..')) {
    throw new SparkError('validation', `path must stay inside the workspace: ${JSON.stringify(given)} contains "..". Nothing was sent.`);
  }
  const root = fs.realpathSync(workspace);
  const full = path.resolve(root, given);
  const real = realExisting(full);
  const relative = path.relative(root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new SparkError('validation', `path must stay inside the workspace: ${JSON.stringify(given)} leads out of it through a symbolic link. Nothing was sent.`);
  }
  return real;
}

/** The workspace-relative form with forward slashes, as an agent and a markdown link want it. */
export function workspaceRelative(workspace: string, full: string): string {
  return path.relative(fs.realpathSync(workspace), full).split(path.sep).join('/');
}
