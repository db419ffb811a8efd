import * as http from 'http';
import * as https from 'https';
import { isIP } from 'net';
import fetch from 'node-fetch';
import { LinkedAbort } from '../core/base/abort';
import { FetchLike, HttpResponse } from '../core/api/http';
import { PRODUCT } from '../core/api/apiConfig';
import { guardedLookup, Resolver, systemResolver } from './lookup';

type NodeFetchInit = NonNullable<Parameters<typeof fetch>[1]>;

export interface NodeFetchOptions {
  /** How names are resolved for requests that carry `refuseAddress` (default: the system's). */
  resolve?: Resolver;
}

/** Our product name rather than node-fetch's own when the caller did not say which front end asks. */
function withProductName(headers: Record<string, string> = {}): Record<string, string> {
  return Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent') ? headers : { ...headers, 'User-Agent': PRODUCT };
}

/**
 * The transport used by the extension and the CLI. node-fetch rides on Node's http/https modules,
 * which VS Code's extension host routes through the user's proxy and certificates.
 *
 * A request with `refuseAddress` (an image download) gets its own Agent whose lookup asks it at
 * connect time; an IP literal, which Node connects to without a lookup, is asked before sending.
 * Destroying the body (a reader that stopped early: too large, stalled) closes the connection.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const resolve = options.resolve ?? systemResolver;
  return async (url, init) => {
    const check = init.refuseAddress;
    let refusal: Error | undefined;
    let agent: http.Agent | undefined;
    if (check) {
      if (init.redirect === 'follow' || init.redirect === undefined) {
        // Followed redirects to an IP literal would skip the lookup: the caller checks each hop.
        throw new Error('A request with refuseAddress must not follow redirects itself.');
      }
      const parsed = new URL(url);
      const host = parsed.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) !== 0) {
        const literal = check(host, host);
        if (literal) {
          throw literal;
        }
      }
      const lookup = guardedLookup(resolve, (address, hostname) => (refusal = check(address, hostname)));
      agent = parsed.protocol === 'https:' ? new https.Agent({ lookup }) : new http.Agent({ lookup });
    }
    const linked = new LinkedAbort(init.signal);
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(url, {
        method: init.method ?? 'GET',
        headers: withProductName(init.headers),
        body: init.body,
        // node-fetch declares its own AbortSignal type; the standard one is what it accepts at run time.
        signal: linked.signal as NodeFetchInit['signal'],
        redirect: init.redirect ?? 'follow',
        agent,
      });
    } catch (error) {
      linked.dispose();
      throw refusal ?? error;
    }
    let ended = false;
    response.body.once('end', () => (ended = true));
    response.body.once('close', () => {
      if (!ended) {
        // node-fetch reports the abort as an 'error' on the body: nobody may be listening any more.
        response.body.on('error', () => undefined);
        linked.abort();
      }
      linked.dispose();
    });
    return response as unknown as HttpResponse;
  };
}

export const nodeFetch: FetchLike = createNodeFetch();
