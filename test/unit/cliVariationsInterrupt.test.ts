import * as assert from 'assert';
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { mockControlAt } from '../mock/controlClient';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-variations-interrupt-5c1a9e02';

describe('spark-image generate --count interrupted: every variation stops, each paid one stays resumable (dist/cli.js against the mock)', function () {
  this.timeout(60_000);
  let mock: MockServer;
  let dir: string;
  const state = () => path.join(dir, '.state');

  function run(args: string[], onChild?: (child: ChildProcess) => void): Promise<Run> {
    let told = false;
    return runProcess(process.execPath, [CLI, ...args], {
      cwd: dir,
      env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: state() },
      onStderr: (_soFar, child) => {
        if (!told) {
          told = true;
          onChild?.(child);
        }
      },
    });
  }

  /** The task records the store holds: written the moment each create answered. */
  function storedTaskIds(): string[] {
    const folder = path.join(state(), 'tasks');
    return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)) : [];
  }

  /** SIGINT once `count` task ids are safe in the store. */
  function interruptAfterStored(count: number): (child: ChildProcess) => void {
    return (child) => {
      const timer = setInterval(() => {
        if (storedTaskIds().length >= count) {
          clearInterval(timer);
          child.kill('SIGINT');
        }
      }, 20);
      child.on('close', () => clearInterval(timer));
    };
  }

  const saved = () => (fs.existsSync(path.join(dir, 'out')) ? fs.readdirSync(path.join(dir, 'out')).sort() : []);

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-variations-interrupt-', scenario: { queuedMs: 0, never: true } }, (fixture) => ({ mock, dir } = fixture));

  it('SIGINT during --count 3 (grace 0): exit 130, every task kept in the store and named in one line; resume saves all 3 with 0 new creates', async () => {
    const first = await run(['generate', 'a paper boat', '--count', '3', '--seed', '10', '--out', 'out/', '--grace', '0'], interruptAfterStored(3));
    assert.strictEqual(first.code, 130, first.stderr);
    assert.strictEqual(mock.counts.creates, 3);
    const ids = storedTaskIds().sort();
    assert.deepStrictEqual(ids, mock.tasks.map((task) => task.id).sort(), 'every variation\'s task is in the store');
    const kept = /^3 paid task\(s\) kept \(≈ \$0\.09, estimated\): (\S+), (\S+), (\S+); fetch them with spark-image resume$/m.exec(first.stderr);
    assert.ok(kept, first.stderr);
    assert.deepStrictEqual(kept.slice(1).sort(), ids);
    assert.strictEqual(first.stderr.match(/paid task\(s\) kept/g)?.length, 1, 'one line, not one per variation');
    assert.doesNotMatch(first.stderr, /variation \d \(seed \d+\) failed/);
    assert.deepStrictEqual(saved(), []);

    for (const id of ids) {
      await mockControlAt(() => mock.baseUrl).finish(id);
    }
    // A new create now would finish too: a resume that paid again would be seen, not hang.
    mock.setScenario({ default: { queuedMs: 0, durationMs: 50 } });
    const resumed = await run(['resume']);
    assert.strictEqual(resumed.code, 0, resumed.stderr);
    assert.strictEqual(mock.counts.creates, 3, 'no new create');
    assert.strictEqual(saved().length, 3, resumed.stderr);
    const seeds = saved().map((name) => readEmbeddedProvenance(fs.readFileSync(path.join(dir, 'out', name)))?.seed).sort();
    assert.deepStrictEqual(seeds, [10, 11, 12]);
    assert.deepStrictEqual(storedTaskIds().filter((id) => ids.includes(id) && JSON.parse(fs.readFileSync(path.join(state(), 'tasks', `${id}.json`), 'utf8')).state === 'pending'), [], 'none left pending');
  });

  it('one grace period for all: a variation finishing within it is saved, the others are kept and named', async () => {
    mock.setScenario({ default: { queuedMs: 0, never: true }, next: [{ never: null, durationMs: 1200 }, {}, {}] });
    const first = await run(['generate', 'a paper boat', '--count', '3', '--seed', '20', '--out', 'out/', '--grace', '5'], interruptAfterStored(3));
    assert.strictEqual(first.code, 130, first.stderr);
    assert.strictEqual(first.stderr.match(/waiting up to 5 s for 3 paid variation\(s\) to finish/g)?.length, 1, first.stderr);
    const quick = mock.tasks.find((task) => task.scenario.never !== true);
    assert.ok(quick);
    assert.strictEqual(saved().length, 1, first.stderr);
    assert.strictEqual(readEmbeddedProvenance(fs.readFileSync(path.join(dir, 'out', saved()[0])))?.taskId, quick.id);
    const kept = /^2 paid task\(s\) kept \(≈ \$0\.06, estimated\): (\S+), (\S+); fetch them with spark-image resume$/m.exec(first.stderr);
    assert.ok(kept, first.stderr);
    assert.deepStrictEqual(kept.slice(1).sort(), mock.tasks.filter((task) => task.id !== quick.id).map((task) => task.id).sort());
  });
});
