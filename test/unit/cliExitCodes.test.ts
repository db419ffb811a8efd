import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { EXIT_CODE_PRECEDENCE, EXIT_CODE_TABLE, ExitCode, ExitCodeValue, runExitCode } from '../../src/cli/exitCodes';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, RunOptions, runProcess } from './cliProcess';

const KEY = 'sk-exit-codes-3e9b71c2';
const ROOT = path.resolve(__dirname, '../../..');

const VALID = '<!-- spark-image: a paper kite {size=512x512 seed=11} -->';
const INVALID = '<!-- spark-image: too wide {size=3000x500} -->';

describe('spark-image exit codes: each row of the documented table, and which wins (dist/cli.js against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[], options: Partial<Pick<RunOptions, 'onStderr'>> & { key?: string } = {}): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: options.key ?? KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl }, onStderr: options.onStderr });
  }

  /** The creates the mock saw: what was paid for. */
  function creates(): number {
    return mock.log.filter((request) => request.origin === 'api' && request.method === 'POST').length;
  }

  function writeDoc(...directives: string[]): string {
    const doc = path.join(dir, 'docs/guide.md');
    fs.mkdirSync(path.dirname(doc), { recursive: true });
    fs.writeFileSync(doc, `# Guide\n\n${directives.join('\n\n')}\n`);
    return doc;
  }

  function interruptWhenCreated(): RunOptions['onStderr'] {
    let sent = false;
    return (soFar, child) => {
      if (!sent && /task \S+ created|generating/.test(soFar)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 100);
      }
    };
  }

  /** One run per row of EXIT_CODE_TABLE that ends with that code; a row without one fails the test below. */
  const ROWS: Readonly<Record<number, () => Promise<Run>>> = {
    [ExitCode.ok]: () => run(['generate', 'a calm lake', '--size', '512x512']),
    [ExitCode.unexpected]: () => (writeDoc(VALID), run(['docs', '--check'])),
    [ExitCode.invalidInput]: () => run(['generate', 'a calm lake', '--width', '100', '--height', '100']),
    [ExitCode.failed]: () => (mock.setScenario({ default: { queuedMs: 0, durationMs: 50, fail: { code: 3002095, message: 'GPU on fire' } } }), run(['generate', 'a calm lake', '--size', '512x512'])),
    [ExitCode.refused]: () => (mock.setScenario({ default: { queuedMs: 0, durationMs: 50, image: { kind: 'svg' } } }), run(['generate', 'a calm lake', '--size', '512x512'])),
    [ExitCode.timedOut]: () => (mock.setScenario({ default: { queuedMs: 0, never: true } }), run(['generate', 'a calm lake', '--size', '512x512', '--timeout', '0.5'])),
    [ExitCode.partlyDone]: () => (writeDoc(VALID, INVALID), run(['docs', '--keep-going'])),
    [ExitCode.interrupted]: () => (mock.setScenario({ default: { queuedMs: 0, never: true } }), run(['generate', 'a calm lake', '--size', '512x512'], { onStderr: interruptWhenCreated() })),
  };

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-exit-', scenario: { queuedMs: 0, durationMs: 50 } }, (fixture) => ({ mock, dir } = fixture));

  it('the table has a run for each of its rows, and nothing else', () => {
    assert.deepStrictEqual(
      Object.keys(ROWS).map(Number),
      EXIT_CODE_TABLE.map((row) => row.code),
    );
  });

  for (const { code, meaning } of EXIT_CODE_TABLE) {
    it(`exit ${code}: ${meaning}`, async () => {
      const result = await ROWS[code]();
      assert.strictEqual(result.code, code, result.stderr);
    });
  }

  it('the help, the README and SKILL.md give every row of the table, and the order that decides', async () => {
    const help = (await run(['--help'])).stdout.replace(/\n {8}/g, ' ');
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const skill = fs.readFileSync(path.join(ROOT, 'SKILL.md'), 'utf8');
    const order = EXIT_CODE_PRECEDENCE.join(', ');
    for (const { code, meaning } of EXIT_CODE_TABLE) {
      assert.ok(help.includes(`  ${String(code).padEnd(5)} ${meaning}`), `--help lacks exit ${code}`);
      assert.ok(readme.includes(`| ${code} | ${meaning} |`), `README.md lacks exit ${code}`);
      assert.ok(skill.includes(`| ${code} | ${meaning} |`), `SKILL.md lacks exit ${code}`);
    }
    for (const text of [help, readme, skill]) {
      assert.ok(text.includes(`first of ${order}`), 'the order of precedence is given');
    }
  });

  it('several codes at once: the first of 130, 3, 4, 5, 6, 1, 0 wins', () => {
    assert.deepStrictEqual(EXIT_CODE_PRECEDENCE, [130, 3, 4, 5, 6, 1, 0]);
    EXIT_CODE_PRECEDENCE.forEach((winner, index) => {
      for (const loser of EXIT_CODE_PRECEDENCE.slice(index)) {
        assert.strictEqual(runExitCode([loser, winner]), winner, `${winner} over ${loser}`);
        assert.strictEqual(runExitCode([winner, loser]), winner, `${winner} over ${loser}`);
      }
    });
    assert.strictEqual(runExitCode([]), ExitCode.ok);
    // Once something was sent, "nothing was sent" cannot be the answer: the API refusing one item is a failure.
    assert.strictEqual(runExitCode([ExitCode.invalidInput as ExitCodeValue, ExitCode.partlyDone]), ExitCode.failed);
  });

  it('docs --keep-going with a directive refused and a task that failed: 3, not 6 (and never 2 after paying)', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 50, fail: { code: 3002095, message: 'GPU on fire' } } });
    writeDoc(VALID, INVALID);
    const result = await run(['docs', '--keep-going']);
    assert.strictEqual(result.code, 3, result.stderr);
    assert.strictEqual(creates(), 1);
  });

  it('docs --keep-going with a directive refused and a task that timed out: 5, not 6', async () => {
    mock.setScenario({ default: { queuedMs: 0, never: true } });
    writeDoc(VALID, INVALID);
    const result = await run(['docs', '--keep-going', '--timeout', '0.5']);
    assert.strictEqual(result.code, 5, result.stderr);
  });

  it('docs --keep-going interrupted: 130 over the refused directive', async () => {
    mock.setScenario({ default: { queuedMs: 0, never: true } });
    writeDoc(VALID, INVALID);
    const result = await run(['docs', '--keep-going'], { onStderr: interruptWhenCreated() });
    assert.strictEqual(result.code, 130, result.stderr);
  });
});
