// The Scenario type: how one task (and the requests around it) should behave. Documented in CONTRACT.md.

export type Phase = 'queued' | 'running' | 'completed' | 'failed';

/** Fires on `times` requests (omitted: every time). */
interface Counted {
  times?: number;
}

/** Retry-After: `retryAfter` seconds (null: no header); sent as a number or as an HTTP-date. */
interface RetryAfter {
  retryAfter?: number | null;
  retryAfterFormat?: 'seconds' | 'date';
}

/** A status fault's body: the seed's {error: {code, error_message}} unless a test gives its own JSON. */
interface Body {
  body?: unknown;
}

export type CreateFault = Counted &
  (
    | ({ kind: 'status'; status: number } & RetryAfter & Body)
    | { kind: 'reset' } // socket destroyed after the body was read
    | { kind: 'hang' } // never answered (until close())
    | { kind: 'html'; status?: number } // an HTML error page (default 502)
    | { kind: 'empty'; status?: number } // no body at all (default 200)
    | { kind: 'no-id' } // 200 with a status but no task id
    | { kind: 'error-body'; code?: number | string; message?: string } // 200 carrying an error
    // The task is created (and billed), then its answer is lost: the socket destroyed (`reset`,
    // the default) or a 200 application/json body cut off mid-object (`broken-json`).
    | { kind: 'lost-answer'; how?: 'reset' | 'broken-json' }
  );

export type PollFault = Counted &
  (
    | ({ kind: 'status'; status: number } & RetryAfter & Body)
    | { kind: 'broken-json' } // 200, application/json, cut off mid-object
    | { kind: 'reset' }
    | { kind: 'hang' }
  );

export type ImageFault = Counted & {
  /** Overrides the `size` the task output reports for each image. */
  reportedSize?: number;
} & (
    | { kind: 'svg' } // SVG markup served as image/png
    | { kind: 'html' } // HTML served as image/png
    | { kind: 'missing' } // 404
    | { kind: 'oversized'; bytes?: number; chunked?: boolean } // streams `bytes` (default 60 MiB)
    | { kind: 'drip'; bytes?: number } // sends `bytes` (default 8) of the real image, then stalls
    | { kind: 'truncated'; bytes?: number } // full Content-Length, `bytes` (default half) sent, then reset
    | {
        kind: 'redirect';
        hops?: number; // default 1
        to?: 'image' | 'loop' | 'other-origin' | 'remote' | 'file'; // default 'image'
        status?: 301 | 302 | 303 | 307 | 308; // default 302
      }
  );

export interface Scenario {
  // Wire shape
  /**
   * `gateway` (default): the Vtrix gateway's {model, input: [{params}]} create body, `in_progress`
   * status, progress, created_at in unix seconds. `flat`: the seed's parameters at the top level.
   */
  wire?: 'gateway' | 'flat';
  /** How progress is reported: 0..1 (`fraction`, the gateway's default), 0..100 (`percent`) or not at all (`none`, flat's default). */
  progress?: 'fraction' | 'percent' | 'none';
  /** The create answers the finished task, output included (no poll needed). */
  immediate?: boolean;
  /** The content item's `type`: `image` (default), `image_url`, or none at all. */
  contentType?: 'image' | 'image_url' | 'none';
  /**
   * A failed task's `error`: the seed's {code, error_message} object (default), {code, message}
   * (doc.vtrix.ai's response format, sea-sdk-go's tests) or a plain string (vtrix-cli's reading).
   */
  taskError?: 'object' | 'message' | 'string';
  /** Progress of an ended task: 1 (`one`, default) or left out (`absent`: doc.vtrix.ai sends it only while in_progress). */
  endedProgress?: 'one' | 'absent';
  /** `usage.cost`: a 4-decimal string (default, vtrix-cli and seacloud-cli), a number, `""` or null (sea-sdk-go reads all three). */
  cost?: 'string' | 'number' | 'empty' | 'null';
  /** `usage.discount` (0 by default; sea-sdk-js and sea-sdk-go show 1). */
  discount?: number;
  envelope?: 'plain' | 'wrapped';
  idField?: 'id' | 'task_id' | 'taskId';
  statusWords?: 'canonical' | 'alt';
  /** Per-phase status word, winning over statusWords (unknown words, `cancelled`, …). */
  statusWord?: Partial<Record<Phase, string>>;
  codeStyle?: 'integer' | 'string';
  // Lifecycle
  queuedMs?: number;
  durationMs?: number;
  never?: boolean;
  fail?: { code?: number | string; message?: string | null };
  images?: number;
  /** Completed with no images, as `output: [{content: []}]`, `output: []` or no `output` (implies images: 0). */
  emptyOutput?: 'empty-content' | 'empty-output' | 'no-output';
  format?: 'png' | 'jpeg';
  imageUrl?: 'served' | 'data' | 'file' | 'javascript' | 'remote';
  // Faults
  create?: CreateFault;
  poll?: PollFault;
  image?: ImageFault;
}

