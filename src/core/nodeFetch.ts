import fetch from 'node-fetch';
import { FetchLike, HttpResponse } from './http';

/**
 * The transport used by the extension and the CLI. node-fetch rides on Node's http/https modules,
 * which VS Code's extension host routes through the user's proxy and certificates.
 */
export const nodeFetch: FetchLike = async (url, init) => {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    // node-fetch declares its own AbortSignal type; the standard one is what it accepts at run time.
    signal: init.signal as Parameters<typeof fetch>[1] extends infer I ? (I extends { signal?: infer S } ? S : never) : never,
    redirect: init.redirect ?? 'follow',
  });
  return response as unknown as HttpResponse;
};
