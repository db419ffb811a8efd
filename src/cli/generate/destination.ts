import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../usageError';

/** Where --out points: a folder to name the file in, or a file name in a folder. */
export type Destination = { kind: 'folder'; folder: string } | { kind: 'file'; folder: string; name: string };

function statOf(target: string): fs.Stats | undefined {
  try {
    return fs.statSync(target);
  } catch {
    return undefined;
  }
}

function requireWritableFolder(folder: string, shown: string): void {
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new UsageError(`Cannot write to the folder ${shown}.`);
  }
}

/**
 * Checked before the (paid) task is created, so a mistyped --out costs nothing. A trailing slash
 * or an existing folder means "name the file in there"; anything else is a file name.
 */
export function resolveDestination(out: string | undefined, cwd: string): Destination {
  if (out === undefined) {
    requireWritableFolder(cwd, 'the current folder');
    return { kind: 'folder', folder: cwd };
  }
  const full = path.resolve(cwd, out);
  const stat = statOf(full);
  if (stat?.isDirectory()) {
    requireWritableFolder(full, out);
    return { kind: 'folder', folder: full };
  }
  if (/[\\/]$/.test(out)) {
    throw new UsageError(`The folder ${out} does not exist.`);
  }
  if (stat && !stat.isFile()) {
    throw new UsageError(`${out} is neither a file nor a folder.`);
  }
  const folder = path.dirname(full);
  if (!statOf(folder)?.isDirectory()) {
    throw new UsageError(`The folder for ${out} does not exist.`);
  }
  requireWritableFolder(folder, path.dirname(out) || '.');
  return { kind: 'file', folder, name: path.basename(full) };
}
