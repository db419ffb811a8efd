import { LinkedAbort } from '../base/abort';
import { AddressClass, AddressRange, DestinationPolicy, refusedRange } from './addressRules';
import { concat } from '../base/bytes';
import { SparkError } from '../spec/errors';
import { FetchLike, HttpResponse, isLoopbackHost, networkErrorCode } from '../api/http';
import { describeContent, ImageInfo, sniffImage } from '../image/imageType';
import { Logger } from '../base/logger';
import { english, Translate } from '../base/messages';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** The largest image accepted, in bytes (default 50 MB), enforced while streaming. */
  maxBytes?: number;
  /** Give up when no byte arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Redirects followed at most, each one checked again (default 3). */
  maxRedirects?: number;
  /** Loopback images are allowed only when the API itself is loopback (default false). */
  allowLoopback?: boolean;
  /** The same product User-Agent as the API requests (the front end's), never a key. */
  userAgent?: string;
}

export interface DownloadDeps {
  fetch: FetchLike;
  logger: Logger;
  t?: Translate;
}

export interface DownloadedImage {
  bytes: Uint8Array;
  info: ImageInfo;
  /** Where the bytes finally came from, after redirects. */
  finalUrl: string;
}

/** Download options for a task of this API: loopback images only when the API is loopback itself. */
export function imageDownloadFor<T extends { download?: Omit<DownloadOptions, 'signal'> }>(options: T, api: { baseUrl: string; userAgent?: string }): T & { download: Omit<DownloadOptions, 'signal'> } {
  let loopbackApi = false;
  try {
    loopbackApi = isLoopbackHost(new URL(api.baseUrl).hostname);
  } catch {
    // An invalid base URL is refused by the client before anything is downloaded.
  }
  return { ...options, download: { ...options.download, allowLoopback: loopbackApi, userAgent: api.userAgent } };
}

export const DEFAULT_MAX_IMAGE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 3;

function refuse(t: Translate, message: string, ...args: Array<string | number>): SparkError {
  return new SparkError('download', t(message, ...args));
}

/** Shows a URL in a message without its query (which may carry signatures) and bounded in length. */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const shown = `${url.protocol}//${url.host}${url.pathname}`;
    return shown.length > 120 ? `${shown.slice(0, 119)}…` : shown;
  } catch {
    return raw.length > 60 ? `${raw.slice(0, 59)}…` : raw;
  }
}

/** The words a refusal names a range by. */
function rangeName(range: AddressRange, t: Translate): string {
  switch (range) {
    case 'loopback':
      return t('loopback');
    case 'private':
      return t('private network (RFC 1918)');
    case 'linkLocal':
      return t('link-local');
    case 'sharedCgnat':
      return t('shared carrier-grade NAT (RFC 6598)');
    case 'uniqueLocal':
      return t('unique-local');
    case 'siteLocal':
      return t('site-local');
    case 'multicast':
      return t('multicast');
    case 'thisNetwork':
      return t('"this network"');
    case 'unspecified':
      return t('unspecified');
    case 'reserved':
      return t('reserved');
  }
}

function refusedAddress(t: Translate, raw: string, address: string, found: AddressClass, via?: string): SparkError {
  const range = rangeName(found.range, t);
  return via === undefined
    ? refuse(t, 'Refused to download {0}: {1} is a {2} address ({3}); images are fetched only from public addresses.', displayUrl(raw), address, range, found.block)
    : refuse(t, 'Refused to download {0}: {1} resolves to {2}, a {3} address ({4}); images are fetched only from public addresses.', displayUrl(raw), via, address, range, found.block);
}

/**
 * The check a transport makes on every address it is about to connect to for this URL (after DNS,
 * so a public name that resolves to a private address is refused too): an error refuses it.
 */
export function destinationGuard(raw: string, policy: DestinationPolicy, t: Translate = english): (address: string, hostname: string) => SparkError | undefined {
  return (address, hostname) => {
    const found = refusedRange(address, policy);
    if (!found) {
      return undefined;
    }
    const bare = hostname.replace(/^\[|\]$/g, '');
    return refusedAddress(t, raw, address, found, bare === address ? undefined : bare);
  };
}

/**
 * Only https, or plain http to this machine (the mock, a local proxy). file:, data:, javascript:
 * and the like are refused before anything is fetched, and so are IP literals of this machine's or
 * the local network (loopback only when the policy allows it).
 */
