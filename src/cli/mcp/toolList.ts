import { ArgumentSchema } from '../../core/agent/agentArguments';
import { AGENT_INPUT_SCHEMA } from '../../core/agent/agentInput';
import { AGENT_OUTPUT_PROPERTIES } from '../../core/agent/agentOutput';
import { AGENT_OUTPUT_SCHEMA } from '../../core/agent/agentStructured';
import { LIST_STYLES_INPUT_SCHEMA, LIST_STYLES_OUTPUT_SCHEMA } from './mcpStyles';

/** The most variations one generate_image call makes (all sent at once). */
export const MCP_MAX_COUNT = 4;

/** generate_image's arguments: the agent tools' shared ones, plus the house style, the variations and the output. */
export const MCP_GENERATE_SCHEMA = {
  ...AGENT_INPUT_SCHEMA,
  properties: {
    ...AGENT_INPUT_SCHEMA.properties,
    style: { type: 'string', description: 'A house style of the nearest spark-image.json (see list_styles); "none" for no style. Default: the file\'s default style.' },
    count: { type: 'integer', minimum: 1, maximum: MCP_MAX_COUNT, description: `How many variations to make at once (1-${MCP_MAX_COUNT}, default 1), each with its own seed: seed, seed+1, … when a seed is given. Each is paid; the caps count them all before anything is sent.` },
    ...AGENT_OUTPUT_PROPERTIES,
  },
} as const;

export type ToolName = 'generate_image' | 'resume_task' | 'list_sizes' | 'list_styles';

interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint: boolean;
}

/** A tool as tools/list gives it (MCP 2025-11-25; 2025-06-18 clients read the same fields). */
export interface ToolDefinition {
  name: ToolName;
  title: string;
  description: string;
  inputSchema: ArgumentSchema & { type: 'object' };
  outputSchema?: typeof AGENT_OUTPUT_SCHEMA | typeof LIST_STYLES_OUTPUT_SCHEMA;
  /** The title is repeated here for 2025-03-26 clients, which know only annotations.title. */
  annotations: ToolAnnotations;
}

export const RESUME_INPUT_SCHEMA = {
  type: 'object',
  properties: { task_id: { type: 'string', description: 'The task id a generate_image result or error gave.' } },
  required: ['task_id'],
  additionalProperties: false,
} as const;

const GENERATE_TITLE = 'Generate an image';
const RESUME_TITLE = 'Finish a kept image task';
const SIZES_TITLE = 'List image sizes';
const STYLES_TITLE = 'List house styles';

/**
 * The hints say what a client must otherwise assume the worst of: generating writes a new file
 * (never over an existing one) and calls the paid service; resuming the same task twice saves its
 * image once; listing sizes reads a table in this program.
 */
export const TOOLS: readonly ToolDefinition[] = [
  {
    name: 'generate_image',
    title: GENERATE_TITLE,
    description:
      `Generate an illustration with spark_image_3_1 and save it in the workspace with its provenance, never over an existing file: PNG as the service sends it, or web-ready with format (webp, jpeg), maxWidth and encodeQuality (default: the nearest spark-image.json's output). Paid: an estimated $0.03 up to 1328x1328 pixels in all, $0.06 above (the billed cost is returned). The size is size (a preset or WIDTHxHEIGHT) or width and height, not both. Unknown argument names are refused and nothing is sent. A house style from spark-image.json (list_styles) shapes the prompt sent; count makes up to ${MCP_MAX_COUNT} variations at once. Returns, per image, the workspace-relative path, a markdown link, the seed, the saved size, the billed cost, the task id and the prompt (structuredContent, and the same as text), a file link and a small thumbnail.`,
    inputSchema: MCP_GENERATE_SCHEMA,
    outputSchema: AGENT_OUTPUT_SCHEMA,
    annotations: { title: GENERATE_TITLE, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  },
  {
    name: 'resume_task',
    title: RESUME_TITLE,
    description: 'Finish a generate_image task that timed out or was cancelled (its task id is in the error), without paying again. Returns what generate_image returns.',
    inputSchema: RESUME_INPUT_SCHEMA,
    outputSchema: AGENT_OUTPUT_SCHEMA,
    annotations: { title: RESUME_TITLE, readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  },
  {
    name: 'list_sizes',
    title: SIZES_TITLE,
    description: 'The recommended sizes (presets) with their pixel sizes and estimated costs. Sends nothing.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: { title: SIZES_TITLE, readOnlyHint: true, openWorldHint: false },
  },
  {
    name: 'list_styles',
    title: STYLES_TITLE,
    description: 'The house styles of the nearest spark-image.json (name, prompt template, size, prompt expansion), the default style, and any problem in the file with its line and column. Sends nothing.',
    inputSchema: LIST_STYLES_INPUT_SCHEMA,
    outputSchema: LIST_STYLES_OUTPUT_SCHEMA,
    annotations: { title: STYLES_TITLE, readOnlyHint: true, openWorldHint: false },
  },
];

export function toolNamed(name: string): ToolDefinition | undefined {
  return TOOLS.find((tool) => tool.name === name);
}
