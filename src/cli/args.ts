import { SIZE_PRESETS } from '../core/spec/spec';
import { parseSizeText } from '../core/spec/sizeText';
import type { DocsCommand } from './docs/docsArgs';
import type { GenerateCommand, RequestOptions, ResumeCommand, SharedOptions } from './commandTypes';
import { UsageError } from './usageError';
import { DOCS_INLINE_VALUE_SWITCHES, DOCS_SWITCHES, DOCS_VALUE_FLAGS, parseDocsOptions, rejectDocsFlags } from './docs/docsArgs';
import { MCP_VALUE_FLAGS, McpCommand, parseMcpOptions, rejectMcpFlags } from './mcp/mcpArgs';
import { GENERATE_VALUE_FLAGS, parseGenerateExtras, rejectGenerateFlags, withoutGenerateConcurrency } from './generate/generateArgs';
import { OUTPUT_VALUE_FLAGS, outputFlags, rejectOutputFlags } from './output/outputArgs';

export type Command = { kind: 'help' } | { kind: 'version' } | GenerateCommand | ResumeCommand | DocsCommand | McpCommand;

const VALUE_FLAGS = new Set(['width', 'height', 'size', 'seed', 'out', 'base-url', 'request-format', 'timeout', 'prompt', 'max-cost', 'price', 'grace', ...DOCS_VALUE_FLAGS, ...MCP_VALUE_FLAGS, ...GENERATE_VALUE_FLAGS, ...OUTPUT_VALUE_FLAGS]);
const SWITCHES = new Set(['expand', 'no-expand', 'json', 'verbose', 'help', 'version', 'all', 'list', ...DOCS_SWITCHES]);
const INLINE_VALUE_SWITCHES = new Set<string>(DOCS_INLINE_VALUE_SWITCHES);
const SHORT_FLAGS: Readonly<Record<string, string>> = { '-h': 'help' };
// Any spelling of a key flag is refused outright, and its value never echoed.
const KEY_FLAG = /^--?(api[-_]?key|key|token|secret)(=|$)/i;

export const KEY_FLAG_MESSAGE =
  'The API key is not accepted on the command line, where shell history and process lists would keep it. Set the environment variable SPARK_IMAGE_API_KEY instead.';

