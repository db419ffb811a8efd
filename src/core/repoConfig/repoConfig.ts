/**
 * `spark-image.json`, the repository file the editor, the CLI and the MCP server read alike: house
 * styles, defaults, output options and a weight budget. What it can never hold is anything that
 * decides where the key goes or what may be spent: those are the user's settings only.
 */
import { PromptExpansion } from '../spec/expansion';
import { parseSizeNumbers } from '../spec/sizeText';
import { JsonEntry, JsonNode, JsonSyntaxError, lineColumnOf, parseJsonWithPositions } from './jsonPositions';

export const REPO_CONFIG_FILE = 'spark-image.json';
/** `style=none` opts a directive out of the default style. */
export const NO_STYLE = 'none';
export const OUTPUT_FORMATS = ['png', 'webp', 'jpeg'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface HouseStyle {
  name: string;
  /** The prompt template: `{prompt}` marks where the user's text goes; without it the style text is appended. */
  prompt: string;
  /** A preset or WIDTHxHEIGHT, as the size readers take it. */
  size?: string;
  promptExpansion?: PromptExpansion;
}

export interface OutputOptions {
  format?: OutputFormat;
  maxWidth?: number;
  quality?: number;
}

export interface RepoConfig {
  styles: Readonly<Record<string, HouseStyle>>;
  defaults: { style?: string };
  output: OutputOptions;
  budget: { maxBytes?: number };
}

export interface RepoConfigProblem {
  severity: 'error' | 'warning';
  message: string;
  /** 1-based, as editors count them. */
  line: number;
  column: number;
  offset: number;
}

/** Undefined config: the file is not JSON at all; nothing in it may be used. */
export interface RepoConfigReading {
  config: RepoConfig | undefined;
  problems: RepoConfigProblem[];
}

export const EMPTY_REPO_CONFIG: RepoConfig = { styles: {}, defaults: {}, output: {}, budget: {} };

/** Keys that would redirect the key or the money: refused wherever they appear at the top. */
const USER_SETTINGS_ONLY: Readonly<Record<string, string>> = {
  apiBaseUrl: 'the API address',
  baseUrl: 'the API address',
  createPath: 'the API address',
  taskPath: 'the API address',
  apiKey: 'the API key',
  key: 'the API key',
  token: 'the API key',
  destination: 'where images are saved',
  price: 'the price',
  spendLimit: 'a spend limit',
  maxCost: 'a spend limit',
};
const STYLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

class ProblemList {
  readonly problems: RepoConfigProblem[] = [];
  constructor(private readonly text: string) {}

  add(severity: RepoConfigProblem['severity'], offset: number, message: string): void {
    this.problems.push({ severity, message, offset, ...lineColumnOf(this.text, offset) });
  }

  get hasErrors(): boolean {
    return this.problems.some((problem) => problem.severity === 'error');
  }
}

function describe(node: JsonNode): string {
  return node.kind === 'string' || node.kind === 'number' || node.kind === 'boolean' ? JSON.stringify(node.value) : `a${node.kind === 'array' || node.kind === 'object' ? 'n' : ''} ${node.kind}`;
}

function objectEntries(node: JsonNode, what: string, list: ProblemList): JsonEntry[] | undefined {
  if (node.kind !== 'object') {
    list.add('error', node.start, `${what} must be an object, not ${describe(node)}.`);
    return undefined;
  }
  const seen = new Set<string>();
  for (const entry of node.entries) {
    if (seen.has(entry.key)) {
      list.add('error', entry.keyStart, `"${entry.key}" is given twice in ${what}.`);
    }
    seen.add(entry.key);
  }
  return node.entries;
}

function positiveInteger(entry: JsonEntry, what: string, range: [number, number], list: ProblemList): number | undefined {
  const node = entry.value;
  if (node.kind !== 'number' || !Number.isInteger(node.value) || node.value < range[0] || node.value > range[1]) {
    list.add('error', node.start, `${what} must be a whole number from ${range[0]} to ${range[1]}, not ${describe(node)}.`);
    return undefined;
  }
  return node.value;
}

function readStyle(name: string, node: JsonNode, list: ProblemList): HouseStyle | undefined {
  const entries = objectEntries(node, `the style "${name}"`, list);
  if (!entries) {
    return undefined;
  }
  const style: Partial<HouseStyle> = { name };
  let broken = false;
  for (const entry of entries) {
    const value = entry.value;
    if (entry.key === 'prompt') {
      if (value.kind !== 'string' || value.value.trim() === '') {
        list.add('error', value.start, `The style "${name}" needs a prompt template (text, with {prompt} where the user's text goes), not ${describe(value)}.`);
        broken = true;
      } else {
        style.prompt = value.value.trim();
      }
    } else if (entry.key === 'size') {
      if (value.kind !== 'string' || !parseSizeNumbers(value.value)) {
        list.add('error', value.start, `The style "${name}" has size ${describe(value)}: give a preset such as "1k-16:9" or WIDTHxHEIGHT such as "1664x936".`);
        broken = true;
      } else {
        style.size = value.value;
      }
    } else if (entry.key === 'promptExpansion') {
      const expansion = value.kind === 'boolean' ? value.value : value.kind === 'string' ? ({ on: true, off: false, auto: 'auto' } as const)[value.value as 'on' | 'off' | 'auto'] : undefined;
      if (expansion === undefined) {
        list.add('error', value.start, `The style "${name}" has promptExpansion ${describe(value)}: use "on", "off" or "auto".`);
        broken = true;
      } else {
        style.promptExpansion = expansion;
      }
    } else {
      list.add('warning', entry.keyStart, `Unknown key "${entry.key}" in the style "${name}" (ignored): a style has prompt, size and promptExpansion.`);
    }
  }
  if (style.prompt === undefined && !broken) {
    list.add('error', node.start, `The style "${name}" needs a prompt template.`);
    broken = true;
  }
  return broken ? undefined : (style as HouseStyle);
}

function readStyles(node: JsonNode, list: ProblemList): Record<string, HouseStyle> {
  const styles: Record<string, HouseStyle> = {};
  for (const entry of objectEntries(node, '"styles"', list) ?? []) {
    if (!STYLE_NAME.test(entry.key) || entry.key === NO_STYLE) {
      list.add('error', entry.keyStart, `"${entry.key}" cannot name a style: use letters, digits, "-" and "_" (up to 40), and not "${NO_STYLE}", which opts out of the default.`);
      continue;
    }
    const style = readStyle(entry.key, entry.value, list);
    if (style) {
      styles[entry.key] = style;
    }
  }
  return styles;
}

function readOutput(node: JsonNode, list: ProblemList): OutputOptions {
  const output: OutputOptions = {};
  for (const entry of objectEntries(node, '"output"', list) ?? []) {
    const value = entry.value;
    if (entry.key === 'format') {
      if (value.kind === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value.value)) {
        output.format = value.value as OutputFormat;
      } else {
        list.add('error', value.start, `output.format must be one of ${OUTPUT_FORMATS.join(', ')}, not ${describe(value)}.`);
      }
    } else if (entry.key === 'maxWidth') {
      output.maxWidth = positiveInteger(entry, 'output.maxWidth', [16, 8192], list);
    } else if (entry.key === 'quality') {
      output.quality = positiveInteger(entry, 'output.quality', [1, 100], list);
    } else {
      list.add('warning', entry.keyStart, `Unknown key "${entry.key}" in "output" (ignored): it has format, maxWidth and quality.`);
    }
  }
  return output;
}

