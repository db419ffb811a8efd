import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pngFileSize } from '../helpers/png';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, RunOptions, runProcess } from './cliProcess';

const KEY = 'sk-destination-5a0c7e91';
/** The user nobody: unlike root, it cannot write into a mode-555 folder. */
const NOBODY = 65534;

describe('spark-image: nothing paid is wasted on a destination that cannot be written (dist/cli.js against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[], options: Partial<Pick<RunOptions, 'onStderr'>> & { key?: string; asNobody?: boolean } = {}): Promise<Run> {
    const command = options.asNobody ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath] : [process.execPath];
    return runProcess(command[0], [...command.slice(1), options.asNobody ? readableByNobody() : CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: options.key ?? KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl }, onStderr: options.onStderr });
  }

  /**
   * The CLI bundle copied into the test's folder (mode 755): a clone may live where nobody cannot
   * read (a mode-700 temporary folder, as mktemp makes), and the bundle is one self-contained file.
   */
  function readableByNobody(): string {
    const copy = path.join(dir, 'cli.js');
    fs.copyFileSync(CLI, copy);
    fs.chmodSync(copy, 0o644);
    return copy;
  }

  /** The creates in the mock's request log: what would have been paid for. */
  function creates(): number {
    return mock.log.filter((request) => request.origin === 'api' && request.method === 'POST').length;
  }

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-destination-', scenario: { queuedMs: 0, durationMs: 50 } }, (fixture) => ({ mock, dir } = fixture));

  it('generate --out under /proc: exit 2 naming the folder and the reason, nothing sent', async () => {
    for (const [out, folder] of [
      ['/proc/kite.png', '/proc'],
      ['/proc/spark-image-kites/', '/proc/spark-image-kites'],
    ]) {
      const result = await run(['generate', 'a kite', '--size', '512x512', '--out', out]);
      assert.strictEqual(result.code, 2, result.stderr);
      assert.ok(result.stderr.includes(`Cannot save in the folder ${folder}: the file system does not let files be made there (ENOENT). Nothing was sent.`), result.stderr);
    }
    assert.strictEqual(creates(), 0);
    assert.strictEqual(mock.log.length, 0);
  });

  it('generate --out whose parent is a regular file: exit 2, nothing sent', async () => {
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'text');
    const result = await run(['generate', 'a kite', '--size', '512x512', '--out', 'notes.txt/kite.png']);
    assert.strictEqual(result.code, 2, result.stderr);
    assert.match(result.stderr, /Cannot save in the folder \S+\/notes\.txt: \S+\/notes\.txt is a file, not a folder\. Nothing was sent\./);
    assert.strictEqual(creates(), 0);
  });

  it('generate --out into a mode-555 folder, run as a user it refuses (root would write there): exit 2, nothing sent', async () => {
    fs.chmodSync(dir, 0o755);
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(locked);
    fs.chownSync(locked, NOBODY, NOBODY);
    fs.chmodSync(locked, 0o555);
    const result = await run(['generate', 'a kite', '--size', '512x512', '--out', 'locked/'], { asNobody: true });
    assert.strictEqual(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`Cannot save in the folder ${locked}: permission denied \\(EACCES\\)\\. Nothing was sent\\.`));
    assert.strictEqual(creates(), 0);
    assert.deepStrictEqual(fs.readdirSync(locked), []);
  });

  it('generate --out into missing folders: they are made, and the image saved there', async () => {
    const result = await run(['generate', 'a kite', '--size', '512x512', '--seed', '4', '--out', 'new/deeper/']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'new/deeper')), ['a-kite-4.png']);
  });

  it('docs whose images/ folder cannot be made: exit 2 naming it, nothing sent', async () => {
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'docs/guide.md'), '<!-- spark-image: a kite {seed=2} -->\n');
    fs.writeFileSync(path.join(dir, 'docs/images'), 'a file where the folder should be');
    const result = await run(['docs']);
    assert.strictEqual(result.code, 2, result.stderr);
    assert.match(result.stderr, /Cannot save in the folder (\S+\/docs\/images): \1 is a file, not a folder\. Nothing was sent\./);
    assert.strictEqual(creates(), 0);
  });

  it('a save that fails after paying: exit 1, the task kept, and the resume hint names the current folder, which works', async () => {
    mock.setScenario({ default: { queuedMs: 600, durationMs: 100 } });
    fs.mkdirSync(path.join(dir, 'out'));
    let swapped = false;
    // After the create, the folder is replaced by a file: the disk now refuses what was proven writable.
    const result = await run(['generate', 'a kite', '--size', '512x512', '--seed', '8', '--out', 'out/kite.png'], {
      onStderr: (soFar) => {
        if (!swapped && /task \S+ created/.test(soFar)) {
          swapped = true;
          fs.rmSync(path.join(dir, 'out'), { recursive: true });
          fs.writeFileSync(path.join(dir, 'out'), 'in the way');
        }
      },
    });
    assert.ok(swapped, result.stderr);
    assert.strictEqual(result.code, 1, result.stderr);
    assert.match(result.stderr, /Could not save the image in \S+\/out: /);
    const hint = result.stderr.split('\n').find((line) => line.trim().startsWith('spark-image resume'));
    assert.ok(hint, result.stderr);
    assert.match(hint, / --out \.\/kite\.png$/);
    assert.strictEqual(creates(), 1);

    const resumed = await runProcess('/bin/sh', ['-c', hint.trim().replace(/^spark-image/, `"${process.execPath}" "${CLI}"`)], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl } });
    assert.strictEqual(resumed.code, 0, resumed.stderr);
    assert.deepStrictEqual(pngFileSize(path.join(dir, 'kite.png')), { width: 512, height: 512 });
    assert.strictEqual(creates(), 1, 'the resume paid nothing');
  });

  it('a rejected key (401) names SPARK_IMAGE_API_KEY', async () => {
    const result = await run(['generate', 'a kite', '--size', '512x512'], { key: 'sk-not-the-right-one' });
    assert.strictEqual(result.code, 3, result.stderr);
    assert.match(result.stderr, /^spark-image: The API key in SPARK_IMAGE_API_KEY was rejected \(HTTP 401\): set SPARK_IMAGE_API_KEY to a valid key/m);
    assert.doesNotMatch(result.stderr, /Enter a valid key/);
  });

  it('an unknown --size names both forms of a size and --width/--height; nothing sent', async () => {
    const result = await run(['generate', 'a kite', '--size', 'huge']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /Unknown size "huge": give a preset \(1k-1:1, [^)]*\) or WIDTHxHEIGHT such as 800x600, or use --width and --height\./);
    assert.strictEqual(mock.log.length, 0);
  });
});