export function checkDownloadUrl(raw: string, t: Translate = english, policy: DestinationPolicy = { allowLoopback: false }): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(t, 'The image address {0} is not a valid URL.', displayUrl(raw));
  }
  if (url.username || url.password) {
    throw refuse(t, 'Refused to download {0}: the address carries credentials.', displayUrl(raw));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refuse(t, 'Refused to download an image from a {0} address: only https is allowed.', url.protocol);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // The URL parser already turned every IPv4 spelling (0x7f.1, 2130706433) into dotted decimal.
  const literal = refusedRange(host, policy);
  if (literal) {
    throw refusedAddress(t, raw, host, literal);
  }
  if (isLoopbackHost(host) && !policy.allowLoopback) {
    throw refusedAddress(t, raw, host, { range: 'loopback', block: '127.0.0.0/8' });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(host)) {
    throw refuse(t, 'Refused to download {0}: plain http is allowed only for localhost.', displayUrl(raw));
  }
  return url;
}

async function readCapped(response: HttpResponse, linked: LinkedAbort, maxBytes: number, idleMs: number): Promise<Uint8Array | 'tooLarge'> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) {
    return new Uint8Array(await response.text().then((text) => Buffer.from(text, 'latin1')));
  }
  linked.restartTimer(idleMs);
  for await (const chunk of response.body) {
    linked.restartTimer(idleMs);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    total += bytes.byteLength;
    if (total > maxBytes) {
      linked.abort();
      return 'tooLarge';
    }
    chunks.push(bytes);
  }
  return concat(chunks);
}

/**
 * Downloads one generated image into memory, so that nothing is written unless every check
 * passed. No Authorization header is ever sent here: image hosts are other origins.
 */
export async function downloadImage(rawUrl: string, deps: DownloadDeps, options: DownloadOptions = {}): Promise<DownloadedImage> {
  const t = deps.t ?? english;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const visited = new Set<string>();
  const policy: DestinationPolicy = { allowLoopback: options.allowLoopback === true };
  let url = checkDownloadUrl(rawUrl, t, policy);

  for (let hop = 0; ; hop++) {
    visited.add(url.href);
    const linked = new LinkedAbort(options.signal);
    linked.restartTimer(idleMs);
    try {
      deps.logger.info(`GET ${displayUrl(url.href)}`);
      const response = await deps.fetch(url.href, {
        method: 'GET',
        headers: { Accept: 'image/png, image/jpeg, image/webp', ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}) },
        signal: linked.signal,
        redirect: 'manual',
        refuseAddress: destinationGuard(url.href, policy, t),
      });
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        if (!location) {
          throw refuse(t, 'The image server answered a redirect (HTTP {0}) without a destination.', response.status);
        }
        if (hop >= maxRedirects) {
          throw refuse(t, 'Refused the image: more than {0} redirects.', maxRedirects);
        }
        const next = checkDownloadUrl(new URL(location, url).href, t, policy);
        if (visited.has(next.href)) {
          throw refuse(t, 'Refused the image: the redirects loop back to {0}.', displayUrl(next.href));
        }
        deps.logger.info(`redirect ${response.status} → ${displayUrl(next.href)}`);
        url = next;
        continue;
      }
      if (response.status !== 200) {
        throw refuse(t, 'The image could not be downloaded: HTTP {0} from {1}.', response.status, displayUrl(url.href));
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        throw refuse(t, 'Refused the image: it is {0} MB, above the limit of {1} MB.', (declared / 1048576).toFixed(1), (maxBytes / 1048576).toFixed(0));
      }
      const bytes = await readCapped(response, linked, maxBytes, idleMs);
      if (bytes === 'tooLarge') {
        throw refuse(t, 'Refused the image: it grew beyond the limit of {0} MB.', (maxBytes / 1048576).toFixed(0));
      }
      if (Number.isFinite(declared) && declared > 0 && bytes.byteLength < declared) {
        throw refuse(t, 'The image download was cut short: {0} of {1} bytes arrived.', bytes.byteLength, declared);
      }
      const info = sniffImage(bytes);
      if (!info) {
        throw refuse(t, 'Refused the download: it is {0}, not a PNG, JPEG or WebP image (the server called it {1}).', describeContent(bytes), response.headers.get('content-type') ?? 'nothing');
      }
      deps.logger.info(`downloaded ${bytes.byteLength} bytes, ${info.format} ${info.width ?? '?'}×${info.height ?? '?'}`);
      return { bytes, info, finalUrl: url.href };
    } catch (error) {
      if (error instanceof SparkError) {
        throw error;
      }
      if (linked.cancelledByParent) {
        throw new SparkError('cancelled', t('Cancelled.'), { cause: error });
      }
      if (linked.timedOut) {
        throw refuse(t, 'The image download stalled: nothing arrived for {0} s.', Math.round(idleMs / 1000));
      }
      const reason = networkErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
      throw new SparkError('download', t('The image download failed ({0}).', reason), { cause: error });
    } finally {
      linked.dispose();
    }
  }
}
