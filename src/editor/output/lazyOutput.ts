import * as path from 'path';
import type * as OutputBundle from './outputBundle';

let loaded: typeof OutputBundle | undefined;

/** outputBundle.ts, from its own bundle beside extension.js (esbuild.js), loaded on the first conversion. */
export function outputBundle(): typeof OutputBundle {
  // A computed path: esbuild leaves it alone, and Node loads the separate bundle next to this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
  return (loaded ??= require(path.join(__dirname, 'editorOutput.js')) as typeof OutputBundle);
}
