import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MockServer, startMockServer } from '../mock/server';
import { CLI, runProcess } from './cliProcess';

const ROOT = path.resolve(__dirname, '../../..');
const KEY = 'sk-readme-commands-9b1d';

/** The `sh` block under "## Command line" in README.md, one command a line, comments dropped. */
function readmeCommandLines(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Command line'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'README.md has no sh block under "## Command line"');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
}

/**
 * What each line must end with, run in order in a docs folder with two directives. A README line
 * missing here fails the test, so a new command cannot go untested.
 */
const EXPECTED_EXIT: Readonly<Record<string, number>> = {
  'SPARK_IMAGE_API_KEY=… spark-image generate "a lighthouse at dawn" --size 1k-16:9': 0,
  'spark-image resume TASK_ID': 0,
  'spark-image resume': 0,
  'spark-image resume --list': 0,
  'spark-image docs "docs/**/*.md" --dry-run': 0,
  'spark-image docs "docs/**/*.md" --check': 1,
  'spark-image docs --check=missing': 1,
  'spark-image docs --update': 0,
  'spark-image docs --update --dry-run --json': 0,
  'spark-image --help': 0,
};

describe('README: every line of "Command line" runs as written (against the mock)', function () {
  this.timeout(60_000);
  let mock: MockServer;
  let dir: string;
  let bin: string;

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: KEY, defaultScenario: { queuedMs: 0, durationMs: 0 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-readme-'));
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs/guide.md'), '# Guide\n\n<!-- spark-image: a red fox in the snow {seed=4} -->\n\n<!-- spark-image: an old map {aspect=3:2} -->\n');
    // `spark-image` on PATH, as `npm install -g` would put it.
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-bin-'));
    fs.writeFileSync(path.join(bin, 'spark-image'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  });
  after(async () => {
    await mock.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('the README lists exactly the lines this test knows', () => {
    assert.deepStrictEqual(readmeCommandLines(), Object.keys(EXPECTED_EXIT));
  });

  it('each line exits as documented, in order, through a real shell', async () => {
    for (const line of readmeCommandLines()) {
      // The README's placeholders: the key (set in the environment here) and a task id of our own.
      const taskId = mock.tasks[0]?.id ?? 'no-task-yet';
      const command = line.replace(/^SPARK_IMAGE_API_KEY=…\s+/, '').replace('TASK_ID', taskId);
      const result = await runProcess('/bin/sh', ['-c', command], {
        cwd: dir,
        // SPARK_IMAGE_BASE_URL stands in for the gateway's address, which cannot be reached from here.
        env: { PATH: `${bin}:${process.env.PATH ?? ''}`, SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl },
      });
      assert.strictEqual(result.code, EXPECTED_EXIT[line], `${line}\n${result.stderr}`);
    }
    assert.ok(fs.readdirSync(path.join(dir, 'docs/images')).length >= 2, 'docs --update generated the images');
    assert.ok(fs.readdirSync(dir).some((name) => name.startsWith('a-lighthouse-at-dawn-')), 'generate saved its image');
  });
});
