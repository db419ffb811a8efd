import { AgentOutcome } from './agentOutcome';

/** One saved image as a program reads it (MCP structuredContent). */
export interface AgentImageRecord {
  /** Workspace-relative, forward slashes. */
  path: string;
  markdown: string;
  /** null when the service did not say which seed made it. */
  seed: number | null;
  /** The saved file's pixels. */
  width: number;
  height: number;
  /** Billed in USD; null when the API reported no cost. */
  costUsd: number | null;
  taskId: string;
  prompt: string;
}

export interface AgentImagesResult {
  images: AgentImageRecord[];
  /** The sum billed for these images; null when any of them has no billed cost. */
  costUsd: number | null;
  [key: string]: unknown;
}

/**
 * A value or null, as anyOf of single types: a `type` array is legal JSON Schema, but clients that
 * map schemas onto a one-type dialect (Gemini's function declarations) reject or loosen it.
 */
const nullable = (type: string, description: string) => ({ anyOf: [{ type }, { type: 'null' }], description });

/** The outputSchema of generate_image and resume_task: what their structuredContent always matches. */
export const AGENT_OUTPUT_SCHEMA = {
  type: 'object',
  properties: {
    images: {
      type: 'array',
      description: 'The images saved by this call.',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'Where the image is saved, relative to the workspace.' },
          markdown: { type: 'string', description: 'A markdown link to it (relative to insertInto.document when given, else to the workspace).' },
          seed: nullable('integer', 'The seed that made it; null when the service did not report it.'),
          width: { type: 'integer', description: 'Width of the saved file in pixels.' },
          height: { type: 'integer', description: 'Height of the saved file in pixels.' },
          costUsd: nullable('number', 'Billed cost in USD; null when the API reported none.'),
          taskId: { type: 'string', description: 'The task that made it.' },
          prompt: { type: 'string', description: 'The prompt that was sent.' },
        },
        required: ['path', 'markdown', 'seed', 'width', 'height', 'costUsd', 'taskId', 'prompt'],
        additionalProperties: false,
      },
    },
    costUsd: nullable('number', 'Billed in USD for all images of this call; null when any of them had no reported cost.'),
  },
  required: ['images', 'costUsd'],
  additionalProperties: false,
} as const;

export function imageRecord(outcome: AgentOutcome): AgentImageRecord {
  return {
    path: outcome.path,
    markdown: outcome.link,
    seed: outcome.seed ?? null,
    width: outcome.width,
    height: outcome.height,
    costUsd: outcome.costUsd ?? null,
    taskId: outcome.taskId,
    prompt: outcome.prompt,
  };
}

export function imagesResult(images: AgentImageRecord[]): AgentImagesResult {
  const costs = images.map((image) => image.costUsd);
  const known = costs.every((cost): cost is number => cost !== null);
  // Summed in millionths of a dollar, so 0.03 + 0.06 reads 0.09.
  return { images, costUsd: known ? costs.reduce((sum, cost) => sum + Math.round(cost * 1e6), 0) / 1e6 : null };
}
