import * as assert from 'assert';
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { mockControlAt } from '../mock/controlClient';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-resume-keeps-9d3e11a2';
const TEMPLATE = 'flat vector illustration of {prompt}, teal and coral palette';
const CONFIG = { styles: { brand: { prompt: TEMPLATE } }, defaults: { style: 'brand' } };
const STYLED_FOX = 'flat vector illustration of a red fox, teal and coral palette';

/** Issue 20: a resumed task keeps what its run asked for (the output options and the house style). */
describe('a resumed task keeps its output options and house style (dist/cli.js against the mock)', function () {
  this.timeout(40_000);
  let mock: MockServer;
  let dir: string;
  let state: string;

  function run(args: string[], onChild?: (child: ChildProcess) => void): Promise<Run> {
    let told = false;
    return runProcess(process.execPath, [CLI, ...args], {
      cwd: dir,
      env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: state, SPARK_IMAGE_CACHE_DIR: path.join(dir, '.cache') },
      onStderr: (_soFar, child) => {
        if (!told) {
          told = true;
          onChild?.(child);
        }
      },
    });
  }

  function storedTaskIds(): string[] {
    const folder = path.join(state, 'tasks');
    return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)) : [];
  }

  /** SIGKILL once the task id is safe in the store: the run dies after paying, before saving. */
  function killAfterStored(child: ChildProcess): void {
    const timer = setInterval(() => {
      if (storedTaskIds().length >= 1) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 20);
    child.on('close', () => clearInterval(timer));
  }

  async function killedThenFinished(args: string[]): Promise<void> {
    const first = await run(args, killAfterStored);
    assert.strictEqual(first.code, null, first.stderr);
    const ids = storedTaskIds();
    assert.strictEqual(ids.length, 1);
    assert.strictEqual(mock.counts.creates, 1);
    await mockControlAt(() => mock.baseUrl).finish(ids[0]);
    mock.setScenario({ default: { queuedMs: 0, durationMs: 50 } });
  }

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-resume-keeps-', scenario: { queuedMs: 0, never: true } }, (fixture) => {
    ({ mock, dir } = fixture);
    state = path.join(dir, '.state');
    fs.writeFileSync(path.join(dir, 'spark-image.json'), JSON.stringify(CONFIG));
  });

  for (const byId of [false, true]) {
    it(`generate --format webp --max-width 640 with a house style, SIGKILLed after the create, then resume${byId ? ' TASK_ID' : ''}: a 640-px .webp with its style in the provenance, 0 new creates`, async () => {
      await killedThenFinished(['generate', 'a red fox', '--seed', '7', '--size', '1328x1328', '--out', 'fox.png', '--format', 'webp', '--max-width', '640']);
      const resumed = await run(byId ? ['resume', storedTaskIds()[0]] : ['resume']);
      assert.strictEqual(resumed.code, 0, resumed.stderr);
      assert.strictEqual(mock.counts.creates, 1);
      const file = path.join(dir, 'fox.webp');
      assert.ok(fs.existsSync(file), resumed.stderr);
      assert.ok(!fs.existsSync(path.join(dir, 'fox.png')), 'not the PNG the API sent');
      const bytes = fs.readFileSync(file);
      assert.deepStrictEqual([sniffImage(bytes)?.format, sniffImage(bytes)?.width], ['webp', 640]);
      const provenance = readEmbeddedProvenance(bytes);
      assert.deepStrictEqual(provenance?.output, { format: 'webp', width: 640, height: 640, quality: 82, originalWidth: 1328, originalHeight: 1328 });
      assert.deepStrictEqual([provenance?.prompt, provenance?.userPrompt, provenance?.style, provenance?.seed], [STYLED_FOX, 'a red fox', { name: 'brand', template: TEMPLATE }, 7]);
    });
  }

  for (const how of ['docs', 'resume'] as const) {
    it(`a styled docs directive SIGKILLed after its create, then ${how === 'docs' ? 'docs again' : 'spark-image resume'}: linked below it with userPrompt and style in the provenance, 0 new creates`, async () => {
      fs.writeFileSync(path.join(dir, 'a.md'), '# Guide\n\n<!-- spark-image: a red fox {seed=1} -->\n');
      await killedThenFinished(['docs', '--grace', '0']);
      assert.strictEqual(mock.tasks[0].prompt, STYLED_FOX);
      const rerun = await run(how === 'docs' ? ['docs'] : ['resume']);
      assert.strictEqual(rerun.code, 0, rerun.stderr);
      assert.strictEqual(mock.counts.creates, 1, 'the kept task was resumed, not paid again');
      assert.doesNotMatch(rerun.stderr, /not linked/);
      const link = /!\[[^\]]*\]\(([^)]+)\)/.exec(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'));
      assert.ok(link, rerun.stderr);
      assert.strictEqual(link[1], 'images/a-red-fox-1.png', 'named after the user\'s text');
      const provenance = readEmbeddedProvenance(fs.readFileSync(path.join(dir, link[1])));
      assert.deepStrictEqual([provenance?.prompt, provenance?.userPrompt, provenance?.style], [STYLED_FOX, 'a red fox', { name: 'brand', template: TEMPLATE }]);
      const check = await run(['docs', '--check']);
      assert.strictEqual(check.code, 0, check.stdout + check.stderr);
    });
  }
});
