import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, RunOptions, runProcess } from './cliProcess';

const KEY = 'sk-resume-store-3e7d1f0a';

describe('spark-image resume: the tasks a killed run kept, fetched without paying again (dist/cli.js against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let dir: string;
  let state: string;

  function run(args: string[], options: Partial<Pick<RunOptions, 'onStderr'>> = {}): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: state }, onStderr: options.onStderr });
  }

  /** generate, SIGKILLed the moment its task is created: no message, no hint, nothing saved. */
  async function killedGenerate(prompt: string, extra: string[] = []): Promise<string> {
    let taskId: string | undefined;
    const killed = await run(['generate', prompt, '--seed', '77', '--size', '1k-4:3', ...extra], {
      onStderr: (soFar, child) => {
        const created = /task (\S+) created/.exec(soFar);
        if (created && taskId === undefined) {
          taskId = created[1];
          child.kill('SIGKILL');
        }
      },
    });
    assert.strictEqual(killed.code, null, killed.stderr);
    assert.ok(taskId, killed.stderr);
    return taskId;
  }

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-resume-store-', scenario: { queuedMs: 100, durationMs: 1500 } }, (fixture) => {
    ({ mock, dir } = fixture);
    state = path.join(dir, '.state');
  });

  it('generate SIGKILLed after the create; resume with no id saves the image with its provenance at the original destination, 0 new creates', async () => {
    fs.mkdirSync(path.join(dir, 'art'));
    const taskId = await killedGenerate('a lighthouse in a storm', ['--out', 'art/']);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'art')), [], 'the kill saved nothing');
    assert.strictEqual(mock.counts.creates, 1);

    const resumed = await run(['resume']);
    assert.strictEqual(resumed.code, 0, resumed.stderr);
    assert.strictEqual(mock.counts.creates, 1, 'no new create: the kept task was fetched');
    const saved = path.join(dir, 'art', 'a-lighthouse-in-a-storm-77.png');
    assert.strictEqual(resumed.stdout.trim(), saved);
    const provenance = readEmbeddedProvenance(fs.readFileSync(saved));
    assert.ok(provenance, 'provenance inside the image');
    assert.deepStrictEqual([provenance.taskId, provenance.prompt, provenance.seed, provenance.width, provenance.height], [taskId, 'a lighthouse in a storm', 77, 1472, 1104]);
    assert.strictEqual(provenance.costUsd, 0.03);

    const again = await run(['resume']);
    assert.strictEqual(again.code, 0, again.stderr);
    assert.match(again.stderr, /No paid task to resume here/);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'art')), ['a-lighthouse-in-a-storm-77.png'], 'saved once');
  });

  it('resume --list (and --json) shows the kept task, its prompt, age, destination and estimate, and sends nothing; another folder sees none without --all', async () => {
    const taskId = await killedGenerate('a paper crane');
    const counts = { ...mock.counts };
    const listed = await run(['resume', '--list']);
    assert.strictEqual(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${taskId} · \\d+ min ago · \\. · ≈ \\$0\\.03, estimated · “a paper crane”\\n$`));
    const json = await run(['resume', '--list', '--json']);
    assert.strictEqual(json.code, 0, json.stderr);
    const rows = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    assert.strictEqual(rows.length, 1);
    assert.deepStrictEqual({ ...rows[0], createdAt: typeof rows[0].createdAt }, { taskId, prompt: 'a paper crane', createdAt: 'string', destination: fs.realpathSync(dir), estimatedCostUsd: 0.03, stale: false });
    assert.ok(Math.abs(Date.parse(String(rows[0].createdAt)) - Date.now()) < 60_000);
    assert.deepStrictEqual(mock.counts, counts, 'a listing sends nothing');

    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const fromThere = await runProcess(process.execPath, [CLI, 'resume', '--list', '--json'], { cwd: elsewhere, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: state } });
    assert.deepStrictEqual(JSON.parse(fromThere.stdout), []);
    const all = await runProcess(process.execPath, [CLI, 'resume', '--list', '--all', '--json'], { cwd: elsewhere, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: state } });
    assert.strictEqual((JSON.parse(all.stdout) as unknown[]).length, 1);
  });

  it('a kept task the service no longer knows is dropped with one line saying so', async () => {
    const taskId = await killedGenerate('a forgotten kite');
    mock.reset();
    // An hour old: the service not knowing it is final (a task created moments ago gets a grace).
    const file = path.join(state, 'tasks', `${taskId}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), createdAt: Date.now() - 3_600_000 }));
    const resumed = await run(['resume']);
    assert.match(resumed.stderr, /task \S+: the service no longer knows it; dropped from the store/);
    const listed = await run(['resume', '--list', '--json']);
    assert.deepStrictEqual(JSON.parse(listed.stdout), []);
  });

  it('a kept task older than 7 days is listed as stale but not resumed on its own; resume with its id fetches it', async () => {
    const taskId = await killedGenerate('an old postcard');
    const file = path.join(state, 'tasks', `${taskId}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), createdAt: Date.now() - 8 * 24 * 3_600_000 }));
    const listed = await run(['resume', '--list', '--json']);
    assert.deepStrictEqual((JSON.parse(listed.stdout) as Array<{ taskId: string; stale: boolean }>).map((row) => [row.taskId, row.stale]), [[taskId, true]]);
    const polls = mock.counts.polls;
    const skipped = await run(['resume']);
    assert.strictEqual(skipped.code, 0, skipped.stderr);
    assert.match(skipped.stderr, /1 kept task\(s\) older than 7 days not resumed on their own/);
    assert.strictEqual(mock.counts.polls, polls, 'not even asked about');
    const byId = await run(['resume', taskId]);
    assert.strictEqual(byId.code, 0, byId.stderr);
    assert.strictEqual(byId.stdout.trim(), path.join(dir, 'an-old-postcard-77.png'), 'its stored request names the file');
    assert.strictEqual(mock.counts.creates, 1);
  });
});
