import * as fs from 'fs';
import * as path from 'path';

/**
 * The version in our package.json, found by walking up from this file: the same code runs
 * bundled from dist/ and transpiled from out/src/cli/, at different depths.
 */
export function packageVersion(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      // spark-image: the extension's own; spark-image-cli: the package npm run pack:cli makes.
      if ((manifest.name === 'spark-image' || manifest.name === 'spark-image-cli') && typeof manifest.version === 'string') {
        return manifest.version;
      }
    } catch {
      // No readable package.json here; keep climbing.
    }
    if (path.dirname(dir) === dir) {
      return 'unknown';
    }
  }
}
