import * as fs from 'fs';
import * as path from 'path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AGENT_INPUT_SCHEMA } from '../../core/agent/agentInput';
import { UsageError } from '../usageError';
import { apiConfigFrom } from '../config';
import { coreDeps } from '../coreDeps';
import { ExitCode, ExitCodeValue } from '../exitCodes';
import { reportFailure } from '../failure';
import { CliIo } from '../terminal/io';
import { maxCostFrom } from '../spendLimit';
import { packageVersion } from '../version';
import { McpBudget } from './budget';
import { McpCommand } from './mcpArgs';
import { McpTools } from './mcpTools';

const TOOLS = [
  {
    name: 'generate_image',
    description:
      'Generate an illustration with spark_image_3_1 and save it in the workspace (PNG with provenance). Paid: about $0.03 up to 1328x1328, $0.06 above. Returns the path, a markdown link, seed, size, billed cost, task id, a file link and a small thumbnail.',
    inputSchema: AGENT_INPUT_SCHEMA,
  },
  {
    name: 'resume_task',
    description: 'Finish a generate_image task that timed out or was cancelled (its task id is in the error), without paying again.',
    inputSchema: { type: 'object', properties: { task_id: { type: 'string' } }, required: ['task_id'] },
  },
  { name: 'list_sizes', description: 'The recommended sizes (presets) with their pixel sizes and estimated costs.', inputSchema: { type: 'object', properties: {} } },
];

function workspaceOf(command: McpCommand, cwd: string): string {
  const workspace = path.resolve(cwd, command.workspace ?? '.');
  if (!fs.existsSync(workspace) || !fs.statSync(workspace).isDirectory()) {
    throw new UsageError(`--workspace must be an existing folder, not ${JSON.stringify(command.workspace)}.`);
  }
  return fs.realpathSync(workspace);
}

/**
 * spark-image mcp: an MCP server over stdio (stdout carries the protocol only; notes go to stderr).
 * Built on the official SDK so that the protocol's framing, capabilities, progress and cancellation
 * behave as every client expects.
 */
export async function runMcp(command: McpCommand, io: CliIo): Promise<ExitCodeValue> {
  let tools: McpTools;
  let workspace: string;
  try {
    workspace = workspaceOf(command, io.cwd);
    const budget = new McpBudget({ maxImages: command.maxImages, maxCostUsd: maxCostFrom(command.shared, io.env) });
    tools = new McpTools({
      workspace,
      budget,
      api: () => apiConfigFrom(io.env, command.shared, 'mcp'),
      deps: (api) => coreDeps(io, api.apiKey, command.shared.verbose),
      deadlineMs: command.shared.timeoutSeconds === undefined ? undefined : command.shared.timeoutSeconds * 1000,
    });
  } catch (error) {
    return reportFailure(io.stderr, error);
  }
  const server = new Server({ name: 'spark-image', version: packageVersion() }, { capabilities: { tools: {}, logging: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const token = request.params._meta?.progressToken;
    let step = 0;
    const context = {
      signal: extra.signal,
      progress:
        token === undefined
          ? undefined
          : (message: string) => void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: ++step, message } }).catch(() => undefined),
      // A cancelled request gets no answer, so the task that is kept is also said in a log message.
      kept: (taskId: string, why: string) =>
        void server.sendLoggingMessage({ level: 'warning', logger: 'spark-image', data: `task ${taskId} is kept (${why}); call resume_task with task_id "${taskId}" to finish it.` }).catch(() => undefined),
    };
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    switch (request.params.name) {
      case 'generate_image':
        return tools.generate(args, context);
      case 'resume_task':
        return tools.resume(args.task_id, context);
      case 'list_sizes':
        return tools.listSizes();
      default:
        return { content: [{ type: 'text', text: `Unknown tool ${JSON.stringify(request.params.name)}: use generate_image, resume_task or list_sizes.` }], isError: true };
    }
  });
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(new StdioServerTransport());
  io.stderr.line(`spark-image mcp: serving over stdio, workspace ${workspace}`);
  // Ctrl+C (or the client going away) ends the run.
  io.signal.addEventListener('abort', () => void server.close(), { once: true });
  process.stdin.once('end', () => void server.close());
  await closed;
  return ExitCode.ok;
}
