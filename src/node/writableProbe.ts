import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Whether a folder can take a new file: proven by making one, not guessed from mode bits. */
export type WritableProof = { ok: true } | { ok: false; folder: string; reason: string };

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOENT: 'the file system does not let files be made there',
  ENAMETOOLONG: 'the path is too long',
};

/** "permission denied (EACCES)": the words a person reads, and the code a search finds. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) {
    return `${REASONS[code]} (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Makes the missing folders one level at a time (what FsImageSink needs too). fs.mkdirSync with recursive: true never returns
 * under /proc (it retries an ENOENT forever, Node 20), so the recursion is ours.
 */
export function makeMissingFolders(folder: string): void {
  const missing: string[] = [];
  let at = folder;
  while (!fs.existsSync(at)) {
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) {
      break;
    }
    at = parent;
  }
  if (fs.existsSync(at) && !fs.statSync(at).isDirectory()) {
    throw new Error(`${at} is a file, not a folder`);
  }
  for (const part of missing) {
    fs.mkdirSync(part);
  }
}

/**
 * Proves that an image can be saved in `folder` before anything is paid for: makes the folders that
 * are missing (they stay), then creates and removes a file there. The answer names the folder and,
 * when it fails, why.
 */
export function proveWritable(folder: string): WritableProof {
  const full = path.resolve(folder);
  try {
    makeMissingFolders(full);
  } catch (error) {
    return { ok: false, folder: full, reason: writeFailureReason(error) };
  }
  const probe = path.join(full, `.spark-image-probe-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(probe, 'spark-image', { flag: 'wx' });
  } catch (error) {
    return { ok: false, folder: full, reason: writeFailureReason(error) };
  }
  try {
    fs.unlinkSync(probe);
  } catch (error) {
    return { ok: false, folder: full, reason: `a file made there cannot be removed: ${writeFailureReason(error)}` };
  }
  return { ok: true };
}
