import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { proveWritable } from '../../node/writableProbe';
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

/**
 * Proves a file can be made in `folder` (making the missing folders, which stay), else refuses
 * with the folder and the reason. Run right before a paid create: nothing has been sent yet.
 */
export function requireWritable(folder: string): void {
  const proof = proveWritable(folder);
  if (!proof.ok) {
    throw new UsageError(`Cannot save in the folder ${proof.folder}: ${proof.reason}. Nothing was sent.`);
  }
}

/**
 * Checked before the (paid) task is created, so a mistyped or unwritable --out costs nothing. A
 * trailing slash or an existing folder means "name the file in there"; anything else is a file
 * name. Missing folders are made; the folder is proven writable by making a file there.
 */
export function resolveDestination(out: string | undefined, cwd: string): Destination {
  if (out === undefined) {
    requireWritable(cwd);
    return { kind: 'folder', folder: cwd };
  }
  const full = path.resolve(cwd, out);
  const stat = statOf(full);
  if (stat?.isDirectory() || /[\\/]$/.test(out)) {
    requireWritable(full);
    return { kind: 'folder', folder: full };
  }
  if (stat && !stat.isFile()) {
    throw new UsageError(`${out} is neither a file nor a folder.`);
  }
  const folder = path.dirname(full);
  requireWritable(folder);
  return { kind: 'file', folder, name: path.basename(full) };
}

/**
 * After the disk refused a paid image: an --out for the resume hint that works now (the current
 * folder, else the home or temp folder), keeping the file name asked for; undefined if none does.
 */
export function workingOut(failed: Destination, cwd: string): string | undefined {
  const candidates = [cwd, os.homedir(), os.tmpdir()].map((folder) => path.resolve(folder)).filter((folder) => folder !== path.resolve(failed.folder));
  const folder = candidates.find((candidate) => proveWritable(candidate).ok);
  if (folder === undefined) {
    return undefined;
  }
  const shown = folder === path.resolve(cwd) ? '.' : folder;
  return failed.kind === 'file' ? `${shown}/${failed.name}` : `${shown}/`;
}
