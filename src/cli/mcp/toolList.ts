import { ArgumentSchema } from '../../core/agent/agentArguments';
import { AGENT_INPUT_SCHEMA } from '../../core/agent/agentInput';
import { AGENT_OUTPUT_SCHEMA } from '../../core/agent/agentStructured';

export type ToolName = 'generate_image' | 'resume_task' | 'list_sizes';

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
  outputSchema?: typeof AGENT_OUTPUT_SCHEMA;
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
      'Generate an illustration with spark_image_3_1 and save it in the workspace (PNG with provenance), never over an existing file. Paid: an estimated $0.03 up to 1328x1328 pixels in all, $0.06 above (the billed cost is returned). The size is size (a preset or WIDTHxHEIGHT) or width and height, not both. Unknown argument names are refused and nothing is sent. Returns, per image, the workspace-relative path, a markdown link, the seed, the saved size, the billed cost, the task id and the prompt (structuredContent, and the same as text), a file link and a small thumbnail.',
    inputSchema: AGENT_INPUT_SCHEMA,
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
];

export function toolNamed(name: string): ToolDefinition | undefined {
  return TOOLS.find((tool) => tool.name === name);
}
