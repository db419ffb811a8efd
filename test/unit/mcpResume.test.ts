import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { TaskStore } from '../../src/node/tasks/taskStore';
import { AgentTarget } from '../../src/cli/mcp/agentDelivery';
import { mockControlAt } from '../mock/controlClient';
import { MockServer, startMockServer } from '../mock/server';
import { pngFileSize } from '../helpers/png';
import { MCP_KEY, RawClient, schemaErrors, sdkClient, stateDirOf, textOf, ToolResult } from './mcpHarness';

type Listed = { name: string; outputSchema?: object };

/**
 * resume_task across server processes, on the task store (SPARK_IMAGE_STATE_DIR): a restarted
 * server finishes a task with its prompt, seed, size and requested path; a second resume
 * downloads nothing; an unknown task is final at once. With the SDK Client and raw JSON-RPC.
 */
describe('spark-image mcp resume_task on the task store (new server processes, against the mock)', function () {
  this.timeout(40_000);
  let mock: MockServer;
  let workspace: string;
  const clients: Array<{ close(): Promise<void> }> = [];

  async function sdk(args: string[] = []): Promise<Client> {
    const client = await sdkClient({ workspace, baseUrl: mock.baseUrl, args });
    clients.push(client);
    return client;
  }

  async function sdkCall(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
    return (await client.callTool({ name, arguments: args })) as ToolResult;
  }

  async function raw(args: string[] = []): Promise<RawClient> {
    const client = new RawClient({ workspace, baseUrl: mock.baseUrl, args });
    clients.push(client);
    await client.initialize();
    return client;
  }

  async function rawCall(client: RawClient, name: string, args: Record<string, unknown>): Promise<ToolResult> {
    const answer = await client.request('tools/call', { name, arguments: args });
    assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
    return answer.result as unknown as ToolResult;
  }

  /** generate_image on a server that gives up after 1 s: the task is kept, the server closed. */
  async function keptTask(args: Record<string, unknown>): Promise<string> {
    mock.setScenario({ default: { never: true } });
    const first = await sdk(['--timeout', '1']);
    const result = await sdkCall(first, 'generate_image', args);
    assert.strictEqual(result.isError, true, textOf(result));
    const taskId = mock.tasks[0].id;
    assert.ok(textOf(result).includes(`task id: ${taskId}. The task is kept pending`), textOf(result));
    await first.close();
    await mockControlAt(() => mock.baseUrl).finish(taskId);
    return taskId;
  }

  before(async () => {
    mock = await startMockServer({ apiKey: MCP_KEY });
  });

  after(() => mock.close());

  beforeEach(() => {
    mock.reset();
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'spark-mcp-resume-')));
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('SDK Client: a new server process resumes with the prompt, seed and size at the requested path; a second resume downloads nothing', async () => {
    const taskId = await keptTask({ prompt: 'a patient heron', seed: 31, width: 1024, height: 768, path: 'art/heron.png', alt: 'A heron' });
    const second = await sdk();
    const schema = ((await second.listTools()) as { tools: Listed[] }).tools.find((tool) => tool.name === 'resume_task')!.outputSchema!;
    const resumed = await sdkCall(second, 'resume_task', { task_id: taskId });
    assert.ok(!resumed.isError, textOf(resumed));
    assert.strictEqual(schemaErrors(schema, resumed.structuredContent), undefined);
    const expected = { path: 'art/heron.png', markdown: '![A heron](art/heron.png)', seed: 31, width: 1024, height: 768, costUsd: 0.03, taskId, prompt: 'a patient heron' };
    assert.deepStrictEqual(resumed.structuredContent, { images: [expected], costUsd: 0.03 });
    const file = path.join(workspace, 'art/heron.png');
    assert.deepStrictEqual(pngFileSize(file), { width: 1024, height: 768 });
    const provenance = readEmbeddedProvenance(fs.readFileSync(file));
    assert.deepStrictEqual([provenance?.prompt, provenance?.seed, provenance?.taskId], ['a patient heron', 31, taskId]);
    assert.strictEqual(mock.counts.creates, 1, 'resuming paid nothing more');
    const { downloads, polls } = mock.counts;
    assert.strictEqual(downloads, 1);

    await second.close();
    const third = await sdk();
    const again = await sdkCall(third, 'resume_task', { task_id: taskId });
    assert.ok(!again.isError, textOf(again));
    assert.deepStrictEqual(again.structuredContent, { images: [expected], costUsd: 0.03 });
    assert.match(textOf(again), /its image was saved already; nothing was downloaded again/);
    assert.deepStrictEqual([mock.counts.downloads, mock.counts.polls, mock.counts.creates], [downloads, polls, 1], 'nothing asked, nothing downloaded');
    assert.deepStrictEqual(fs.readdirSync(path.join(workspace, 'art')), ['heron.png'], 'no duplicate');
  });

  it('raw JSON-RPC: the same resume on a new process, then a second one that downloads nothing', async () => {
    const taskId = await keptTask({ prompt: 'a quiet pond', seed: 7, size: '1k-16:9', path: 'pics' });
    const second = await raw();
    const schema = ((await second.request('tools/list')).result as { tools: Listed[] }).tools.find((tool) => tool.name === 'resume_task')!.outputSchema!;
    const resumed = await rawCall(second, 'resume_task', { task_id: taskId });
    assert.ok(!resumed.isError, textOf(resumed));
    assert.strictEqual(schemaErrors(schema, resumed.structuredContent), undefined);
    const [image] = (resumed.structuredContent as { images: Array<{ path: string; seed: number; prompt: string; width: number; height: number }> }).images;
    assert.deepStrictEqual(image, { ...image, path: 'pics/a-quiet-pond-7.png', seed: 7, prompt: 'a quiet pond', width: 1664, height: 936 });
    const downloads = mock.counts.downloads;
    const again = await rawCall(second, 'resume_task', { task_id: taskId });
    assert.deepStrictEqual(again.structuredContent, resumed.structuredContent);
    assert.strictEqual(mock.counts.downloads, downloads);
    assert.deepStrictEqual(fs.readdirSync(path.join(workspace, 'pics')), ['a-quiet-pond-7.png']);
  });

  it('an unknown task is final at once: "no such task", no hint to resume again, no made-up 003002098; at most 2 status requests', async () => {
    const sdkServer = await sdk();
    const rawServer = await raw();
    for (const ask of [() => sdkCall(sdkServer, 'resume_task', { task_id: 'task_nope' }), () => rawCall(rawServer, 'resume_task', { task_id: 'task_nope' })]) {
      mock.reset();
      const started = Date.now();
      const result = await ask();
      const took = Date.now() - started;
      assert.strictEqual(result.isError, true);
      const text = textOf(result);
      assert.match(text, /^No such task "task_nope": the service does not know it, and this server has no record of it\. Nothing was downloaded; resuming it again will not help\.$/);
      assert.doesNotMatch(text, /003002098|kept pending|call resume_task/);
      assert.ok(mock.counts.polls >= 1 && mock.counts.polls <= 2, `${mock.counts.polls} status requests`);
      assert.ok(took < 2000, `answered in ${took} ms`);
    }
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('a stored destination outside the workspace is refused before anything is sent', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-mcp-elsewhere-'));
    try {
      const store = new TaskStore<AgentTarget>({ stateDir: stateDirOf(workspace) });
      const request = { model: 'spark_image_3_1', prompt: 'a stray cat', use_pre_llm: false, seed: 3, width: 1328, height: 1328 };
      await store.put({ taskId: 'task_elsewhere', request, createdAt: Date.now(), target: { destination: { kind: 'folder', folder: outside } } });
      const server = await sdk();
      const result = await sdkCall(server, 'resume_task', { task_id: 'task_elsewhere' });
      assert.strictEqual(result.isError, true);
      assert.ok(textOf(result).includes(`task task_elsewhere was asked to be saved at ${JSON.stringify(outside)}, outside this server's workspace`), textOf(result));
      assert.strictEqual(mock.log.length, 0, 'nothing sent');
      assert.deepStrictEqual(fs.readdirSync(outside), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
