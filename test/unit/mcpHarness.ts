// Drives the built `spark-image mcp` (dist/cli.js) two ways: with the official SDK Client, and with
// raw JSON-RPC lines over stdio, as a client that trusts nothing but the wire would.
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import Ajv from 'ajv';
import { cleanEnv } from '../helpers/env';
import { CLI } from './cliProcess';

export const MCP_KEY = 'sk-mcp-test-5e1b7c3a9d2f4680';

export type Block = { type: string; text?: string; data?: string; mimeType?: string; uri?: string; name?: string };
export type ToolResult = { content: Block[]; isError?: boolean; structuredContent?: Record<string, unknown> };

export function textOf(result: ToolResult): string {
  return result.content
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
}

/** Where a test's server keeps its tasks: inside the test's workspace, gone with it. */
export function stateDirOf(workspace: string): string {
  return path.join(workspace, '.spark-state');
}

function serverEnv(workspace: string, baseUrl: string, env: Record<string, string>): Record<string, string> {
  return cleanEnv({ SPARK_IMAGE_API_KEY: MCP_KEY, SPARK_IMAGE_BASE_URL: baseUrl, SPARK_IMAGE_STATE_DIR: stateDirOf(workspace), ...env });
}

/** The SDK's client on a fresh server process. */
export async function sdkClient(options: { workspace: string; baseUrl: string; args?: string[]; env?: Record<string, string> }): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...(options.args ?? [])],
    cwd: options.workspace,
    env: serverEnv(options.workspace, options.baseUrl, options.env ?? {}),
    stderr: 'pipe',
  });
  const client = new Client({ name: 'spark-image-test', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

export interface RawMessage {
  jsonrpc: '2.0';
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** A client of newline-delimited JSON-RPC on the server's stdin and stdout, nothing else. */
export class RawClient {
  readonly notifications: RawMessage[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (message: RawMessage) => void>();
  private nextId = 1;
  private buffer = '';

  constructor(options: { workspace: string; baseUrl: string; args?: string[]; env?: Record<string, string> }) {
    this.child = spawn(process.execPath, [CLI, 'mcp', ...(options.args ?? [])], { cwd: options.workspace, env: serverEnv(options.workspace, options.baseUrl, options.env ?? {}) });
    this.child.stdout.on('data', (chunk: Buffer) => this.read(chunk.toString()));
    this.child.stderr.resume();
  }

  private read(text: string): void {
    this.buffer += text;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      const message = JSON.parse(line) as RawMessage;
      if (message.id !== undefined && message.method === undefined) {
        this.waiting.get(message.id)?.(message);
        this.waiting.delete(message.id);
      } else {
        this.notifications.push(message);
      }
    }
  }

  private write(message: RawMessage): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  request(method: string, params: Record<string, unknown> = {}): Promise<RawMessage> {
    const id = this.nextId++;
    const answered = new Promise<RawMessage>((resolve) => this.waiting.set(id, resolve));
    this.write({ jsonrpc: '2.0', id, method, params });
    return answered;
  }

  /** initialize at the given protocol version, then notifications/initialized. */
  async initialize(protocolVersion = '2025-11-25'): Promise<RawMessage> {
    const answer = await this.request('initialize', { protocolVersion, capabilities: {}, clientInfo: { name: 'raw-json-rpc', version: '0.0.0' } });
    this.write({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return answer;
  }

  close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    return exited;
  }
}

/** Validates a value against a JSON schema with Ajv, as a client does; the errors when it does not match. */
export function schemaErrors(schema: object, value: unknown): string | undefined {
  const validate = new Ajv({ strict: true }).compile(schema);
  return validate(value) ? undefined : new Ajv().errorsText(validate.errors);
}

/** The hints of issue 19: what a client may assume of each tool. */
export const EXPECTED_ANNOTATIONS: Record<string, Record<string, boolean>> = {
  generate_image: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  resume_task: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  list_sizes: { readOnlyHint: true, openWorldHint: false },
  list_styles: { readOnlyHint: true, openWorldHint: false },
};

/** How often the nine digits of `code` appear in `text`. */
export function timesSaid(text: string, code: string): number {
  return text.split(code).length - 1;
}
