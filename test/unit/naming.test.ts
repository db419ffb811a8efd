import * as assert from 'assert';
import { fileNameVariables, isInside, posixNormalize, relativePosix, renderFileName, resolveDestination } from '../../src/core/naming/naming';
import { slugify } from '../../src/core/naming/slug';
import { numberedNames, splitFileName } from '../../src/core/naming/uniqueName';

const provenance = { prompt: 'A Cat, on "the" Moon?!', seed: 42, width: 1664, height: 936, taskId: 'task_1' };

describe('naming: file names and destinations', () => {
  it('slugs prompts in any script and never returns an empty name', () => {
    assert.strictEqual(slugify('A Cat, on "the" Moon?!'), 'a-cat-on-the-moon');
    assert.strictEqual(slugify('月亮上的猫 cat'), '月亮上的猫-cat');
    assert.strictEqual(slugify('!!!'), 'image');
    assert.ok(Array.from(slugify('word '.repeat(40))).length <= 48);
  });

  it('renders the file name template with prompt slug, seed, size, date and task id', () => {
    const variables = fileNameVariables(provenance, new Date(2026, 10, 25, 9, 5, 7), 'guide');
    assert.strictEqual(renderFileName('${promptSlug}-${seed}', variables, 'png'), 'a-cat-on-the-moon-42.png');
    assert.strictEqual(renderFileName('${date}_${time}_${width}x${height}_${taskId}_${documentBaseName}', variables, 'jpg'), '2026-11-25_090507_1664x936_task_1_guide.jpg');
    assert.strictEqual(renderFileName('../${seed}:x', variables, 'png'), '42-x.png', 'separators and reserved characters cannot escape the folder');
  });

  it('resolves the destination template with VS Code\'s markdown variables', () => {
    const variables = {
      documentDirName: '/ws/docs/guide',
      documentBaseName: 'intro',
      documentFileName: 'intro.md',
      documentExtName: 'md',
      documentWorkspaceFolder: '/ws',
      documentRelativeDirName: 'docs/guide',
      fileName: 'cat-42.png',
    };
    assert.strictEqual(resolveDestination('${documentDirName}/images/${fileName}', variables), '/ws/docs/guide/images/cat-42.png');
    assert.strictEqual(resolveDestination('${documentWorkspaceFolder}/assets/${documentBaseName}/', variables), '/ws/assets/intro/cat-42.png');
    assert.strictEqual(resolveDestination('img', variables), '/ws/docs/guide/img/cat-42.png');
    assert.strictEqual(resolveDestination('../../../../etc/${fileName}', variables), '/etc/cat-42.png');
    assert.ok(!isInside('/ws', resolveDestination('../../../../etc/${fileName}', variables)));
  });

  it('knows what is inside a folder, without being fooled by prefixes or dot segments', () => {
    assert.ok(isInside('/ws', '/ws/a/b.png'));
    assert.ok(!isInside('/ws', '/ws2/b.png'));
    assert.ok(!isInside('/ws', '/ws/a/../../b.png'));
    assert.strictEqual(posixNormalize('/a/./b/../c//d'), '/a/c/d');
  });

  it('never overwrites: the first name whose claim succeeds is the next free suffix', () => {
    const taken = new Set(['a.png', 'a-1.png']);
    // An atomic claim (exclusive create, rename without overwrite) fails exactly on the taken names.
    const firstClaimed = (fileName: string) => {
      for (const candidate of numberedNames(splitFileName(fileName))) {
        if (!taken.has(candidate)) {
          return candidate;
        }
      }
      return undefined;
    };
    assert.strictEqual(firstClaimed('a.png'), 'a-2.png');
    assert.strictEqual(firstClaimed('b.png'), 'b.png');
    assert.strictEqual(firstClaimed('README'), 'README');
    assert.deepStrictEqual([...numberedNames(splitFileName('cat.v2.png'))].slice(0, 2), ['cat.v2.png', 'cat.v2-1.png']);
    assert.deepStrictEqual([...numberedNames({ stem: 'notes', extension: '' })].slice(0, 2), ['notes', 'notes-1']);
  });

  it('makes relative links with forward slashes', () => {
    assert.strictEqual(relativePosix('/ws/docs', '/ws/docs/images/a.png'), 'images/a.png');
    assert.strictEqual(relativePosix('/ws/docs/guide', '/ws/assets/a b.png'), '../../assets/a b.png');
  });
});
