import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { pngFileSize } from '../helpers/png';
import { EXPECTED_ANNOTATIONS, MCP_KEY, schemaErrors, sdkClient, textOf, timesSaid, ToolResult } from './mcpHarness';

type Listed = { name: string; title?: string; annotations?: Record<string, unknown>; inputSchema: Record<string, unknown>; outputSchema?: Record<string, unknown> };
type Image = { path: string; markdown: string; seed: number | null; width: number; height: number; costUsd: number | null; taskId: string; prompt: string };

/** Where a schema gives `type` as an array, which one-type dialects cannot take. */
function typeArrays(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const here = Array.isArray((value as { type?: unknown }).type) ? [at] : [];
  return [...here, ...Object.entries(value).flatMap(([key, inner]) => typeArrays(inner, `${at}/${key}`))];
}

describe('spark-image mcp to the MCP specification (the SDK Client, against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let workspace: string;
  let client: Client | undefined;

  async function connect(): Promise<Client> {
    client = await sdkClient({ workspace, baseUrl: mock.baseUrl });
    return client;
  }

  async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
    return (await client!.callTool({ name, arguments: args })) as ToolResult;
  }

  function assertNothingSent(): void {
    assert.strictEqual(mock.counts.creates, 0);
    assert.deepStrictEqual(
      mock.log.filter((request) => request.method === 'POST'),
      [],
      'no create in the mock’s request log',
    );
  }

  // Registered first, so each test's server is closed before its workspace goes.
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });
  useCliAgainstMock({ apiKey: MCP_KEY, prefix: 'spark-mcp-spec-', scenario: { queuedMs: 50, durationMs: 200 } }, (fixture) => {
    mock = fixture.mock;
    workspace = fs.realpathSync(fixture.dir);
  });

  it('tools/list: every tool has a title and the annotations of issue 19; generate and resume declare an outputSchema; no extra argument names', async () => {
    await connect();
    const { tools } = (await client!.listTools()) as { tools: Listed[] };
    assert.deepStrictEqual(tools.map((tool) => tool.name).sort(), Object.keys(EXPECTED_ANNOTATIONS).sort());
    for (const tool of tools) {
      assert.ok(tool.title && tool.title.length > 0, `${tool.name} has a title`);
      const { title, ...hints } = tool.annotations ?? {};
      assert.strictEqual(title, tool.title, `${tool.name}: annotations.title for 2025-03-26 clients`);
      assert.deepStrictEqual(hints, EXPECTED_ANNOTATIONS[tool.name], tool.name);
      assert.strictEqual(tool.inputSchema.additionalProperties, false, `${tool.name}: additionalProperties`);
      assert.strictEqual(tool.outputSchema !== undefined, tool.name !== 'list_sizes', `${tool.name}: outputSchema`);
    }
    assert.deepStrictEqual(typeArrays(tools), [], 'one type per schema, for one-type dialects (the Inspector’s portability check)');
    const generate = tools.find((tool) => tool.name === 'generate_image')!;
    assert.deepStrictEqual(Object.keys(generate.inputSchema.properties as object).sort(), ['alt', 'count', 'encodeQuality', 'format', 'height', 'insertInto', 'maxWidth', 'path', 'prompt', 'promptExpansion', 'seed', 'size', 'style', 'width']);
    assert.strictEqual((generate.inputSchema.properties as { insertInto: { additionalProperties?: boolean } }).insertInto.additionalProperties, false);
    assert.strictEqual(mock.log.length, 0);
  });

  it('generate_image with the seed’s width and height: saved at that size; structuredContent validates against the outputSchema (Ajv); the JSON is in a text block too', async () => {
    await connect();
    const { tools } = (await client!.listTools()) as { tools: Listed[] };
    const outputSchema = tools.find((tool) => tool.name === 'generate_image')!.outputSchema!;
    const result = await call('generate_image', { prompt: 'a wide harbour', width: 1024, height: 768, seed: 12, path: 'art' });
    assert.ok(!result.isError, textOf(result));
    assert.strictEqual(schemaErrors(outputSchema, result.structuredContent), undefined);
    const task = mock.tasks[0];
    const expected: Image = { path: 'art/a-wide-harbour-12.png', markdown: '![a wide harbour](art/a-wide-harbour-12.png)', seed: 12, width: 1024, height: 768, costUsd: 0.03, taskId: task.id, prompt: 'a wide harbour' };
    assert.deepStrictEqual(result.structuredContent, { images: [expected], costUsd: 0.03 });
    assert.deepStrictEqual(pngFileSize(path.join(workspace, 'art/a-wide-harbour-12.png')), { width: 1024, height: 768 });
    const sent = mock.log.find((request) => request.method === 'POST')!.body as { input: Array<{ params: { width: number; height: number } }> };
    assert.deepStrictEqual([sent.input[0].params.width, sent.input[0].params.height], [1024, 768]);
    const texts = result.content.filter((block) => block.type === 'text');
    assert.deepStrictEqual(JSON.parse(texts[texts.length - 1].text!), result.structuredContent, 'the serialized JSON, for clients without structuredContent');
    assert.match(textOf(result), /^size: 1024x768$/m);
  });

  it('an unknown argument name is refused, naming it and the accepted ones: nothing sent', async () => {
    await connect();
    const bogus = await call('generate_image', { prompt: 'x', bogus: 1 });
    assert.strictEqual(bogus.isError, true);
    assert.match(textOf(bogus), /Unknown argument "bogus": generate_image accepts only prompt, size, width, height, seed, promptExpansion, path, alt, insertInto, style, count, format, maxWidth, encodeQuality\. Nothing was sent\./);
    const nested = await call('generate_image', { prompt: 'x', insertInto: { document: 'a.md', colour: 'red' } });
    assert.strictEqual(nested.isError, true);
    assert.match(textOf(nested), /Unknown argument "insertInto\.colour": .*accepts only document, line in insertInto/);
    const resume = await call('resume_task', { task_id: 'task_1', taskId: 'task_1' });
    assert.match(textOf(resume), /Unknown argument "taskId": resume_task accepts only task_id/);
    const sizes = await call('list_sizes', { verbose: true });
    assert.match(textOf(sizes), /Unknown argument "verbose": list_sizes accepts no arguments/);
    assertNothingSent();
  });

  it('a destination that cannot be written is refused before the create, naming the folder and the reason: nothing sent', async () => {
    fs.writeFileSync(path.join(workspace, 'plain-file'), 'not a folder');
    await connect();
    const underFile = await call('generate_image', { prompt: 'a kite', path: 'plain-file/art' });
    assert.strictEqual(underFile.isError, true);
    assert.match(textOf(underFile), /Cannot save in the folder plain-file(\/art)?: .*Nothing was sent\./);
    assertNothingSent();
    const fine = await call('generate_image', { prompt: 'a kite', path: 'new/folder', size: '1k-1:1' });
    assert.notStrictEqual(fine.isError, true, textOf(fine));
    assert.ok(fs.statSync(path.join(workspace, 'new/folder')).isDirectory(), 'missing folders are made and left in place');
  });

  it('width/height: both forms at once, one side alone, or a size the API refuses: the seed’s code, said once; nothing sent', async () => {
    await connect();
    for (const [args, code] of [
      [{ size: '1k-1:1', width: 1024, height: 768 }, '003002005'],
      [{ width: 1024 }, '003002007'],
      [{ height: 768 }, '003002007'],
      [{ width: 3000, height: 500 }, '003002006'],
      [{ width: '1024', height: 'tall' }, '003002008'],
    ] as const) {
      const result = await call('generate_image', { prompt: 'a fox', ...args });
      assert.strictEqual(result.isError, true, JSON.stringify(args));
      assert.strictEqual(timesSaid(textOf(result), code), 1, `${JSON.stringify(args)}: ${textOf(result)}`);
      assert.strictEqual(textOf(result).match(/\d{9}/g)?.length, 1, textOf(result));
    }
    assertNothingSent();
  });

  it('an unknown tool is a JSON-RPC error -32602, not a tool result', async () => {
    await connect();
    await assert.rejects(call('make_image', { prompt: 'x' }), (error: unknown) => {
      assert.ok(error instanceof McpError, String(error));
      assert.strictEqual(error.code, ErrorCode.InvalidParams);
      assert.strictEqual(error.code, -32602);
      assert.match(error.message, /Unknown tool "make_image": use generate_image, resume_task, list_sizes/);
      return true;
    });
    assertNothingSent();
  });

  it('progress: the gateway’s percentage with total 100, strictly increasing, one per change, the phase in the message, 100 at the end', async () => {
    mock.setScenario({ default: { queuedMs: 300, durationMs: 6000 } });
    await connect();
    const seen: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = (await client!.callTool({ name: 'generate_image', arguments: { prompt: 'a fox', seed: 5 } }, undefined, { onprogress: (progress) => seen.push(progress) })) as ToolResult;
    assert.ok(!result.isError, textOf(result));
    assert.ok(seen.length >= 3, JSON.stringify(seen));
    for (const notice of seen) {
      assert.strictEqual(notice.total, 100, JSON.stringify(notice));
    }
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i].progress > seen[i - 1].progress, `strictly increasing: ${JSON.stringify(seen)}`);
    }
    assert.strictEqual(seen[seen.length - 1].progress, 100);
    assert.ok(seen.slice(0, -1).every((notice) => notice.progress <= 99.9), JSON.stringify(seen));
    assert.match(seen[0].message!, new RegExp(`^task ${mock.tasks[0].id} created · seed 5 · 1328x1328 · (queued|running)`));
    assert.ok(seen.some((notice) => /^running \d+(\.\d)?% · task /.test(notice.message!)), JSON.stringify(seen));
    assert.ok(seen.some((notice) => /^downloading/.test(notice.message!)), JSON.stringify(seen));
  });

  it('progress from a gateway without percentages: a step counter without total, one per phase', async () => {
    mock.setScenario({ default: { queuedMs: 300, durationMs: 1500, progress: 'none' } });
    await connect();
    const seen: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = (await client!.callTool({ name: 'generate_image', arguments: { prompt: 'a fox', seed: 6 } }, undefined, { onprogress: (progress) => seen.push(progress) })) as ToolResult;
    assert.ok(!result.isError, textOf(result));
    assert.deepStrictEqual(
      seen.map((notice) => notice.progress),
      seen.map((_, index) => index + 1),
    );
    assert.ok(seen.every((notice) => notice.total === undefined), JSON.stringify(seen));
    const phases = seen.map((notice) => /(?:· )?(queued|running|downloading|saved)/.exec(notice.message!)?.[1]);
    assert.deepStrictEqual(phases, [...new Set(phases)], `one notification per phase: ${JSON.stringify(seen)}`);
  });
});
