import * as path from 'path';
import type * as StyleReader from './styleReader';

let loaded: typeof StyleReader | undefined;

/** styleReader.ts, from its own bundle beside extension.js (esbuild.js), loaded on first use. */
export function styleReader(): typeof StyleReader {
  // A computed path: esbuild leaves it alone, and Node loads the separate bundle next to this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
  return (loaded ??= require(path.join(__dirname, 'houseStyles.js')) as typeof StyleReader);
}