/** A `next` entry: merged over `default`; a key set to null removes the default's value. */
export type ScenarioOverride = { [K in keyof Scenario]?: Scenario[K] | null };

export interface ScenarioSettings {
  default?: Scenario;
  next?: ScenarioOverride[];
}

/** The effective scenario of one create: the default, with the entry's keys winning. */
export function mergeScenario(base: Scenario, override: ScenarioOverride | undefined): Scenario {
  const merged: Record<string, unknown> = { ...base, ...override };
  for (const key of Object.keys(merged)) if (merged[key] === null || merged[key] === undefined) delete merged[key];
  return merged as Scenario;
}

export const DEFAULTS = {
  queuedMs: 200,
  durationMs: 600,
  images: 1,
  oversizedBytes: 60 * 1024 * 1024,
  dripBytes: 8,
} as const;

const ALT_WORDS: Record<Phase, string> = { queued: 'submitted', running: 'in_progress', completed: 'succeeded', failed: 'error' };

/** The gateway knows no "queued": a task is in_progress (at progress 0) until it ends. */
const GATEWAY_WORDS: Record<Phase, string> = { queued: 'in_progress', running: 'in_progress', completed: 'completed', failed: 'failed' };

export function isGateway(scenario: Scenario): boolean {
  return (scenario.wire ?? 'gateway') === 'gateway';
}

export function statusWord(scenario: Scenario, phase: Phase): string {
  const canonical = isGateway(scenario) ? GATEWAY_WORDS[phase] : phase;
  return scenario.statusWord?.[phase] ?? (scenario.statusWords === 'alt' ? ALT_WORDS[phase] : canonical);
}

/** A 9-digit seed code (3002005) in the scenario's style: integer, or the zero-padded string "003002005". */
export function formatCode(scenario: Scenario, code: number | string): number | string {
  if (typeof code === 'string') return code;
  return scenario.codeStyle === 'string' ? String(code).padStart(9, '0') : code;
}

// ---- Checking: a typo in a test's scenario must fail loudly, not silently test the happy path.

const KEYS: Record<string, (v: unknown) => boolean> = {
  wire: oneOf('gateway', 'flat'),
  progress: oneOf('fraction', 'percent', 'none'),
  immediate: (v) => typeof v === 'boolean',
  contentType: oneOf('image', 'image_url', 'none'),
  taskError: oneOf('object', 'message', 'string'),
  endedProgress: oneOf('one', 'absent'),
  cost: oneOf('string', 'number', 'empty', 'null'),
  discount: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  envelope: oneOf('plain', 'wrapped'),
  idField: oneOf('id', 'task_id', 'taskId'),
  statusWords: oneOf('canonical', 'alt'),
  statusWord: (v) => isObject(v) && Object.entries(v).every(([k, w]) => ['queued', 'running', 'completed', 'failed'].includes(k) && typeof w === 'string'),
  codeStyle: oneOf('integer', 'string'),
  queuedMs: isCount,
  durationMs: isCount,
  never: (v) => typeof v === 'boolean',
  fail: (v) =>
    isObject(v) &&
    onlyKeys(v, ['code', 'message']) &&
    (v.code === undefined || typeof v.code === 'string' || Number.isInteger(v.code)) &&
    (v.message === undefined || v.message === null || typeof v.message === 'string'),
  images: isCount,
  emptyOutput: oneOf('empty-content', 'empty-output', 'no-output'),
  format: oneOf('png', 'jpeg'),
  imageUrl: oneOf('served', 'data', 'file', 'javascript', 'remote'),
  create: (v) => isFault(v, CREATE_KINDS),
  poll: (v) => isFault(v, POLL_KINDS),
  image: (v) => isFault(v, IMAGE_KINDS),
};

