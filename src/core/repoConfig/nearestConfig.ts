/** Which spark-image.json applies: the nearest one from a folder up to the root, with no merging. */
import { REPO_CONFIG_FILE } from './repoConfig';

/**
 * POSIX folders from `start` up to and including `root`, nearest first. A start outside the root
 * gives the root alone: a file above the workspace is never read. Built from the start's segments
 * below the root, so an odd path (a double slash, a trailing one) cannot walk past the root.
 */
export function foldersUpTo(start: string, root: string): string[] {
  const top = root.replace(/\/+$/, '') || '/';
  const folder = start.replace(/\/+$/, '') || '/';
  const prefix = top === '/' ? '/' : `${top}/`;
  if (folder !== top && !folder.startsWith(prefix)) {
    return [top];
  }
  const segments = folder === top ? [] : folder.slice(prefix.length).split('/').filter((segment) => segment !== '');
  const folders = [top];
  for (const segment of segments) {
    folders.push(`${prefix}${folders.length > 1 ? `${folders[folders.length - 1].slice(prefix.length)}/` : ''}${segment}`);
  }
  return folders.reverse();
}

/** The path of the nearest spark-image.json, or undefined when no folder up to the root has one. */
export async function findNearestConfig(start: string, root: string, isFile: (path: string) => Promise<boolean>): Promise<string | undefined> {
  for (const folder of foldersUpTo(start, root)) {
    const candidate = `${folder === '/' ? '' : folder}/${REPO_CONFIG_FILE}`;
    if (await isFile(candidate)) {
      return candidate;
    }
  }
  return undefined;
}
