import * as fs from 'fs';
import * as path from 'path';
import { findNearestConfig } from '../core/repoConfig/nearestConfig';
import { EMPTY_REPO_CONFIG, readRepoConfig, RepoConfigReading } from '../core/repoConfig/repoConfig';

/** Where a repository file was found and what it says; no file reads as the empty config. */
export interface LoadedRepoConfig extends RepoConfigReading {
  file?: string;
}

/** The CLI's root: the nearest folder with `.git`, else the folder it runs in. */
export function repositoryRootOf(cwd: string): string {
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, '.git'))) {
      return folder;
    }
    if (path.dirname(folder) === folder) {
      return path.resolve(cwd);
    }
  }
}

const toPosix = (value: string) => value.split(path.sep).join('/');

/** Reads the nearest spark-image.json from `start` up to `root` (the file's own folder when `start` is a file). */
export async function loadRepoConfig(start: string, root: string): Promise<LoadedRepoConfig> {
  const folder = fs.existsSync(start) && fs.statSync(start).isFile() ? path.dirname(start) : start;
  const isFile = async (candidate: string) => fs.promises.stat(candidate).then((stat) => stat.isFile(), () => false);
  const found = await findNearestConfig(toPosix(path.resolve(folder)), toPosix(path.resolve(root)), isFile);
  if (!found) {
    return { config: EMPTY_REPO_CONFIG, problems: [] };
  }
  const file = path.normalize(found);
  return { file, ...readRepoConfig(await fs.promises.readFile(file, 'utf8')) };
}