interface RawArgs {
  positionals: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

/** "--out=x" → out and x; "-h" → help; undefined for a single-dash token we do not know. */
function flagName(token: string): { name: string; inline?: string } | undefined {
  if (SHORT_FLAGS[token]) {
    return { name: SHORT_FLAGS[token] };
  }
  if (!token.startsWith('--')) {
    return undefined;
  }
  const equals = token.indexOf('=');
  return equals < 0 ? { name: token.slice(2) } : { name: token.slice(2, equals), inline: token.slice(equals + 1) };
}

function tokenize(argv: readonly string[]): RawArgs {
  const raw: RawArgs = { positionals: [], values: new Map(), switches: new Set() };
  let onlyPositionals = false;
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index];
    if (onlyPositionals || !token.startsWith('-') || token === '-') {
      raw.positionals.push(token);
      continue;
    }
    if (token === '--') {
      onlyPositionals = true;
      continue;
    }
    if (KEY_FLAG.test(token)) {
      throw new UsageError(KEY_FLAG_MESSAGE);
    }
    const flag = flagName(token);
    if (!flag) {
      throw new UsageError(`Unknown option ${token}.`);
    }
    const { name, inline } = flag;
    if (SWITCHES.has(name) && inline !== undefined && INLINE_VALUE_SWITCHES.has(name)) {
      raw.values.set(name, inline);
    } else if (SWITCHES.has(name)) {
      if (inline !== undefined) {
        throw new UsageError(`--${name} takes no value.`);
      }
      raw.switches.add(name);
    } else if (VALUE_FLAGS.has(name)) {
      // A value may start with one dash (--seed -1) but not two: "--out --json" forgot the value.
      const value = inline ?? argv[++index];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value.`);
      }
      if (raw.values.has(name)) {
        throw new UsageError(`--${name} is given more than once.`);
      }
      raw.values.set(name, value);
    } else {
      throw new UsageError(`Unknown option ${token.split('=')[0]}.`);
    }
  }
  return raw;
}

function rejectResumeFlags(command: string, switches: ReadonlySet<string>): void {
  for (const name of ['all', 'list']) {
    if (switches.has(name)) {
      throw new UsageError(`--${name} belongs to resume, not ${command}.`);
    }
  }
}

export function presetList(): string {
  return SIZE_PRESETS.map((preset) => preset.id).join(', ');
}

function requestOptions({ values, switches }: RawArgs): RequestOptions {
  const request: RequestOptions = { seed: values.get('seed') };
  const size = values.get('size');
  if (size !== undefined) {
    if (values.has('width') || values.has('height')) {
      throw new UsageError('Use either --size or --width and --height, not both.');
    }
    const parsed = parseSizeText(size);
    if (!parsed) {
      throw new UsageError(`Unknown size ${JSON.stringify(size)}: give a preset (${presetList()}) or WIDTHxHEIGHT such as 800x600, or use --width and --height.`);
    }
    request.width = String(parsed.width);
    request.height = String(parsed.height);
  } else {
    request.width = values.get('width');
    request.height = values.get('height');
  }
  if (switches.has('expand') && switches.has('no-expand')) {
    throw new UsageError('Use either --expand or --no-expand, not both.');
  }
  if (switches.has('expand') || switches.has('no-expand')) {
    request.usePreLlm = switches.has('expand');
  }
  return request;
}

function timeoutSeconds(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const seconds = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!(seconds > 0)) {
    throw new UsageError(`--timeout takes a number of seconds above 0, not ${JSON.stringify(text)}.`);
  }
  return seconds;
}

/** --grace SECONDS: how long paid tasks may still finish after an interrupt (0: none). */
function graceSeconds(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const seconds = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!(seconds >= 0 && seconds <= 600)) {
    throw new UsageError(`--grace takes a number of seconds from 0 to 600, not ${JSON.stringify(text)}.`);
  }
  return seconds;
}

function sharedOptions({ values, switches }: RawArgs): SharedOptions {
  for (const name of ['out', 'base-url', 'request-format']) {
    if (values.get(name)?.trim() === '') {
      throw new UsageError(`--${name} needs a value.`);
    }
  }
  return {
    out: values.get('out'),
    baseUrl: values.get('base-url'),
    requestFormat: values.get('request-format'),
    json: switches.has('json'),
    timeoutSeconds: timeoutSeconds(values.get('timeout')),
    ...(values.has('grace') ? { graceSeconds: graceSeconds(values.get('grace')) } : {}),
    verbose: switches.has('verbose'),
    // Only when given, so that the shared options of a run without it stay as they were.
    ...(values.has('max-cost') ? { maxCost: values.get('max-cost') } : {}),
    ...(values.has('price') ? { price: values.get('price') } : {}),
  };
}

/** resume TASK_ID [request options], or resume [--all] [--list] for the tasks the store keeps. */
function resumeCommandOf(rest: readonly string[], raw: RawArgs): ResumeCommand {
  const all = raw.switches.has('all');
  const list = raw.switches.has('list');
  if (rest.length === 0) {
    for (const name of ['prompt', 'seed', 'width', 'height', 'size', 'out']) {
      if (raw.values.has(name)) {
        throw new UsageError(`--${name} applies to resume TASK_ID; without an id, each stored task keeps its own request and destination.`);
      }
    }
    return { kind: 'resume', all, list, request: {}, shared: sharedOptions(raw) };
  }
  // eslint-disable-next-line no-control-regex -- a task id with control characters is refused
  if (rest.length !== 1 || !/^[^\s\u0000-\u001f]+$/.test(rest[0])) {
    throw new UsageError('Give the id of the task to resume: spark-image resume TASK_ID (or no id: the tasks kept from interrupted runs).');
  }
  if (all || list) {
    throw new UsageError(`--${all ? 'all' : 'list'} takes no task id: spark-image resume ${all ? '--all' : '--list'}.`);
  }
  return { kind: 'resume', taskId: rest[0], all: false, list: false, prompt: raw.values.get('prompt'), request: requestOptions(raw), shared: sharedOptions(raw) };
}

/** Reads the command line (without the node and script paths). Throws UsageError. */
export function parseArgs(argv: readonly string[]): Command {
  const raw = tokenize(argv);
  if (raw.switches.has('help')) {
    return { kind: 'help' };
  }
  if (raw.switches.has('version')) {
    return { kind: 'version' };
  }
  const [command, ...rest] = raw.positionals;
  switch (command) {
    case undefined:
      throw new UsageError('No command given: use generate, resume, docs or mcp.');
    case 'help':
      return { kind: 'help' };
    case 'generate':
      rejectResumeFlags(command, raw.switches);
      rejectDocsFlags(command, withoutGenerateConcurrency(raw.values), raw.switches);
      rejectMcpFlags(command, raw.values);
      if (raw.values.has('prompt')) {
        throw new UsageError('--prompt belongs to resume; generate takes the prompt as its argument.');
      }
      if (rest.length !== 1) {
        throw new UsageError('Give the prompt as one argument, in quotes: spark-image generate "a red fox in the snow".');
      }
      return { kind: 'generate', prompt: rest[0], request: requestOptions(raw), shared: sharedOptions(raw), ...parseGenerateExtras(raw.values), ...outputFlags(raw.values) };
    case 'resume':
      rejectDocsFlags(command, raw.values, raw.switches);
      rejectMcpFlags(command, raw.values);
      rejectGenerateFlags(command, raw.values);
      rejectOutputFlags(command, raw.values);
      return resumeCommandOf(rest, raw);
    case 'mcp':
      rejectResumeFlags(command, raw.switches);
      rejectDocsFlags(command, raw.values, raw.switches);
      rejectGenerateFlags(command, raw.values);
      rejectOutputFlags(command, raw.values);
      return { kind: 'mcp', ...parseMcpOptions(rest, raw.values), shared: sharedOptions(raw) };
    case 'docs':
      rejectResumeFlags(command, raw.switches);
      rejectMcpFlags(command, raw.values);
      rejectGenerateFlags(command, raw.values);
      rejectOutputFlags(command, raw.values);
      return { kind: 'docs', options: parseDocsOptions(rest, raw.values, raw.switches), shared: sharedOptions(raw) };
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command)}: use generate, resume, docs or mcp.`);
  }
}
