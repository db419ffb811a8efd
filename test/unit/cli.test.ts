import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pngFileSize } from '../helpers/png';
import { MockServer, startMockServer } from '../mock/server';
import { CLI, Run, RunOptions, runProcess } from './cliProcess';

// Distinctive, so a leak cannot hide behind a coincidence.
const KEY = 'sk-cli-test-7f3a9c1e5b2d4086';

describe('spark-image command (dist/cli.js against the mock)', function () {
  this.timeout(20_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[], options: Partial<Omit<RunOptions, 'env'>> = {}): Promise<Run> {
    return runWith(process.execPath, [CLI, ...args], options);
  }

  function runWith(command: string, args: string[], options: Partial<Omit<RunOptions, 'env'>> = {}): Promise<Run> {
    return runProcess(command, args, { cwd: options.cwd ?? dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl }, onStderr: options.onStderr });
  }

  function lastLine(text: string): string {
    const lines = text.trimEnd().split('\n');
    return lines[lines.length - 1];
  }

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: KEY });
  });

  after(() => mock.close());

  beforeEach(() => {
    mock.reset();
    mock.setScenario({ default: { queuedMs: 100, durationMs: 300 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-cli-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves a real PNG of the requested size, named after the prompt and seed; stdout ends with its path', async () => {
    const result = await run(['generate', 'A red fox in the snow', '--width', '512', '--height', '768', '--seed', '42']);
    assert.strictEqual(result.code, 0, result.stderr);
    const saved = lastLine(result.stdout);
    assert.strictEqual(saved, path.join(dir, 'a-red-fox-in-the-snow-42.png'));
    assert.deepStrictEqual(pngFileSize(saved), { width: 512, height: 768 });
    assert.match(result.stderr, /seed 42/);
    assert.deepStrictEqual(fs.readdirSync(dir), ['a-red-fox-in-the-snow-42.png'], 'no temp file left');
    assert.strictEqual(mock.counts.creates, 1);
  });

  it('--size takes WIDTHxHEIGHT: generate --size 800x600 saves an 800×600 image', async () => {
    const result = await run(['generate', 'a small fox', '--size', '800x600', '--seed', '3']);
    assert.strictEqual(result.code, 0, result.stderr);
    const saved = lastLine(result.stdout);
    assert.strictEqual(saved, path.join(dir, 'a-small-fox-3.png'));
    assert.deepStrictEqual(pngFileSize(saved), { width: 800, height: 600 });
    assert.deepStrictEqual([mock.tasks[0].width, mock.tasks[0].height], [800, 600], 'the API was asked for 800×600');
  });

  it('--json prints {path, provenance}; a second identical run never overwrites the first', async () => {
    const args = ['generate', 'lighthouse at dusk', '--size', '1k-16:9', '--seed', '7', '--no-expand', '--json', '--out', dir];
    const first = await run(args);
    assert.strictEqual(first.code, 0, first.stderr);
    const { path: saved, provenance } = JSON.parse(first.stdout) as { path: string; provenance: Record<string, unknown> };
    assert.deepStrictEqual(pngFileSize(saved), { width: 1664, height: 936 });
    const task = mock.tasks[0];
    assert.deepStrictEqual(
      { prompt: provenance.prompt, seed: provenance.seed, width: provenance.width, height: provenance.height, model: provenance.model, usePreLlm: provenance.usePreLlm, taskId: provenance.taskId },
      { prompt: 'lighthouse at dusk', seed: 7, width: 1664, height: 936, model: 'spark_image_3_1', usePreLlm: false, taskId: task.id },
    );
    assert.match(String(provenance.jobId), /^job_/);
    assert.strictEqual(provenance.costUsd, 0.03);

    const second = await run(args);
    assert.strictEqual(second.code, 0, second.stderr);
    assert.strictEqual((JSON.parse(second.stdout) as { path: string }).path, path.join(dir, 'lighthouse-at-dusk-7-1.png'));
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['lighthouse-at-dusk-7-1.png', 'lighthouse-at-dusk-7.png']);
  });

  it('--out FILE gets the extension of what was really downloaded', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 0, format: 'jpeg' } });
    const result = await run(['generate', 'a bowl of pears', '--width', '512', '--height', '512', '--out', 'pears.png']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.strictEqual(lastLine(result.stdout), path.join(dir, 'pears.jpg'));
    assert.deepStrictEqual([...fs.readFileSync(path.join(dir, 'pears.jpg')).subarray(0, 3)], [0xff, 0xd8, 0xff]);
  });

  it('invalid input exits 2 with the 9-digit code, and nothing is sent', async () => {
    const result = await run(['generate', 'tiny', '--width', '100', '--height', '100']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /003002009/);
    assert.strictEqual(result.stdout, '');
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('a task that fails exits 3 with the service\'s code', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 200, fail: { code: 3002095, message: 'GPU on fire' } } });
    const result = await run(['generate', 'a doomed picture', '--width', '512', '--height', '512']);
    assert.strictEqual(result.code, 3, result.stderr);
    assert.match(result.stderr, /003002095/);
    assert.match(result.stderr, /GPU on fire/);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('a refused download (SVG posing as PNG) exits 4 and leaves no file', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 200, image: { kind: 'svg' } } });
    const result = await run(['generate', 'a harmless cat', '--width', '512', '--height', '512']);
    assert.strictEqual(result.code, 4, result.stderr);
    assert.match(result.stderr, /SVG/);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
    assert.strictEqual(result.stdout, '');
  });

  it('a timeout exits 5 with the task id and a resume command that, run as printed, fetches the image', async () => {
    mock.setScenario({ default: { queuedMs: 200, durationMs: 2500 } });
    const prompt = "a fox's den, with $HOME and \"quotes\"";
    const timedOut = await run(['generate', prompt, '--width', '512', '--height', '512', '--seed', '99', '--timeout', '1', '--json']);
    assert.strictEqual(timedOut.code, 5, timedOut.stderr);
    const taskId = mock.tasks[0].id;
    assert.match(timedOut.stderr, new RegExp(taskId));
    const command = timedOut.stderr.split('\n').find((line) => line.trim().startsWith('spark-image resume'));
    assert.ok(command, `no resume command in:\n${timedOut.stderr}`);
    assert.ok(command.includes(taskId));
    assert.deepStrictEqual(fs.readdirSync(dir), []);

    // The printed line goes through a real shell, so its quoting is tested too.
    const resumed = await runWith('/bin/sh', ['-c', command.trim().replace(/^spark-image/, `"${process.execPath}" "${CLI}"`)]);
    assert.strictEqual(resumed.code, 0, resumed.stderr);
    const { path: saved, provenance } = JSON.parse(resumed.stdout) as { path: string; provenance: Record<string, unknown> };
    assert.strictEqual(saved, path.join(dir, 'a-fox-s-den-with-home-and-quotes-99.png'));
    assert.deepStrictEqual(pngFileSize(saved), { width: 512, height: 512 });
    assert.strictEqual(provenance.prompt, prompt);
    assert.strictEqual(provenance.seed, 99);
    assert.strictEqual(provenance.taskId, taskId);
    assert.strictEqual(mock.counts.creates, 1, 'resume creates nothing');
  });

  it('resume with only the task id saves the image with what is known', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 0 } });
    const create = await fetch(mock.createUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'spark_image_3_1', input: [{ params: { prompt: 'made elsewhere', seed: 5, width: 640, height: 640 } }] }),
    });
    const { id } = (await create.json()) as { id: string };
    const result = await run(['resume', id, '--json']);
    assert.strictEqual(result.code, 0, result.stderr);
    const { path: saved, provenance } = JSON.parse(result.stdout) as { path: string; provenance: Record<string, unknown> };
    assert.strictEqual(path.basename(saved), `image-${id.replace(/_/g, '-')}.png`);
    assert.deepStrictEqual({ width: provenance.width, height: provenance.height, taskId: provenance.taskId }, { width: 640, height: 640, taskId: id });
    assert.strictEqual(provenance.prompt, undefined, 'an unknown prompt is left out, not invented');
    assert.strictEqual(provenance.seed, undefined);
  });

  it('Ctrl+C with --grace 0 exits 130 at once, stops polling and leaves no file', async () => {
    mock.setScenario({ default: { queuedMs: 0, never: true } });
    let interrupted = false;
    const started = Date.now();
    const result = await run(['generate', 'an endless task', '--width', '512', '--height', '512', '--grace', '0'], {
      onStderr: (soFar, child) => {
        if (!interrupted && /task \S+ created/.test(soFar)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    assert.ok(interrupted, result.stderr);
    assert.strictEqual(result.code, 130, result.stderr);
    assert.ok(Date.now() - started < 5000, 'stopped promptly');
    assert.match(result.stderr, /spark-image resume task_/);
    const polls = mock.counts.polls;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.strictEqual(mock.counts.polls, polls);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('never prints the key, even with --verbose, though the requests carried it', async () => {
    const result = await run(['generate', 'a quiet pond', '--width', '512', '--height', '512', '--verbose']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /POST http/, 'verbose shows the requests');
    const everything = result.stdout + result.stderr;
    assert.ok(!everything.includes(KEY), `the key leaked:\n${everything}`);
    assert.doesNotMatch(everything, /Bearer\s+sk-/);
    assert.ok(mock.log.some((request) => request.authorization === `Bearer ${KEY}`), 'the key was sent to the API');
  });

  it('an unknown option exits 2 and sends nothing', async () => {
    const result = await run(['generate', 'a cat', '--colour', 'red']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /Unknown option --colour/);
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('--api-key is refused, pointing to the environment variable, without echoing the value', async () => {
    for (const args of [['--api-key', 'sk-typed-on-the-command-line'], ['--api-key=sk-typed-on-the-command-line']]) {
      const result = await run(['generate', 'a cat', ...args]);
      assert.strictEqual(result.code, 2);
      assert.match(result.stderr, /SPARK_IMAGE_API_KEY/);
      assert.ok(!result.stderr.includes('sk-typed'), result.stderr);
    }
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('--help lists the size presets; --version prints the package version', async () => {
    const help = await run(['--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /1k-16:9\s+1664×936/);
    const version = await run(['--version']);
    assert.strictEqual(version.code, 0);
    assert.strictEqual(version.stdout.trim(), (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version);
  });
});
