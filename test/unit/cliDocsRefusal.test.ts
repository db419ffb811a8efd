import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-docs-refusal-8d4f20';

const VALID = '<!-- spark-image: a paper kite {size=512x512 seed=11} -->';
const TOO_WIDE = '<!-- spark-image: too wide {size=3000x500} -->';
const BOTH = '<!-- spark-image: a map {size=1k-1:1 aspect=16:9} -->';
const STALE_ALT = '<!-- spark-image: a boat {seed=3 alt="Our boat"} -->\n\n![a boat](images/boat.png)';

describe('spark-image docs: a directive with an error refuses the run before anything is sent (dist/cli.js against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let dir: string;
  let doc: string;

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl } });
  }

  function writeDoc(...directives: string[]): string {
    const text = `# Guide\n\n${directives.join('\n\n')}\n`;
    fs.writeFileSync(doc, text);
    return text;
  }

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-docs-refusal-', scenario: { queuedMs: 0, durationMs: 50 } }, (fixture) => ({ mock, dir } = fixture));
  beforeEach(() => {
    fs.mkdirSync(path.join(dir, 'docs/images'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'docs/images/boat.png'), 'a picture without provenance');
    doc = path.join(dir, 'docs/guide.md');
  });

  for (const args of [['docs'], ['docs', '--update']]) {
    it(`${args.join(' ')} with one valid and two invalid directives: exit 2, every error listed with its 9-digit code, nothing sent, nothing written`, async () => {
      const text = writeDoc(VALID, TOO_WIDE, BOTH, STALE_ALT);
      const result = await run(args);
      assert.strictEqual(result.code, 2, result.stderr);
      assert.match(result.stderr, /docs\/guide\.md:5: error: .*\[003002006 Invalid aspect ratio\]/);
      // The directive's own error (no API rule in its message) gets its code in plain text too.
      assert.match(result.stderr, /docs\/guide\.md:7: error: Use either size or aspect and quality, not both\. \[003002005 Invalid dimension parameter\]/);
      assert.match(result.stderr, /refused: 2 directive\(s\) with errors; nothing was sent or changed\. Edit them, or add --keep-going to generate the others \(exit 6\)\./);
      assert.strictEqual(mock.log.length, 0, 'not one request');
      assert.strictEqual(fs.readFileSync(doc, 'utf8'), text, 'no link and no alt text written');
      assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'docs/images')), ['boat.png']);
    });
  }

  it('--json: the refusal is in the report, and the errors carry their codes', async () => {
    writeDoc(VALID, TOO_WIDE);
    const result = await run(['docs', '--json']);
    assert.strictEqual(result.code, 2, result.stderr);
    const report = JSON.parse(result.stdout) as { refused: boolean; items: Array<{ status: string; errors?: Array<{ code?: string }> }> };
    assert.strictEqual(report.refused, true);
    assert.deepStrictEqual(report.items.find((item) => item.status === 'invalid')?.errors?.map((error) => error.code), ['003002006']);
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('--keep-going generates and links the valid directive, lists the refused ones, and exits 6', async () => {
    writeDoc(VALID, TOO_WIDE);
    const result = await run(['docs', '--keep-going']);
    assert.strictEqual(result.code, 6, result.stderr);
    assert.strictEqual(mock.counts.creates, 1);
    assert.deepStrictEqual([mock.tasks[0].prompt, mock.tasks[0].seed], ['a paper kite', 11]);
    assert.match(fs.readFileSync(doc, 'utf8'), /a paper kite \{size=512x512 seed=11\} -->\n\n!\[a paper kite\]\(images\/a-paper-kite-11\.png\)/);
    assert.match(result.stderr, /docs\/guide\.md:5: error: .*003002006/);
    // A second run has nothing left to generate, but the directive is still refused.
    const again = await run(['docs', '--keep-going']);
    assert.strictEqual(again.code, 6, again.stderr);
    assert.strictEqual(mock.counts.creates, 1);
  });

  it('--dry-run with an invalid directive: exit 2, nothing sent', async () => {
    writeDoc(VALID, TOO_WIDE);
    const result = await run(['docs', '--dry-run']);
    assert.strictEqual(result.code, 2, result.stderr);
    assert.strictEqual(mock.log.length, 0);
  });

  it('the --check footer says what fixes what: --update for missing, out-of-date images and alt texts; editing for directive errors', async () => {
    writeDoc(VALID, TOO_WIDE, BOTH);
    const all = await run(['docs', '--check']);
    assert.strictEqual(all.code, 1);
    assert.deepStrictEqual(all.stderr.trimEnd().split('\n').slice(-3), [
      'directives: 1 without an image, 0 out of date, 0 with an alt text to update, 2 with errors.',
      'Run "spark-image docs --update" to generate the missing images.',
      'Edit the 2 directive(s) with errors as each error line says: no run of spark-image fixes them.',
    ]);
    const missingOnly = await run(['docs', '--check=missing']);
    assert.deepStrictEqual(missingOnly.stderr.trimEnd().split('\n').slice(-2), ['Run "spark-image docs" to generate the missing images.', 'Edit the 2 directive(s) with errors as each error line says: no run of spark-image fixes them.']);

    writeDoc(TOO_WIDE);
    const onlyErrors = await run(['docs', '--check']);
    assert.strictEqual(onlyErrors.code, 1);
    assert.doesNotMatch(onlyErrors.stderr, /--update/, 'no run is offered for what no run can fix');
    assert.match(onlyErrors.stderr, /Edit the 1 directive\(s\) with errors/);
    assert.match(onlyErrors.stdout, /docs\/guide\.md:3: error: .*\[003002006 Invalid aspect ratio\]/);

    writeDoc(STALE_ALT);
    const onlyAlt = await run(['docs', '--check']);
    assert.strictEqual(onlyAlt.code, 1, onlyAlt.stderr);
    assert.deepStrictEqual(onlyAlt.stderr.trimEnd().split('\n').slice(-1), ['Run "spark-image docs --update" to update the alt texts.']);
    assert.strictEqual(mock.log.length, 0, '--check sends nothing');
  });
});
