import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveDestination, workingOut } from '../../src/cli/generate/destination';
import { generatedName, withRealExtension } from '../../src/cli/generate/fileName';
import { slugify } from '../../src/core/naming/slug';
import { saveImage } from '../../src/node/uniqueFile';
import { resumeCommand, shellQuote } from '../../src/cli/generate/resumeHint';
import { ImageInfo } from '../../src/core/image/imageType';

const PNG: ImageInfo = { format: 'png', extension: 'png', mime: 'image/png' };
const JPEG: ImageInfo = { format: 'jpeg', extension: 'jpg', mime: 'image/jpeg' };
const noOptions = { json: false, verbose: false };

describe('cli file names and saving', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-cli-files-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('slugs prompts in any script, cut at a word', () => {
    assert.strictEqual(slugify('  A Café at Dawn, 1920s!  '), 'a-cafe-at-dawn-1920s');
    assert.strictEqual(slugify('一只红色的狐狸'), '一只红色的狐狸');
    assert.strictEqual(slugify('../../etc/passwd'), 'etc-passwd');
    assert.strictEqual(slugify('!!!'), 'image');
    const long = slugify('word '.repeat(40));
    assert.ok(long.length <= 48 && !long.endsWith('-'), long);
    assert.strictEqual(generatedName('a fox', '42', JPEG).stem, 'a-fox-42');
  });

  it('gives a requested file the extension of the real type, keeping a correct spelling', () => {
    assert.deepStrictEqual(withRealExtension('cat.png', JPEG), { stem: 'cat', extension: 'jpg' });
    assert.deepStrictEqual(withRealExtension('cat.JPEG', JPEG), { stem: 'cat', extension: 'JPEG' });
    assert.deepStrictEqual(withRealExtension('cat', PNG), { stem: 'cat', extension: 'png' });
    assert.deepStrictEqual(withRealExtension('cat.v2', PNG), { stem: 'cat.v2', extension: 'png' });
    assert.deepStrictEqual(withRealExtension('.png', PNG), { stem: '.png', extension: 'png' });
  });

  it('never overwrites: numbers the name, and leaves no temp file', () => {
    fs.writeFileSync(path.join(dir, 'fox.png'), 'an older picture');
    const first = saveImage(new Uint8Array([1, 2, 3]), dir, { stem: 'fox', extension: 'png' });
    const second = saveImage(new Uint8Array([4]), dir, { stem: 'fox', extension: 'png' });
    assert.deepStrictEqual([path.basename(first), path.basename(second)], ['fox-1.png', 'fox-2.png']);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'fox.png'), 'utf8'), 'an older picture');
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['fox-1.png', 'fox-2.png', 'fox.png']);
  });

  it('removes the temp file when saving fails', () => {
    // A name too long for the file system fails at the last step, after the temp file was written.
    const bad = { stem: 'x'.repeat(300), extension: 'png' };
    assert.throws(() => saveImage(new Uint8Array([1]), dir, bad));
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('checks --out before anything is sent: missing folders are made, an unwritable one is refused with its reason', () => {
    assert.deepStrictEqual(resolveDestination(undefined, dir), { kind: 'folder', folder: dir });
    assert.deepStrictEqual(resolveDestination('.', dir), { kind: 'folder', folder: dir });
    assert.deepStrictEqual(resolveDestination('fox.png', dir), { kind: 'file', folder: dir, name: 'fox.png' });
    assert.deepStrictEqual(resolveDestination('new/', dir), { kind: 'folder', folder: path.join(dir, 'new') });
    assert.deepStrictEqual(resolveDestination('made/for/fox.png', dir), { kind: 'file', folder: path.join(dir, 'made/for'), name: 'fox.png' });
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['made', 'new'], 'the folders stay, with no probe file in them');
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'made/for')), []);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'text');
    assert.throws(() => resolveDestination('notes.txt/fox.png', dir), { message: `Cannot save in the folder ${path.join(dir, 'notes.txt')}: ${path.join(dir, 'notes.txt')} is a file, not a folder. Nothing was sent.` });
    assert.throws(() => resolveDestination('notes.txt/images/', dir), { message: `Cannot save in the folder ${path.join(dir, 'notes.txt/images')}: ${path.join(dir, 'notes.txt')} is a file, not a folder. Nothing was sent.` });
    assert.throws(() => resolveDestination('/proc/kites/', dir), /Cannot save in the folder \/proc\/kites: .*\(ENOENT\)/);
  });

  it('after the disk refused a paid image, the resume hint names a folder that works: the current one, keeping the file name', () => {
    const failed = path.join(dir, 'full');
    assert.strictEqual(workingOut({ kind: 'file', folder: failed, name: 'kite.png' }, dir), './kite.png');
    assert.strictEqual(workingOut({ kind: 'folder', folder: failed }, dir), './');
    // When the current folder was the one that failed, another that works.
    const other = workingOut({ kind: 'folder', folder: dir }, dir);
    assert.ok(other !== undefined && !other.startsWith('./') && path.resolve(other) !== dir, other);
  });

  it('quotes the resume command so a POSIX shell gives back every word', () => {
    const prompt = `it's "$HOME" \`ls\` \\ ok`;
    const line = resumeCommand('task_1', { prompt, seed: 5, width: 512, height: 512, usePreLlm: false }, { ...noOptions, out: 'my pics/' });
    const words = execFileSync('/bin/sh', ['-c', `for w in ${line.replace(/^spark-image /, '')}; do printf '%s\\n' "$w"; done`], { encoding: 'utf8' });
    assert.deepStrictEqual(words.trimEnd().split('\n'), ['resume', 'task_1', '--prompt', prompt, '--seed', '5', '--width', '512', '--height', '512', '--no-expand', '--out', 'my pics/']);
    assert.strictEqual(shellQuote('plain-word_1.png'), 'plain-word_1.png');
  });
});
