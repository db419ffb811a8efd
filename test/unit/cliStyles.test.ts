import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-cli-styles-3f9a1c7d';
const TEMPLATE = 'flat vector illustration of {prompt}, teal and coral palette';
const CONFIG = { styles: { brand: { prompt: TEMPLATE, size: '1k-16:9', promptExpansion: 'off' }, photo: { prompt: 'a photograph, natural light' } }, defaults: { style: 'brand' } };

describe('spark-image and spark-image.json house styles (against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl } });
  }

  function writeConfig(config: unknown = CONFIG): void {
    fs.writeFileSync(path.join(dir, 'spark-image.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  }

  function assertNothingSent(result: Run, says = true): void {
    assert.strictEqual(result.code, 2, result.stderr);
    if (says) {
      assert.match(result.stderr, /Nothing was sent/);
    }
    assert.strictEqual(mock.counts.creates, 0);
    assert.deepStrictEqual(mock.log, [], 'no request reached the mock');
  }

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-styles-', scenario: { queuedMs: 20, durationMs: 40 } }, (fixture) => ({ mock, dir } = fixture));

  it('--style sends the template with the text in it, at the style\'s size; the file records userPrompt and style; the default style applies and --style none opts out', async () => {
    writeConfig();
    fs.mkdirSync(path.join(dir, 'out'));
    const styled = await run(['generate', 'a red fox', '--style', 'brand', '--seed', '5', '--out', 'out/', '--json']);
    assert.strictEqual(styled.code, 0, styled.stderr);
    assert.deepStrictEqual([mock.tasks[0].prompt, mock.tasks[0].width, mock.tasks[0].height], ['flat vector illustration of a red fox, teal and coral palette', 1664, 936]);
    const printed = JSON.parse(styled.stdout) as { path: string; provenance: { prompt: string; userPrompt: string; style: unknown } };
    assert.match(path.basename(printed.path), /^a-red-fox-5\./, 'named after the user\'s text');
    const stored = readEmbeddedProvenance(fs.readFileSync(printed.path));
    assert.deepStrictEqual([stored?.prompt, stored?.userPrompt, stored?.style], [mock.tasks[0].prompt, 'a red fox', { name: 'brand', template: TEMPLATE }]);
    assert.deepStrictEqual(printed.provenance.style, { name: 'brand', template: TEMPLATE });

    assert.strictEqual((await run(['generate', 'an owl', '--out', 'out/'])).code, 0);
    assert.strictEqual(mock.tasks[1].prompt, 'flat vector illustration of an owl, teal and coral palette', 'the default style');
    assert.strictEqual((await run(['generate', 'an owl', '--style', 'photo', '--size', '800x600', '--out', 'out/'])).code, 0);
    assert.deepStrictEqual([mock.tasks[2].prompt, mock.tasks[2].width], ['an owl, a photograph, natural light', 800]);
    assert.strictEqual((await run(['generate', 'an owl', '--style', 'none', '--out', 'out/'])).code, 0);
    assert.deepStrictEqual([mock.tasks[3].prompt, mock.tasks[3].width], ['an owl', 1328]);
  });

  it('an unknown --style is exit 2 naming the styles there, with nothing sent', async () => {
    writeConfig();
    const result = await run(['generate', 'a red fox', '--style', 'brnad']);
    assertNothingSent(result);
    assert.match(result.stderr, /Unknown style "brnad": spark-image\.json defines brand, photo\. Use one of them, or --style none\./);
  });

  it('an 801-character combined prompt is refused with 003002002, saying how much is the style\'s; nothing sent', async () => {
    writeConfig();
    const share = TEMPLATE.length - '{prompt}'.length;
    const result = await run(['generate', 'x'.repeat(801 - share), '--style', 'brand']);
    assertNothingSent(result, false);
    assert.match(result.stderr, new RegExp(`The prompt sent has 801 characters, ${share} of them from the style brand; the maximum is 800\\. Shorten the text or the style by 1\\.`));
    assert.match(result.stderr, /003002002/);
    assert.deepStrictEqual(fs.readdirSync(dir), ['spark-image.json'], 'nothing written');
  });

  it('a malformed file is reported with its line and column: a named style is refused (nothing sent), docs without styles still work', async () => {
    writeConfig('{\n  "styles": {\n    // house styles\n    "brand": { "prompt": "flat {prompt}" }\n  }\n}\n');
    const refused = await run(['generate', 'a red fox', '--style', 'brand']);
    assertNothingSent(refused);
    assert.match(refused.stderr, /spark-image\.json:3:5: error: Not valid JSON/);
    assert.match(refused.stderr, /The style "brand" cannot be used: spark-image\.json:3:5: error:/);

    fs.writeFileSync(path.join(dir, 'guide.md'), '# Guide\n\n<!-- spark-image: a fox {seed=1} -->\n\n<!-- spark-image: an owl {seed=2 style=brand} -->\n');
    const docs = await run(['docs', '--keep-going']);
    assert.strictEqual(docs.code, 6, docs.stderr);
    assert.match(docs.stderr, /spark-image\.json:3:5: error: Not valid JSON/);
    assert.match(docs.stderr, /guide\.md:5: error: The style brand cannot be used: spark-image\.json:3:5/);
    assert.deepStrictEqual(mock.tasks.map((task) => task.prompt), ['a fox'], 'the directive without a style is generated as written');
  });

  it('docs --check fails after a style\'s template is edited (old and new text), and docs --update regenerates the styled image only', async () => {
    writeConfig();
    const guide = path.join(dir, 'guide.md');
    fs.writeFileSync(guide, '# Guide\n\n<!-- spark-image: a fox {seed=1} -->\n\n<!-- spark-image: an owl {seed=2 style=none} -->\n');
    const filled = await run(['docs']);
    assert.strictEqual(filled.code, 0, filled.stderr);
    assert.deepStrictEqual(mock.tasks.map((task) => task.prompt).sort(), ['an owl', 'flat vector illustration of a fox, teal and coral palette']);
    assert.strictEqual((await run(['docs', '--check'])).code, 0, 'a styled image is up to date: its template was applied, its text is the directive\'s');

    const edited = TEMPLATE.replace('teal and coral', 'navy and gold');
    writeConfig({ ...CONFIG, styles: { ...CONFIG.styles, brand: { ...CONFIG.styles.brand, prompt: edited } } });
    const check = await run(['docs', '--check']);
    assert.strictEqual(check.code, 1, check.stderr);
    assert.deepStrictEqual(check.stdout.trimEnd().split('\n'), [`guide.md:3: out of date (style brand changed): images/a-fox-1.png`, `    style brand: “${TEMPLATE}” → “${edited}”`]);

    const update = await run(['docs', '--update']);
    assert.strictEqual(update.code, 0, update.stderr);
    assert.strictEqual(mock.counts.creates, 3, 'only the styled image is made again');
    assert.deepStrictEqual([mock.tasks[2].prompt, mock.tasks[2].seed], ['flat vector illustration of a fox, navy and gold palette', 1]);
    const again = await run(['docs', '--check']);
    assert.strictEqual(again.code, 0, again.stdout + again.stderr);
  });
});
