import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { mockControlAt } from '../mock/controlClient';
import { MockServer, startMockServer } from '../mock/server';
import { cleanEnv } from '../helpers/env';
import { pngSize } from '../helpers/png';
import { CLI } from './cliProcess';

const KEY = 'sk-mcp-test-5e1b7c3a9d2f4680';

type Block = { type: string; text?: string; data?: string; mimeType?: string; uri?: string; name?: string };
type Result = { content: Block[]; isError?: boolean };

function textOf(result: Result): string {
  return result.content
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
}

describe('spark-image mcp (dist/cli.js over stdio, driven by the SDK Client, against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let workspace: string;
  let client: Client | undefined;
  let stderr = '';

  async function connect(args: string[] = [], env: Record<string, string> = {}): Promise<Client> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', ...args],
      cwd: workspace,
      env: cleanEnv({ SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: path.join(workspace, '.spark-state'), ...env }),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'spark-image-test', version: '0.0.0' });
    await client.connect(transport);
    return client;
  }

  async function call(name: string, args: Record<string, unknown>): Promise<Result> {
    return (await client!.callTool({ name, arguments: args })) as Result;
  }

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: KEY });
  });

  after(() => mock.close());

  beforeEach(() => {
    mock.reset();
    mock.setScenario({ default: { queuedMs: 50, durationMs: 200 } });
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'spark-mcp-')));
    stderr = '';
  });

  afterEach(async () => {
    await client?.close();
    client = undefined;
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('lists generate_image, resume_task, list_sizes and list_styles; list_sizes names the seed presets', async () => {
    await connect();
    const { tools } = await client!.listTools();
    assert.deepStrictEqual(tools.map((tool) => tool.name).sort(), ['generate_image', 'list_sizes', 'list_styles', 'resume_task']);
    const generate = tools.find((tool) => tool.name === 'generate_image')!;
    assert.deepStrictEqual((generate.inputSchema as { required?: string[] }).required, ['prompt']);
    assert.deepStrictEqual(Object.keys(generate.inputSchema.properties ?? {}).sort(), ['alt', 'count', 'encodeQuality', 'format', 'height', 'insertInto', 'maxWidth', 'path', 'prompt', 'promptExpansion', 'seed', 'size', 'style', 'width']);
    const sizes = textOf(await call('list_sizes', {}));
    assert.match(sizes, /^1k-16:9: 1664x936 /m);
    assert.match(sizes, /^2k-1:1: 2048x2048 .*\$0\.06/m);
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('generate_image saves the PNG in the workspace; text, resource_link (file:) and a thumbnail of at most 256 px', async () => {
    await connect();
    const result = await call('generate_image', { prompt: 'a lighthouse at dusk', size: '1k-16:9', seed: 7, path: 'docs/img' });
    assert.ok(!result.isError, textOf(result));
    const text = textOf(result);
    const task = mock.tasks[0];
    assert.match(text, /^saved: docs\/img\/a-lighthouse-at-dusk-7\.png$/m);
    assert.match(text, /^markdown: !\[a lighthouse at dusk\]\(docs\/img\/a-lighthouse-at-dusk-7\.png\)$/m);
    assert.match(text, /^seed: 7$/m);
    assert.match(text, /^size: 1664x936$/m);
    assert.match(text, /^billed cost: \$0\.03$/m);
    assert.ok(text.includes(`task id: ${task.id}`), text);
    const file = path.join(workspace, 'docs/img/a-lighthouse-at-dusk-7.png');
    assert.deepStrictEqual(pngSize(fs.readFileSync(file)), { width: 1664, height: 936 });

    const link = result.content.find((block) => block.type === 'resource_link')!;
    assert.ok(link, 'a resource_link');
    assert.strictEqual(fileURLToPath(link.uri!), file);
    assert.strictEqual(link.mimeType, 'image/png');

    const images = result.content.filter((block) => block.type === 'image');
    assert.strictEqual(images.length, 1);
    const thumbnail = Buffer.from(images[0].data!, 'base64');
    assert.strictEqual(images[0].mimeType, 'image/png');
    assert.deepStrictEqual(pngSize(thumbnail), { width: 256, height: 144 });
    assert.ok(thumbnail.length < fs.statSync(file).size / 4, `the thumbnail (${thumbnail.length} bytes) is not the full image`);
  });

  it('insertInto puts the markdown link after the given line of the document, as its own paragraph', async () => {
    fs.writeFileSync(path.join(workspace, 'guide.md'), '# Guide\n\nIntro.\n\nMore.\n');
    mock.setScenario({ default: { immediate: true } });
    await connect();
    const result = await call('generate_image', { prompt: 'a fox', seed: 3, alt: 'A fox', insertInto: { document: 'guide.md', line: 3 } });
    assert.ok(!result.isError, textOf(result));
    assert.strictEqual(fs.readFileSync(path.join(workspace, 'guide.md'), 'utf8'), '# Guide\n\nIntro.\n\n![A fox](images/a-fox-3.png)\n\nMore.\n');
    assert.match(textOf(result), /^link inserted into: guide\.md$/m);
    // Its own paragraph also where text follows at once, and at the end (the last line break kept).
    fs.writeFileSync(path.join(workspace, 'tight.md'), '# Tight\nText right below.\n');
    assert.ok(!(await call('generate_image', { prompt: 'a hare', seed: 4, alt: 'A hare', insertInto: { document: 'tight.md', line: 1 } })).isError);
    assert.ok(!(await call('generate_image', { prompt: 'an owl', seed: 5, alt: 'An owl', insertInto: { document: 'tight.md' } })).isError);
    assert.strictEqual(fs.readFileSync(path.join(workspace, 'tight.md'), 'utf8'), '# Tight\n\n![A hare](images/a-hare-4.png)\n\nText right below.\n\n![An owl](images/an-owl-5.png)\n');
  });

  it('invalid input: isError with the rule, the value and the seed code; nothing sent', async () => {
    await connect();
    const result = await call('generate_image', { prompt: 'a fox', size: '100x100' });
    assert.strictEqual(result.isError, true);
    assert.match(textOf(result), /100/);
    assert.match(textOf(result), /\[003002009 Invalid width\/height parameter range\]$/);
    const badSize = await call('generate_image', { prompt: 'a fox', size: 'huge' });
    assert.strictEqual(badSize.isError, true);
    assert.match(textOf(badSize), /size must be a preset .* not "huge"/);
    const noPrompt = await call('generate_image', {});
    assert.strictEqual(noPrompt.isError, true);
    assert.match(textOf(noPrompt), /\[003002001 Prompt missing\]$/);
    assert.strictEqual(mock.counts.creates, 0);
    assert.strictEqual(mock.log.length, 0);
  });

  it('takes the key only from SPARK_IMAGE_API_KEY: without it, an isError result and nothing sent', async () => {
    await connect([], { SPARK_IMAGE_API_KEY: '' });
    const result = await call('generate_image', { prompt: 'a fox' });
    assert.strictEqual(result.isError, true);
    assert.match(textOf(result), /No API key: set the environment variable SPARK_IMAGE_API_KEY/);
    assert.strictEqual(mock.log.length, 0);
  });

  it('refuses paths out of the workspace (.., absolute, a symlink out) before sending anything', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-mcp-outside-'));
    try {
      fs.symlinkSync(outside, path.join(workspace, 'escape'));
      await connect();
      for (const [where, why] of [
        ['../x', /contains "\.\."/],
        [path.join(outside, 'x.png'), /is absolute/],
        ['escape/x.png', /symbolic link/],
        ['escape', /symbolic link/],
      ] as const) {
        const result = await call('generate_image', { prompt: 'a fox', path: where });
        assert.strictEqual(result.isError, true, where);
        assert.match(textOf(result), why);
      }
      const document = await call('generate_image', { prompt: 'a fox', insertInto: { document: '../notes.md' } });
      assert.strictEqual(document.isError, true);
      assert.strictEqual(mock.counts.creates, 0);
      assert.deepStrictEqual(fs.readdirSync(outside), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('--max-images and --max-cost cap the server run: the call over the cap is refused and sends nothing', async () => {
    await connect(['--max-images', '1']);
    assert.ok(!(await call('generate_image', { prompt: 'one', seed: 1 })).isError);
    const second = await call('generate_image', { prompt: 'two', seed: 2 });
    assert.strictEqual(second.isError, true);
    assert.match(textOf(second), /at most 1 image\(s\) \(--max-images\).*Nothing was sent/);
    assert.strictEqual(mock.counts.creates, 1);
    await client!.close();

    mock.reset();
    mock.setScenario({ default: { queuedMs: 50, durationMs: 200 } });
    await connect(['--max-cost', '0.05']);
    assert.ok(!(await call('generate_image', { prompt: 'small', seed: 1 })).isError);
    const over = await call('generate_image', { prompt: 'small again', seed: 2 });
    assert.strictEqual(over.isError, true);
    assert.match(textOf(over), /\$0\.03 spent.*limit of \$0\.05 \(--max-cost\)/);
    assert.strictEqual(mock.counts.creates, 1);
  });

  it('sends notifications/progress when the client gives a progress token', async () => {
    mock.setScenario({ default: { queuedMs: 100, durationMs: 1500 } });
    await connect();
    const seen: Array<{ progress: number; message?: string }> = [];
    const result = (await client!.callTool({ name: 'generate_image', arguments: { prompt: 'a fox', seed: 5 } }, undefined, {
      onprogress: (progress) => seen.push(progress),
    })) as Result;
    assert.ok(!result.isError, textOf(result));
    assert.ok(seen.length >= 2, JSON.stringify(seen));
    const messages = seen.map((progress) => progress.message).join('\n');
    assert.match(messages, new RegExp(`task ${mock.tasks[0].id} created · seed 5`));
    assert.match(messages, /running \d+%/);
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i].progress > seen[i - 1].progress, 'progress increases');
    }
  });

  it('notifications/cancelled stops the polling; the task id is announced and resume_task finishes it', async () => {
    mock.setScenario({ default: { never: true } });
    await connect();
    const logs: string[] = [];
    client!.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void logs.push(String(notification.params.data)));
    const controller = new AbortController();
    let taskId: string | undefined;
    const cancelled = client!.callTool({ name: 'generate_image', arguments: { prompt: 'a patient fox', seed: 9 } }, undefined, {
      signal: controller.signal,
      onprogress: (progress) => {
        taskId ??= /task (\S+) created/.exec(progress.message ?? '')?.[1];
        if (taskId) {
          controller.abort();
        }
      },
    });
    await assert.rejects(cancelled);
    assert.strictEqual(taskId, mock.tasks[0].id);
    // The server tells which task it kept (a cancelled request gets no answer).
    for (let i = 0; i < 100 && logs.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(logs.join('\n'), new RegExp(`task ${taskId} is kept .*resume_task`));
    const polls = mock.counts.polls;
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.strictEqual(mock.counts.polls, polls, 'no polling after the cancellation');

    await mockControlAt(() => mock.baseUrl).finish(taskId!);
    const resumed = await call('resume_task', { task_id: taskId });
    assert.ok(!resumed.isError, textOf(resumed));
    assert.match(textOf(resumed), /^saved: images\/a-patient-fox-9\.png$/m);
    assert.match(textOf(resumed), /^seed: 9$/m);
    assert.strictEqual(mock.counts.creates, 1, 'resuming pays nothing more');
  });
});
