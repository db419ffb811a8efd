/**
 * The MCP server's house styles: the nearest spark-image.json from insertInto.document (else the
 * destination) up to --workspace, the `style` argument, and the list_styles tool.
 */
import * as path from 'path';
import { optionalText } from '../../core/agent/agentInput';
import { pickHouseStyle, styleRefusalText } from '../../core/repoConfig/houseStyle';
import { HouseStyle } from '../../core/repoConfig/repoConfig';
import { SparkError } from '../../core/spec/errors';
import { insideWorkspace } from '../../node/workspacePath';
import { houseStylesFor, problemLines } from '../styles/repoStyles';
import type { ToolResult } from './mcpResults';

/** Where the search starts: the document a link goes into, else the destination's folder (the workspace root by default). */
export function styleSearchStart(workspace: string, args: { insertInto?: unknown; path?: unknown }): string {
  const insert = args.insertInto as { document?: unknown } | undefined;
  const from = typeof insert?.document === 'string' ? insert.document : typeof args.path === 'string' ? args.path : '.';
  const full = insideWorkspace(workspace, from);
  return path.extname(full) === '' ? full : path.dirname(full);
}

/** The style a call asks for (or the file's default); refusals are validation errors: nothing is sent. */
export async function styleForCall(workspace: string, args: { style?: unknown; insertInto?: unknown; path?: unknown }): Promise<HouseStyle | undefined> {
  const requested = optionalText(args.style, 'style');
  const styles = await houseStylesFor(styleSearchStart(workspace, args), workspace, workspace);
  const picked = pickHouseStyle(requested?.trim(), styles);
  if ('refused' in picked) {
    throw new SparkError('validation', styleRefusalText(picked, { searched: 'from insertInto.document, else the destination, up to the workspace', optOut: 'style "none"' }));
  }
  return picked.style;
}

export const LIST_STYLES_INPUT_SCHEMA = {
  type: 'object',
  properties: { path: { type: 'string', description: 'A workspace-relative folder or document to find the nearest spark-image.json from (default: the workspace root).' } },
  additionalProperties: false,
} as const;

export const LIST_STYLES_OUTPUT_SCHEMA = {
  type: 'object',
  properties: {
    file: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'The spark-image.json read, relative to the workspace; null when there is none.' },
    defaultStyle: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'The style used when a call names none; null for none.' },
    styles: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          prompt: { type: 'string', description: 'The template; {prompt} marks where the text goes (without it, the style is appended).' },
          size: { type: 'string' },
          promptExpansion: { anyOf: [{ type: 'boolean' }, { type: 'string' }] },
        },
        required: ['name', 'prompt'],
        additionalProperties: false,
      },
    },
    problems: { type: 'array', items: { type: 'string' }, description: 'What is wrong in the file, as file:line:column: severity: message.' },
  },
  required: ['file', 'defaultStyle', 'styles', 'problems'],
  additionalProperties: false,
} as const;

/** list_styles: the styles of the nearest file, read now (an edit shows at once). Sends nothing. */
export async function listStyles(workspace: string, args: { path?: unknown }): Promise<ToolResult> {
  const styles = await houseStylesFor(styleSearchStart(workspace, { path: optionalText(args.path, 'path') }), workspace, workspace);
  const config = styles?.reading.config;
  const structured = {
    file: styles?.file ?? null,
    defaultStyle: config?.defaults.style ?? null,
    styles: Object.values(config?.styles ?? {}).map((style) => ({ ...style })),
    problems: problemLines(styles),
  };
  const lines = structured.styles.map((style) => `${style.name}${style.name === structured.defaultStyle ? ' (default)' : ''}: ${style.prompt}${style.size ? ` · size ${style.size}` : ''}`);
  const head = styles ? `${styles.file}: ${lines.length} style(s)` : 'No spark-image.json between here and the workspace root: no styles.';
  const text = [head, ...lines, ...structured.problems].join('\n');
  return { content: [{ type: 'text', text }, { type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}
