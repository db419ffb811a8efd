import * as fs from 'fs';
import * as path from 'path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { UsageError } from '../usageError';
import { apiConfigFrom } from '../config';
import { coreDeps } from '../coreDeps';
import { ExitCode, ExitCodeValue } from '../exitCodes';
import { reportFailure } from '../failure';
import { CliIo } from '../terminal/io';
import { stderrLogger } from '../terminal/stderrLogger';
import { maxCostFrom } from '../spendLimit';
import { packageVersion } from '../version';
import { stateDirOf } from '../../node/tasks/stateDir';
import { TaskStore } from '../../node/tasks/taskStore';
import { AgentTarget } from './agentDelivery';
import { McpBudget } from './budget';
import { McpCommand } from './mcpArgs';
import { McpProgress } from './mcpProgress';
import { McpTools } from './mcpTools';
import { TOOLS, toolNamed } from './toolList';

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
      store: new TaskStore<AgentTarget>({ stateDir: stateDirOf(io.env), logger: stderrLogger(io.stderr, command.shared.verbose) }),
    });
  } catch (error) {
    return reportFailure(io.stderr, error);
  }
  const server = new Server({ name: 'spark-image', version: packageVersion() }, { capabilities: { tools: {}, logging: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [...TOOLS] }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = toolNamed(request.params.name);
    if (!tool) {
      // Not a tool's failure but a bad request: a JSON-RPC error, as the specification says.
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${JSON.stringify(request.params.name)}: use ${TOOLS.map((known) => known.name).join(', ')}.`);
    }
    const token = request.params._meta?.progressToken;
    const context = {
      signal: extra.signal,
      progress:
        token === undefined
          ? undefined
          : new McpProgress((notice) => void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, ...notice } }).catch(() => undefined)),
      // A cancelled request gets no answer, so the task that is kept is also said in a log message.
      kept: (taskId: string, why: string) =>
        void server.sendLoggingMessage({ level: 'warning', logger: 'spark-image', data: `task ${taskId} is kept (${why}); call resume_task with task_id "${taskId}" to finish it.` }).catch(() => undefined),
    };
    return tools.call(tool, request.params.arguments ?? {}, context);
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
