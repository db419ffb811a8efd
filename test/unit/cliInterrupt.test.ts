import * as assert from 'assert';
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { mockControlAt } from '../mock/controlClient';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-interrupt-7b2e90c4';

const THREE = ['# Guide', '', '<!-- spark-image: a red fox {seed=1} -->', '', '<!-- spark-image: a blue heron {seed=2} -->', '', '<!-- spark-image: a green frog {seed=3} -->', ''].join('\n');

interface TaskJson {
  file: string;
  line: number;
  occurrence: number;
  taskId?: string;
  outcome: string;
  resumed: boolean;
  path?: string;
  linked?: boolean;
  costUsd?: number;
  costIsEstimate?: boolean;
}

interface Report {
  tasks: TaskJson[];
  spentUsd: number;
  spentIsEstimate: boolean;
  interrupted: boolean;
}

describe('spark-image docs interrupted: nothing paid is lost, nothing is paid twice (dist/cli.js against the mock)', function () {
  this.timeout(40_000);
  let mock: MockServer;
  let dir: string;
  let state: string;

  function docs(args: string[], onChild?: (child: ChildProcess) => void): Promise<Run> {
    let told = false;
    return runProcess(process.execPath, [CLI, 'docs', ...args], {
      cwd: dir,
      env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: state },
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
    const folder = path.join(state, 'tasks');
    return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)) : [];
  }

  /** Sends `signal` once `count` task ids are safe in the store. */
  function signalAfterStored(count: number, signal: NodeJS.Signals): (child: ChildProcess) => void {
    return (child) => {
      const timer = setInterval(() => {
        if (storedTaskIds().length >= count) {
          clearInterval(timer);
          child.kill(signal);
        }
      }, 20);
      child.on('close', () => clearInterval(timer));
    };
  }

  function links(): string[] {
    return [...fs.readFileSync(path.join(dir, 'a.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
  }

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-interrupt-', scenario: { queuedMs: 0, never: true } }, (fixture) => {
    ({ mock, dir } = fixture);
    state = path.join(dir, '.state');
    fs.writeFileSync(path.join(dir, 'a.md'), THREE);
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`3 slow directives, ${signal} after the creates: ${signal === 'SIGTERM' ? 'the summary names the 3 paid tasks, their cost and what to run; ' : ''}the rerun makes 0 new creates and links all 3`, async () => {
      const first = await docs(['--json', '--grace', '0.5'], signalAfterStored(3, signal));
      const ids = storedTaskIds().sort();
      assert.strictEqual(ids.length, 3);
      assert.strictEqual(mock.counts.creates, 3);
      if (signal === 'SIGTERM') {
        assert.strictEqual(first.code, 130, first.stderr);
        assert.doesNotMatch(first.stderr, /failed: Cancelled/);
        const kept = /3 paid task\(s\) kept \(≈ \$0\.09, estimated\): (\S+), (\S+), (\S+); run the same command again, or spark-image resume/.exec(first.stderr);
        assert.ok(kept, first.stderr);
        assert.deepStrictEqual(kept.slice(1).sort(), ids);
        const report = JSON.parse(first.stdout) as Report;
        assert.strictEqual(report.interrupted, true);
        assert.deepStrictEqual(
          report.tasks.map((task) => [task.line, task.outcome, task.resumed, task.costUsd, task.costIsEstimate]).sort(),
          [[3, 'kept', false, 0.03, true], [5, 'kept', false, 0.03, true], [7, 'kept', false, 0.03, true]],
        );
        assert.deepStrictEqual([report.spentUsd, report.spentIsEstimate], [0.09, true], 'the spent figure counts the paid tasks');
      } else {
        assert.strictEqual(first.code, null);
      }
      assert.deepStrictEqual(links(), []);

      for (const id of ids) {
        await mockControlAt(() => mock.baseUrl).finish(id);
      }
      // A new create now would finish too: a rerun that paid again would be seen, not hang.
      mock.setScenario({ default: { queuedMs: 0, durationMs: 100 } });
      const rerun = await docs(['--json']);
      assert.strictEqual(rerun.code, 0, rerun.stderr);
      assert.strictEqual(mock.counts.creates, 3, 'no new create: the kept tasks were resumed');
      assert.match(rerun.stderr, /3 paid task\(s\) from an interrupted run: resuming/);
      assert.strictEqual(links().length, 3, fs.readFileSync(path.join(dir, 'a.md'), 'utf8'));
      const report = JSON.parse(rerun.stdout) as Report;
      assert.deepStrictEqual(report.tasks.map((task) => [task.taskId, task.outcome, task.resumed]).sort(), ids.map((id) => [id, 'saved', true]));
      assert.deepStrictEqual([report.spentUsd, report.interrupted], [0, false], 'paid by the first run, not counted again');
      for (const link of links()) {
        assert.ok(fs.existsSync(path.join(dir, link)), link);
      }
      const again = await docs([]);
      assert.strictEqual(again.code, 0, again.stderr);
      assert.strictEqual(mock.counts.creates, 3);
    });
  }

  it('the grace period: a task that finishes within it is saved and linked, one that does not is kept', async () => {
    fs.writeFileSync(path.join(dir, 'a.md'), ['<!-- spark-image: a quick sketch {seed=4} -->', '', '<!-- spark-image: a slow oil painting {seed=5} -->', ''].join('\n'));
    mock.setScenario({ default: { queuedMs: 0, never: true }, next: [{ never: null, durationMs: 1200 }, {}] });
    let signalledAt = 0;
    // The default grace, 5 s: the first status request comes 3 s after the create.
    const first = await docs(['--json', '--concurrency', '2'], (child) => {
      signalAfterStored(2, 'SIGTERM')(child);
      const watch = setInterval(() => {
        if (storedTaskIds().length >= 2 && signalledAt === 0) {
          signalledAt = Date.now();
          clearInterval(watch);
        }
      }, 20);
    });
    const tookMs = Date.now() - signalledAt;
    assert.strictEqual(first.code, 130, first.stderr);
    assert.match(first.stderr, /waiting up to 5 s for 2 paid task\(s\) to finish/);
    const report = JSON.parse(first.stdout) as Report;
    const byOutcome = Object.fromEntries(report.tasks.map((task) => [task.outcome, task]));
    assert.deepStrictEqual(Object.keys(byOutcome).sort(), ['kept', 'saved'], JSON.stringify(report.tasks));
    const quick = mock.tasks.find((task) => task.scenario.never !== true);
    assert.strictEqual(byOutcome.saved.taskId, quick?.id, 'the quick task finished within the grace');
    assert.deepStrictEqual([byOutcome.saved.costUsd, byOutcome.saved.costIsEstimate], [0.03, false]);
    assert.deepStrictEqual(links(), [byOutcome.saved.path]);
    assert.deepStrictEqual([report.spentUsd, report.spentIsEstimate], [0.06, true]);
    console.log(`      (an interrupted run with a task still running ended ${tookMs} ms after SIGTERM, with the default grace of 5 s)`);
    await mockControlAt(() => mock.baseUrl).finish(byOutcome.kept.taskId ?? '');
    const rerun = await docs([]);
    assert.strictEqual(rerun.code, 0, rerun.stderr);
    assert.strictEqual(mock.counts.creates, 2);
    assert.strictEqual(links().length, 2);
  });

  it('a directive changed since its task was paid is not resumed: its image is still fetched and saved beside, and the summary says where', async () => {
    fs.writeFileSync(path.join(dir, 'a.md'), '<!-- spark-image: a lighthouse {seed=8} -->\n');
    await docs(['--grace', '0'], signalAfterStored(1, 'SIGKILL'));
    const [paid] = storedTaskIds();
    assert.ok(paid);
    fs.writeFileSync(path.join(dir, 'a.md'), '<!-- spark-image: a lighthouse at night {seed=8} -->\n');
    await mockControlAt(() => mock.baseUrl).finish(paid);
    mock.setScenario({ default: { queuedMs: 0, durationMs: 100 } });
    const rerun = await docs(['--json']);
    assert.strictEqual(rerun.code, 0, rerun.stderr);
    assert.strictEqual(mock.counts.creates, 2, 'the changed directive is made anew; the paid task is not made again');
    const report = JSON.parse(rerun.stdout) as Report;
    const beside = report.tasks.find((task) => task.taskId === paid);
    assert.deepStrictEqual({ ...beside, path: undefined }, { file: 'a.md', line: 1, occurrence: 0, taskId: paid, outcome: 'saved', resumed: true, path: undefined, seed: 8, linked: false, costUsd: 0.03, costIsEstimate: false });
    assert.strictEqual(beside?.path, 'images/a-lighthouse-8.png');
    assert.ok(fs.existsSync(path.join(dir, 'images', 'a-lighthouse-8.png')), 'the paid image is saved');
    assert.match(rerun.stderr, /a\.md:1: images\/a-lighthouse-8\.png · seed 8 · resumed task \S+ · \$0\.03 · not linked: its directive changed since it was paid/);
    assert.deepStrictEqual(links(), ['images/a-lighthouse-at-night-8.png'], 'only the new image is linked');
    assert.strictEqual(report.spentUsd, 0.03, 'the new create only');
  });

  it('two docs runs at once on the same folder never create the same directive twice', async () => {
    const many = Array.from({ length: 6 }, (_, index) => `<!-- spark-image: picture number ${index} {seed=${index + 10}} -->\n`).join('\n');
    fs.writeFileSync(path.join(dir, 'a.md'), many);
    mock.setScenario({ default: { queuedMs: 0, durationMs: 300 } });
    const [one, two] = await Promise.all([docs(['--json', '--concurrency', '2']), docs(['--json', '--concurrency', '2'])]);
    assert.deepStrictEqual([one.code, two.code], [0, 0], one.stderr + two.stderr);
    const prompts = mock.tasks.map((task) => task.prompt).sort();
    assert.deepStrictEqual(prompts, Array.from({ length: 6 }, (_, index) => `picture number ${index}`), 'each directive created exactly once');
    assert.strictEqual(links().length, 6, fs.readFileSync(path.join(dir, 'a.md'), 'utf8'));
    const made = [one, two].flatMap((run) => (JSON.parse(run.stdout) as Report).tasks.filter((task) => task.outcome === 'saved').map((task) => task.line));
    assert.deepStrictEqual(made.sort((a, b) => a - b), [1, 3, 5, 7, 9, 11], 'between them, every directive once');
  });

  it('a create a dead run sent without keeping its answer is reported once as "outcome unknown (maybe billed)", then made again', async () => {
    fs.writeFileSync(path.join(dir, 'a.md'), '<!-- spark-image: a red fox {seed=1} -->\n');
    const text = '<!-- spark-image: a red fox {seed=1} -->';
    const intents = path.join(state, 'tasks', 'intents');
    fs.mkdirSync(intents, { recursive: true });
    // What a SIGKILL between the create's answer and its write leaves: the intent, with a pid no longer running.
    const request = { model: 'spark_image_3_1', prompt: 'a red fox', use_pre_llm: true, seed: 1, width: 1328, height: 1328 };
    const target = { origin: 'docs', destination: { kind: 'folder', folder: path.join(dir, 'images') }, directive: { file: path.join(dir, 'a.md'), text, occurrence: 0, line: 1 } };
    fs.writeFileSync(path.join(intents, 'lost-1.json'), JSON.stringify({ state: 'intent', intentId: 'lost-1', request, createdAt: Date.now() - 60_000, target, pid: 2 ** 22 + 17 }));
    mock.setScenario({ default: { queuedMs: 0, durationMs: 100 } });
    const rerun = await docs(['--json']);
    assert.strictEqual(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stderr, /a\.md:1: outcome unknown \(maybe billed\)/);
    const report = JSON.parse(rerun.stdout) as Report;
    assert.deepStrictEqual(report.tasks.map((task) => [task.outcome, task.resumed, task.taskId === undefined]).sort(), [['saved', false, false], ['unknown', true, true]]);
    assert.strictEqual(report.spentUsd, 0.03, "the unknown was an earlier run's create");
    assert.strictEqual(links().length, 1);
    const again = await docs(['--json']);
    assert.doesNotMatch(again.stderr, /outcome unknown/, 'reported once');
  });

  it('docs SIGKILLed after the creates, then spark-image resume (no id): the kept tasks are saved and linked below their directives, 0 new creates', async () => {
    await docs(['--grace', '0'], signalAfterStored(3, 'SIGKILL'));
    const ids = storedTaskIds();
    assert.strictEqual(ids.length, 3);
    for (const id of ids) {
      await mockControlAt(() => mock.baseUrl).finish(id);
    }
    const resumed = await runProcess(process.execPath, [CLI, 'resume'], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: state } });
    assert.strictEqual(resumed.code, 0, resumed.stderr);
    assert.strictEqual(mock.counts.creates, 3);
    assert.deepStrictEqual(links().sort(), ['images/a-blue-heron-2.png', 'images/a-green-frog-3.png', 'images/a-red-fox-1.png']);
    assert.match(resumed.stderr, /a\.md:3: task \S+: saved images\/a-red-fox-1\.png · \$0\.03$/m);
  });
});
