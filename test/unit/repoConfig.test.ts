import * as assert from 'assert';
import Ajv from 'ajv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyStyle, chooseStyle } from '../../src/core/repoConfig/houseStyle';
import { JsonSyntaxError, lineColumnOf, parseJsonWithPositions } from '../../src/core/repoConfig/jsonPositions';
import { foldersUpTo } from '../../src/core/repoConfig/nearestConfig';
import { formatProblem, readRepoConfig } from '../../src/core/repoConfig/repoConfig';
import { loadRepoConfig, repositoryRootOf } from '../../src/node/repoConfigFile';

const ROOT = path.resolve(__dirname, '../../..');
const BRAND = { prompt: 'flat vector illustration of {prompt}, teal and coral palette', size: '1k-16:9', promptExpansion: 'off' };

function errorsOf(text: string) {
  return readRepoConfig(text).problems.filter((problem) => problem.severity === 'error');
}

describe('spark-image.json: the repository file every front end reads', () => {
  describe('strict JSON with positions', () => {
    it('reads objects, arrays, strings with escapes, numbers and literals, with their offsets', () => {
      const node = parseJsonWithPositions('{"a": [1, -2.5e3, true, null], "b": "x\\n\\u00e9"}');
      assert.strictEqual(node.kind, 'object');
      if (node.kind !== 'object') return;
      assert.deepStrictEqual(node.entries.map((entry) => [entry.key, entry.keyStart]), [['a', 1], ['b', 31]]);
      const b = node.entries[1].value;
      assert.deepStrictEqual(b.kind === 'string' && b.value, 'x\né');
      const a = node.entries[0].value;
      assert.deepStrictEqual(a.kind === 'array' && a.items.map((item) => ('value' in item ? item.value : null)), [1, -2500, true, null]);
    });

    it('refuses comments, trailing commas and a second value, at the line and column where they are', () => {
      for (const [text, line, column, words] of [
        ['{\n  // a comment\n  "styles": {}\n}', 2, 3, 'comments are not allowed'],
        ['{\n  "styles": {},\n}', 3, 1, 'property name'],
        ['{"a": 1} {"b": 2}', 1, 10, 'after the end'],
        ['{"a": tru}', 1, 7, 'expected a value'],
        ['{"a": "open', 1, 12, 'not closed'],
      ] as const) {
        assert.throws(() => parseJsonWithPositions(text), (error: JsonSyntaxError) => {
          assert.ok(error.message.includes(words), `${text}: ${error.message}`);
          assert.deepStrictEqual(lineColumnOf(text, error.offset), { line, column }, text);
          return true;
        });
      }
    });
  });

  describe('the reader', () => {
    it('reads the issue example: a style, its size and expansion, and the default', () => {
      const { config, problems } = readRepoConfig(JSON.stringify({ styles: { brand: BRAND }, defaults: { style: 'brand' } }, null, 2));
      assert.deepStrictEqual(problems, []);
      assert.deepStrictEqual(config?.styles.brand, { name: 'brand', prompt: BRAND.prompt, size: '1k-16:9', promptExpansion: false });
      assert.deepStrictEqual(config?.defaults, { style: 'brand' });
    });

    it('a malformed file gives no config and one error with its line and column, in the form editors link to', () => {
      const text = '{\n  "styles": {\n    "brand": { "prompt": "x" },\n  }\n}\n';
      const reading = readRepoConfig(text);
      assert.strictEqual(reading.config, undefined);
      assert.strictEqual(reading.problems.length, 1);
      assert.strictEqual(formatProblem('docs/spark-image.json', reading.problems[0]), 'docs/spark-image.json:4:3: error: Not valid JSON: expected a property name in double quotes, found "}".');
    });

    it('refuses every key that would redirect the key or the money, and ignores unknown keys with a warning', () => {
      const text = '{\n  "apiBaseUrl": "https://evil.example",\n  "spendLimit": 100,\n  "colour": "teal"\n}';
      const { config, problems } = readRepoConfig(text);
      assert.deepStrictEqual(
        problems.map((problem) => [problem.severity, problem.line, problem.column]),
        [['error', 2, 3], ['error', 3, 3], ['warning', 4, 3]],
      );
      assert.match(problems[0].message, /cannot set the API address \("apiBaseUrl"\)/);
      assert.match(problems[1].message, /cannot set a spend limit/);
      assert.ok(config && !('apiBaseUrl' in config), 'nothing of it is kept');
    });

    it('leaves out a broken style with its error and keeps the rest working', () => {
      const { config, problems } = readRepoConfig(JSON.stringify({ styles: { good: { prompt: 'ink of {prompt}' }, bad: { prompt: '', size: '12px' }, none: { prompt: 'x' } } }));
      assert.deepStrictEqual(Object.keys(config?.styles ?? {}), ['good']);
      assert.ok(problems.some((problem) => /style "bad" needs a prompt template/.test(problem.message)));
      assert.ok(problems.some((problem) => /"none" cannot name a style/.test(problem.message)));
    });

    it('checks output and budget, and a default style that does not exist', () => {
      const errors = errorsOf(JSON.stringify({ output: { format: 'gif', maxWidth: 0, quality: 101 }, budget: { maxBytes: -1 }, defaults: { style: 'brand' } }));
      assert.deepStrictEqual(
        errors.map((error) => error.message.split(' must')[0].split(' names')[0]),
        ['output.format', 'output.maxWidth', 'output.quality', 'budget.maxBytes', 'defaults.style'],
      );
      const fine = readRepoConfig(JSON.stringify({ output: { format: 'webp', maxWidth: 1200, quality: 82 }, budget: { maxBytes: 300000 } }));
      assert.deepStrictEqual(fine.config?.output, { format: 'webp', maxWidth: 1200, quality: 82 });
      assert.deepStrictEqual(fine.config?.budget, { maxBytes: 300000 });
    });

    it('the JSON schema that gives authors completion (contributes.jsonValidation) agrees with the reader', () => {
      const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'media/spark-image.schema.json'), 'utf8'));
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      assert.deepStrictEqual(manifest.contributes.jsonValidation, [{ fileMatch: 'spark-image.json', url: './media/spark-image.schema.json' }]);
      const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
      const fixtures: unknown[] = [
        { styles: { brand: BRAND }, defaults: { style: 'brand' } },
        { styles: { a: { prompt: 'x', size: '800 × 600', promptExpansion: true } }, output: { format: 'jpeg' }, colour: 'ignored with a warning' },
        { $schema: './node_modules/x.json', budget: { maxBytes: 1 } },
        { styles: { brand: { prompt: '   ' } } },
        { styles: { brand: { size: '1k-1:1' } } },
        { styles: { brand: { prompt: 'x', size: '12px' } } },
        { styles: { brand: { prompt: 'x', promptExpansion: 'maybe' } } },
        { styles: { none: { prompt: 'x' } } },
        { styles: { 'bad name': { prompt: 'x' } } },
        { output: { format: 'gif' } },
        { output: { maxWidth: 1.5 } },
        { output: { quality: 0 } },
        { budget: { maxBytes: 0 } },
        { apiBaseUrl: 'https://elsewhere' },
        { key: 'secret' },
        { destination: 'images' },
        { price: { '1k': 0 } },
        [],
        'text',
      ];
      for (const fixture of fixtures) {
        const readerAccepts = errorsOf(JSON.stringify(fixture)).length === 0;
        assert.strictEqual(validate(fixture), readerAccepts, `${JSON.stringify(fixture)}: schema ${JSON.stringify(validate.errors)}`);
      }
    });
  });

  describe('house styles', () => {
    it('puts the user text where {prompt} is, or appends the style, and counts what the style adds', () => {
      const styled = applyStyle(' a fox ', { name: 'brand', prompt: 'flat vector illustration of {prompt}, teal' });
      assert.deepStrictEqual(styled, { prompt: 'flat vector illustration of a fox, teal', userPrompt: 'a fox', style: { name: 'brand', template: 'flat vector illustration of {prompt}, teal' }, styleCodePoints: 34 });
      assert.strictEqual(applyStyle('a fox', { name: 'ink', prompt: 'ink wash' }).prompt, 'a fox, ink wash');
      assert.deepStrictEqual(applyStyle('a fox', undefined), { prompt: 'a fox', userPrompt: 'a fox', styleCodePoints: 0 });
    });

    it('chooses the named style, none, or the default; an unknown name is refused with the known ones', () => {
      const { config } = readRepoConfig(JSON.stringify({ styles: { brand: BRAND, ink: { prompt: 'ink' } }, defaults: { style: 'brand' } }));
      assert.ok(config);
      assert.strictEqual((chooseStyle(undefined, config) as { style: { name: string } }).style.name, 'brand');
      assert.strictEqual((chooseStyle('ink', config) as { style: { name: string } }).style.name, 'ink');
      assert.deepStrictEqual(chooseStyle('none', config), { style: undefined });
      assert.deepStrictEqual(chooseStyle('brnad', config), { unknown: 'brnad', known: ['brand', 'ink'] });
    });
  });

  describe('which file: the nearest one up to the root, never above it', () => {
    it('lists the folders from the start up to the root, nearest first; a start outside the root gives the root', () => {
      assert.deepStrictEqual(foldersUpTo('/repo/docs/guide', '/repo'), ['/repo/docs/guide', '/repo/docs', '/repo']);
      assert.deepStrictEqual(foldersUpTo('/repo', '/repo/'), ['/repo']);
      assert.deepStrictEqual(foldersUpTo('/elsewhere/docs', '/repo'), ['/repo']);
      assert.deepStrictEqual(foldersUpTo('/repository/docs', '/repo'), ['/repo'], 'a sibling whose name starts the same is outside');
    });

    it('reads the nearest file on disk with no merging; the CLI root is the nearest folder with .git', async () => {
      const top = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-repo-config-'));
      try {
        fs.mkdirSync(path.join(top, '.git'));
        fs.mkdirSync(path.join(top, 'docs', 'guide'), { recursive: true });
        fs.writeFileSync(path.join(top, 'spark-image.json'), JSON.stringify({ styles: { root: { prompt: 'root {prompt}' } } }));
        fs.writeFileSync(path.join(top, 'docs', 'spark-image.json'), JSON.stringify({ styles: { docs: { prompt: 'docs {prompt}' } } }));
        fs.writeFileSync(path.join(top, 'docs', 'guide', 'page.md'), '# Page\n');
        assert.strictEqual(repositoryRootOf(path.join(top, 'docs', 'guide')), top);
        const nearest = await loadRepoConfig(path.join(top, 'docs', 'guide', 'page.md'), top);
        assert.strictEqual(nearest.file, path.join(top, 'docs', 'spark-image.json'));
        assert.deepStrictEqual(Object.keys(nearest.config?.styles ?? {}), ['docs'], 'the nearest file alone, not merged with the root one');
        const none = await loadRepoConfig(path.join(os.tmpdir()), top);
        assert.strictEqual(none.file, path.join(top, 'spark-image.json'), 'outside the root: the root file only');
      } finally {
        fs.rmSync(top, { recursive: true, force: true });
      }
    });
  });
});
