import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { inflateRawSync } from 'zlib';

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

/** The text of one zip entry (stored or deflated): sizes from the central directory, since vsce writes data descriptors. */
function zipEntryText(file: string, wanted: string): string {
  const zip = fs.readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) {
    end -= 1;
  }
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i += 1) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.toString('utf8', offset + 46, offset + 46 + nameLength) === wanted) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressedSize);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  throw new Error(`${wanted} is not in ${file}`);
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
  ['README screenshots', /^extension\/media\/readme\//],
];

describe('packaging (vsce)', function () {
  this.timeout(180_000);
  let entries: string[];
  let printed = '';

  before(() => {
    fs.rmSync(VSIX, { force: true });
    // Offline: --no-dependencies, and the manifest needs no network lookups.
    try {
      // stderr joined to stdout: vsce prints its warnings on either.
      printed = execFileSync('sh', ['-c', 'npm run package 2>&1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
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

  it('prints no warning', () => {
    assert.match(printed, /DONE {2}Packaged/);
    assert.deepStrictEqual(printed.split('\n').filter((line) => /warn/i.test(line)), []);
  });

  it('the packaged README links each picture by an absolute https URL (the marketplace has no media/readme/)', () => {
    const readme = zipEntryText(VSIX, 'extension/readme.md');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    assert.ok(images.some((url) => url.endsWith('/media/readme/selection-progress.png')), `no screenshot in the packaged README: ${JSON.stringify(images)}`);
    assert.deepStrictEqual(images.filter((url) => !/^https:\/\/[^/]+\/.+\.png$/.test(url)), []);
  });

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
      ['the icon', /^extension\/media\/icon\.png$/],
      ['the walkthrough media', /^extension\/media\/walkthrough\/setApiKey\.svg$/],
    ];
    for (const [what, pattern] of required) {
      assert.ok(entries.some((name) => pattern.test(name)), `${what} is missing from the .vsix: ${entries.join(', ')}`);
    }
  });
});