function readSection<T>(entry: JsonEntry, read: (entry: JsonEntry) => T | undefined, keys: readonly string[], list: ProblemList): Partial<Record<string, T>> {
  const section: Partial<Record<string, T>> = {};
  for (const inner of objectEntries(entry.value, `"${entry.key}"`, list) ?? []) {
    if (keys.includes(inner.key)) {
      section[inner.key] = read(inner);
    } else {
      list.add('warning', inner.keyStart, `Unknown key "${inner.key}" in "${entry.key}" (ignored): it has ${keys.join(', ')}.`);
    }
  }
  return section;
}

/**
 * Reads the file's text. Syntax errors leave no config (nothing in the file is used); a broken part
 * (one style, one option) is left out with its error, so the rest keeps working.
 */
export function readRepoConfig(text: string): RepoConfigReading {
  const list = new ProblemList(text);
  let root: JsonNode;
  try {
    root = parseJsonWithPositions(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) {
      throw error;
    }
    list.add('error', error.offset, `Not valid JSON: ${error.message}.`);
    return { config: undefined, problems: list.problems };
  }
  const config: RepoConfig = { styles: {}, defaults: {}, output: {}, budget: {} };
  for (const entry of objectEntries(root, 'spark-image.json', list) ?? []) {
    if (entry.key === 'styles') {
      config.styles = readStyles(entry.value, list);
    } else if (entry.key === 'output') {
      config.output = readOutput(entry.value, list);
    } else if (entry.key === 'defaults') {
      const style = readSection(entry, (inner) => (inner.value.kind === 'string' ? inner.value.value : list.add('error', inner.value.start, `defaults.style must be a style's name, not ${describe(inner.value)}.`)), ['style'], list).style;
      config.defaults = style === undefined ? {} : { style };
    } else if (entry.key === 'budget') {
      const maxBytes = readSection(entry, (inner) => positiveInteger(inner, 'budget.maxBytes', [1, Number.MAX_SAFE_INTEGER], list), ['maxBytes'], list).maxBytes;
      config.budget = maxBytes === undefined ? {} : { maxBytes };
    } else if (entry.key === '$schema') {
      continue;
    } else if (USER_SETTINGS_ONLY[entry.key]) {
      list.add('error', entry.keyStart, `spark-image.json cannot set ${USER_SETTINGS_ONLY[entry.key]} ("${entry.key}"): a repository must not redirect your key or your money. Set it in your user settings; this key is ignored.`);
    } else {
      list.add('warning', entry.keyStart, `Unknown key "${entry.key}" (ignored): spark-image.json has styles, defaults, output and budget.`);
    }
  }
  const wanted = config.defaults.style;
  if (wanted !== undefined && wanted !== NO_STYLE && !config.styles[wanted]) {
    const at = root.kind === 'object' ? (root.entries.find((entry) => entry.key === 'defaults')?.value.start ?? 0) : 0;
    list.add('error', at, `defaults.style names "${wanted}", which is not a usable style here (${Object.keys(config.styles).join(', ') || 'none defined'}).`);
    config.defaults = {};
  }
  return { config, problems: list.problems };
}

/** "spark-image.json:3:14: error: …" — the form compilers and editors link to. */
export function formatProblem(file: string, problem: RepoConfigProblem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`;
}
