import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const VSIX = path.join(ROOT, 'spark-image.vsix');

/** Names of the entries of a zip file, read from its central directory (no zip tool needed). */
function zipEntryNames(file: string): string[] {
  const zip = fs.readFileSync(file);
  const END_OF_DIRECTORY = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_DIRECTORY) {
    end -= 1; // Skips the archive comment, if any.
  }
  assert.ok(end >= 0, `${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    assert.strictEqual(zip.readUInt32LE(offset), ENTRY, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** What may ship, per .vscodeignore: bundles without maps or the CLI, assets, manifest, docs. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/dist\/.+$/,
  /^extension\/(media|l10n)\/.+$/,
  /^extension\/package(\.nls(\.[\w-]+)?)?\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/,
];

/** Things that must never ship, checked one by one so a failure names the rule broken. */
const FORBIDDEN: [string, RegExp][] = [
  ['sources', /^extension\/src\//],
  ['TypeScript files', /\.ts$/],
  ['tests', /^extension\/(test|out)\//],
  ['source maps', /\.map$/],
  ['the CLI bundle', /^extension\/dist\/cli\.js$/],
  ['the test rig', /(^|\/)\.rig\//],
  ['node_modules', /(^|\/)node_modules\//],
  ['test results', /(^|\/)test-results\//],
];

describe('packaging (vsce)', function () {
  this.timeout(180_000);
  let entries: string[];

  before(() => {
    fs.rmSync(VSIX, { force: true });
    // Offline: --no-dependencies, and the manifest needs no network lookups.
    try {
      execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run package failed:\n${stdout ?? ''}${stderr ?? ''}`);
    }
    entries = zipEntryNames(VSIX);
  });

  for (const [what, pattern] of FORBIDDEN) {
    it(`leaves out ${what}`, () => {
      assert.deepStrictEqual(entries.filter((name) => pattern.test(name)), []);
    });
  }

  it('ships nothing outside the allowed list', () => {
    assert.deepStrictEqual(entries.filter((name) => !ALLOWED.some((pattern) => pattern.test(name))), []);
  });

  it('ships the bundle, manifest, README, CHANGELOG and LICENSE', () => {
    // vsce renames some of them: readme.md, changelog.md, LICENSE.txt.
    const required: [string, RegExp][] = [
      ['dist/extension.js', /^extension\/dist\/extension\.js$/],
      ['package.json', /^extension\/package\.json$/],
      ['README', /^extension\/readme\.md$/i],
      ['CHANGELOG', /^extension\/changelog\.md$/i],
      ['LICENSE', /^extension\/LICENSE(\.txt)?$/],
    ];
    for (const [what, pattern] of required) {
      assert.ok(entries.some((name) => pattern.test(name)), `${what} is missing from the .vsix: ${entries.join(', ')}`);
    }
  });
});
