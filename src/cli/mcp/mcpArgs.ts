import type { SharedOptions } from '../commandTypes';
import { UsageError } from '../usageError';

export const MCP_VALUE_FLAGS = ['workspace', 'max-images'] as const;

/** spark-image mcp [--workspace DIR] [--max-images N] [--max-cost USD] (--base-url / --request-format as elsewhere). */
export interface McpCommand {
  kind: 'mcp';
  workspace?: string;
  maxImages?: number;
  shared: SharedOptions;
}

export function parseMcpOptions(rest: readonly string[], values: ReadonlyMap<string, string>): Omit<McpCommand, 'kind' | 'shared'> {
  if (rest.length > 0) {
    throw new UsageError(`spark-image mcp takes no arguments, only options (not ${JSON.stringify(rest[0])}).`);
  }
  for (const name of ['out', 'width', 'height', 'size', 'seed', 'prompt', 'concurrency']) {
    if (values.has(name)) {
      throw new UsageError(`--${name} does not apply to mcp: each generate_image call gives its own.`);
    }
  }
  const text = values.get('max-images');
  let maxImages: number | undefined;
  if (text !== undefined) {
    maxImages = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!Number.isSafeInteger(maxImages)) {
      throw new UsageError(`--max-images takes a whole number of images, not ${JSON.stringify(text)}.`);
    }
  }
  return { workspace: values.get('workspace'), maxImages };
}

/** --workspace and --max-images belong to mcp only. */
export function rejectMcpFlags(command: string, values: ReadonlyMap<string, string>): void {
  for (const name of MCP_VALUE_FLAGS) {
    if (values.has(name)) {
      throw new UsageError(`--${name} belongs to spark-image mcp, not ${command}.`);
    }
  }
}
