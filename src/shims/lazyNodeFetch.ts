import * as path from 'path';
import type nodeFetch from 'node-fetch';

/**
 * The extension's bundle maps node-fetch here (esbuild.js): the library is its own file beside
 * extension.js, required on the first request, so activating the extension does not load it.
 */
type NodeFetch = typeof nodeFetch;
let loaded: NodeFetch | undefined;

function load(): NodeFetch {
  // A computed path: esbuild leaves it alone, and Node loads the separate bundle next to this one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
  return (loaded ??= require(path.join(__dirname, 'nodeFetch.js')) as NodeFetch);
}

const lazyFetch = ((url: Parameters<NodeFetch>[0], init?: Parameters<NodeFetch>[1]) => load()(url, init)) as NodeFetch;
export default lazyFetch;
