import * as path from 'path';
import { HouseStyles } from '../../core/directives/directiveStyle';
import { repositoryRootOf } from '../../node/repoConfigFile';
import { houseStylesFor, problemLines } from '../generate/repoStyles';
import { CliIo } from '../terminal/io';

/** Each markdown file's spark-image.json (the nearest, up to the repository root), by file. */
export type StylesByFile = ReadonlyMap<string, HouseStyles | undefined>;

/**
 * Reads the styles every file uses, once per folder, and prints each file's problems once
 * (file:line:column), so a broken file is named even when no directive uses a style.
 */
export async function docsHouseStyles(files: readonly string[], io: CliIo): Promise<StylesByFile> {
  const root = repositoryRootOf(io.cwd);
  const byFolder = new Map<string, HouseStyles | undefined>();
  const byFile = new Map<string, HouseStyles | undefined>();
  const reported = new Set<string>();
  for (const file of files) {
    const folder = path.dirname(file);
    if (!byFolder.has(folder)) {
      byFolder.set(folder, await houseStylesFor(folder, root, io.cwd));
    }
    const styles = byFolder.get(folder);
    if (styles && !reported.has(styles.file)) {
      reported.add(styles.file);
      problemLines(styles).forEach((line) => io.stderr.line(line));
    }
    byFile.set(file, styles);
  }
  return byFile;
}
