/** Which spark-image.json applies: the nearest one from a folder up to the root, with no merging. */
import { REPO_CONFIG_FILE } from './repoConfig';

function parentOf(folder: string): string {
  const trimmed = folder.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash <= 0 ? '/' : trimmed.slice(0, slash);
}

/**
 * POSIX folders from `start` up to and including `root`, nearest first. A start outside the root
 * gives the root alone: a file above the workspace is never read.
 */
export function foldersUpTo(start: string, root: string): string[] {
  const top = root.replace(/\/+$/, '') || '/';
  let folder = start.replace(/\/+$/, '') || '/';
  if (folder !== top && !folder.startsWith(top === '/' ? '/' : `${top}/`)) {
    return [top];
  }
  const folders = [folder];
  while (folder !== top) {
    folder = parentOf(folder);
    folders.push(folder);
  }
  return folders;
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
