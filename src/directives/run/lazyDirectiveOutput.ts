import * as path from 'path';
import type * as DirectiveOutput from './directiveOutput';

let loaded: typeof DirectiveOutput | undefined;

/** directiveOutput.ts, from its own bundle beside extension.js (esbuild.js), loaded on first use. */
export function directiveOutput(): typeof DirectiveOutput {
  // A computed path: esbuild leaves it alone, and Node loads the separate bundle next to this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
  return (loaded ??= require(path.join(__dirname, 'directiveOutput.js')) as typeof DirectiveOutput);
}