const COMMON_FAULT_KEYS = ['kind', 'times'];
const RETRY_KEYS = ['status', 'retryAfter', 'retryAfterFormat', 'body'];
const CREATE_KINDS: Record<string, string[]> = {
  status: RETRY_KEYS,
  reset: [],
  hang: [],
  html: ['status'],
  empty: ['status'],
  'no-id': [],
  'error-body': ['code', 'message'],
  'lost-answer': ['how'],
};
const POLL_KINDS: Record<string, string[]> = { status: RETRY_KEYS, 'broken-json': [], reset: [], hang: [] };
const IMAGE_KINDS: Record<string, string[]> = {
  svg: ['reportedSize'],
  html: ['reportedSize'],
  missing: ['reportedSize'],
  oversized: ['reportedSize', 'bytes', 'chunked'],
  drip: ['reportedSize', 'bytes'],
  truncated: ['reportedSize', 'bytes'],
  redirect: ['reportedSize', 'hops', 'to', 'status'],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function oneOf(...values: string[]): (v: unknown) => boolean {
  return (v) => typeof v === 'string' && values.includes(v);
}
function isCount(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0;
}
function onlyKeys(v: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(v).every((k) => keys.includes(k));
}
function isFault(v: unknown, kinds: Record<string, string[]>): boolean {
  if (!isObject(v) || typeof v.kind !== 'string' || !(v.kind in kinds)) return false;
  if (!onlyKeys(v, [...COMMON_FAULT_KEYS, ...kinds[v.kind]])) return false;
  if (v.times !== undefined && !isCount(v.times)) return false;
  if (v.kind === 'status' && v.status === undefined) return false;
  if (v.status !== undefined && !(Number.isInteger(v.status) && (v.status as number) >= 200 && (v.status as number) <= 599)) return false;
  if (v.kind === 'status' && (v.status as number) < 400) return false;
  if (v.chunked !== undefined && typeof v.chunked !== 'boolean') return false;
  if (v.retryAfter !== undefined && v.retryAfter !== null && !isCount(v.retryAfter)) return false;
  if (v.retryAfterFormat !== undefined && !oneOf('seconds', 'date')(v.retryAfterFormat)) return false;
  for (const k of ['bytes', 'hops', 'reportedSize']) if (v[k] !== undefined && !isCount(v[k])) return false;
  if (v.kind === 'lost-answer' && v.how !== undefined && !oneOf('reset', 'broken-json')(v.how)) return false;
  if (v.kind === 'redirect' && v.to !== undefined && !oneOf('image', 'loop', 'other-origin', 'remote', 'file')(v.to)) return false;
  if (v.kind === 'redirect' && v.status !== undefined && ![301, 302, 303, 307, 308].includes(v.status as number)) return false;
  return true;
}

/** Throws a message naming the first bad key; returns the scenario typed. Null values (unset) only in overrides. */
export function checkScenario(value: unknown, where = 'scenario', allowNull = false): ScenarioOverride {
  if (!isObject(value)) throw new Error(`${where} must be an object`);
  for (const [key, v] of Object.entries(value)) {
    const check = KEYS[key];
    if (!check) throw new Error(`${where}: unknown key "${key}"`);
    if (v === undefined || (v === null && allowNull)) continue;
    if (!check(v)) throw new Error(`${where}: bad value for "${key}": ${JSON.stringify(v)}`);
  }
  return value as ScenarioOverride;
}

export function checkSettings(value: unknown): ScenarioSettings {
  if (!isObject(value)) throw new Error('scenario settings must be an object {default?, next?}');
  for (const key of Object.keys(value)) if (key !== 'default' && key !== 'next') throw new Error(`scenario settings: unknown key "${key}"`);
  const settings: ScenarioSettings = {};
  if (value.default !== undefined) settings.default = checkScenario(value.default, 'default') as Scenario;
  if (value.next !== undefined) {
    if (!Array.isArray(value.next)) throw new Error('next must be an array of scenarios');
    settings.next = value.next.map((s, i) => checkScenario(s, `next[${i}]`, true));
  }
  return settings;
}
