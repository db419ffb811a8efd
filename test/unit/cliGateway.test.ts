import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { MockServer, startMockServer } from '../mock/server';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-gateway-cli-3e9d71b2';
const BALANCE = { status: { code: 403, message: 'insufficient balance', error_code: 40203 } };

/**
 * The command as a new user runs it against the gateway: only the key and, because no real gateway
 * can be reached from here, SPARK_IMAGE_BASE_URL pointing at the mock. Paths and body are the defaults.
 */
describe('spark-image against the gateway contract (only SPARK_IMAGE_BASE_URL and the key set)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, ...env } });
  }

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: KEY });
  });
  after(() => mock.close());
  beforeEach(() => {
    mock.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-gateway-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generate sends the wrapped body to /model/v1/generation and prints the rising percentage on stderr', async () => {
    // Long enough for several status answers with progress between the first look and the end.
    mock.setScenario({ default: { queuedMs: 0, durationMs: 6000 } });
    const result = await run(['generate', 'a lighthouse at dawn', '--seed', '5']);
    assert.strictEqual(result.code, 0, result.stderr);
    const create = mock.log.find((request) => request.method === 'POST');
    assert.strictEqual(create?.path, '/model/v1/generation');
    assert.deepStrictEqual(create?.body, { model: 'spark_image_3_1', input: [{ params: { prompt: 'a lighthouse at dawn', use_pre_llm: true, seed: 5, width: 1328, height: 1328 } }] });
    assert.ok(mock.log.some((request) => request.path.startsWith('/model/v1/generation/task/')), 'polled the gateway task path');
    // Off a terminal: one line per tenth of progress, so the percentages are there to read.
    const percents = [...result.stderr.matchAll(/generating (\d+)%/g)].map((match) => Number(match[1]));
    assert.ok(percents.length >= 2, `percentages on stderr: ${result.stderr}`);
    assert.ok(percents[percents.length - 1] > percents[0], `rising: ${percents.join(', ')}`);
    assert.ok(fs.existsSync(result.stdout.trim()), 'the image is saved');
  });

  it('--request-format flat and SPARK_IMAGE_REQUEST_FORMAT=flat send the parameters at the top level', async () => {
    mock.setScenario({ default: { wire: 'flat', queuedMs: 0, durationMs: 0 } });
    for (const [args, env] of [[['--request-format', 'flat'], {}], [[], { SPARK_IMAGE_REQUEST_FORMAT: 'flat' }]] as Array<[string[], Record<string, string>]>) {
      mock.reset();
      mock.setScenario({ default: { wire: 'flat', queuedMs: 0, durationMs: 0 } });
      const result = await run(['generate', 'flat proxy', '--seed', '9', ...args], env);
      assert.strictEqual(result.code, 0, result.stderr);
      assert.deepStrictEqual(mock.log[0].body, { model: 'spark_image_3_1', prompt: 'flat proxy', use_pre_llm: true, seed: 9, width: 1328, height: 1328 });
    }
  });

  it('generate records provenance in the saved image, like every other front end (it did not)', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 0 } });
    const result = await run(['generate', 'a kite with provenance', '--seed', '31', '--size', '1k-4:3']);
    assert.strictEqual(result.code, 0, result.stderr);
    const provenance = readEmbeddedProvenance(fs.readFileSync(result.stdout.trim()));
    assert.ok(provenance, 'the PNG carries its provenance');
    assert.deepStrictEqual(
      [provenance.prompt, provenance.seed, provenance.width, provenance.height, provenance.taskId],
      ['a kite with provenance', 31, 1472, 1104, mock.tasks[0].id],
    );
  });

  it('an unknown request format exits 2 before anything is sent', async () => {
    const result = await run(['generate', 'x', '--request-format', 'soap']);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /gateway, flat.*"soap"/);
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('a 403 with a balance code says insufficient balance (exit 3), not "key rejected"', async () => {
    mock.setScenario({ next: [{ create: { kind: 'status', status: 403, body: BALANCE } }] });
    const result = await run(['generate', 'x']);
    assert.strictEqual(result.code, 3);
    assert.match(result.stderr, /Insufficient balance .*\[40203\].*vtrix\.ai/);
    assert.doesNotMatch(result.stderr, /key was rejected/i);
    assert.strictEqual(mock.counts.creates, 1);
  });

  it('docs stops after a balance failure: the rest are counted as not sent, nothing already made is lost', async () => {
    fs.mkdirSync(path.join(dir, 'docs'));
    const directives = Array.from({ length: 5 }, (_, n) => `<!-- spark-image: picture number ${n} {seed=${n + 1}} -->\n`).join('\n');
    fs.writeFileSync(path.join(dir, 'docs/many.md'), `# Many\n\n${directives}`);
    // The first create succeeds, the second meets an empty balance; with one at a time, three are left.
    mock.setScenario({ default: { queuedMs: 0, durationMs: 0 }, next: [{}, { create: { kind: 'status', status: 403, body: BALANCE } }] });
    const result = await run(['docs', '--concurrency', '1']);
    assert.strictEqual(result.code, 3, result.stderr);
    assert.strictEqual(mock.counts.creates, 2, 'nothing sent after the balance failure');
    assert.match(result.stderr, /stopped: 3 image\(s\) not sent, because every one would fail the same way: Insufficient balance/);
    assert.match(result.stderr, /1 of 5 image\(s\) generated .* · 1 failed · 3 not sent/);
    const text = fs.readFileSync(path.join(dir, 'docs/many.md'), 'utf8');
    assert.strictEqual((text.match(/!\[/g) ?? []).length, 1, 'the paid image is linked');
    assert.strictEqual(fs.readdirSync(path.join(dir, 'docs/images')).filter((name) => name.endsWith('.png')).length, 1);
  });
});
