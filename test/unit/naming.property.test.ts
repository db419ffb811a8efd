import * as assert from 'assert';
import * as fc from 'fast-check';
import { DEFAULT_DESTINATION, FileNameVariables, isInside, posixNormalize, renderFileName, resolveDestination } from '../../src/core/naming/naming';
import { slugify } from '../../src/core/naming/slug';
import { anyText, runs, textFrom } from './propertyRuns';

/** Names Windows refuses, with or without an extension, in any case, with trailing dots or spaces. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const PIECES = ['${promptSlug}', '${seed}', '${width}', '${height}', '${date}', '${time}', '${taskId}', '${documentBaseName}', '${unknown}', '/', '\\', '..', '.', ' ', 'CON', 'nul', 'Com1', 'LPT9', 'aux', ':', '*', '?', '"', '<', '>', '|', '\u0000', '\u001f', '\u007f', '\u0085', '\u2028', '-'];
const template = fc.oneof(textFrom(PIECES, 10), anyText);
const value = fc.oneof(textFrom(PIECES, 6), anyText);
const variables: fc.Arbitrary<FileNameVariables> = fc.record({
  promptSlug: fc.oneof(value.map((text) => slugify(text)), value),
  seed: value,
  width: value,
  height: value,
  date: value,
  time: value,
  taskId: value,
  documentBaseName: value,
});
const extension = fc.constantFrom('png', 'jpg', 'webp');

describe('naming templates: properties (fast-check)', function () {
  this.timeout(60_000);

  it('a file name template always gives one safe segment: no separator, no control character, no reserved Windows name', () => {
    fc.assert(
      fc.property(template, variables, extension, (fileTemplate, vars, ext) => {
        const name = renderFileName(fileTemplate, vars, ext);
        assert.ok(!name.includes('/') && !name.includes('\\'), JSON.stringify(name));
        assert.ok(!CONTROL.test(name) && !/[\u2028\u2029]/.test(name), JSON.stringify(name));
        assert.ok(!RESERVED.test(name.split('.')[0].trimEnd()), JSON.stringify(name));
        assert.ok(!/[<>:"|?*]/.test(name), JSON.stringify(name));
        assert.ok(name.endsWith(`.${ext}`) && name.length > ext.length + 1, JSON.stringify(name));
        assert.ok(!/^[. ]/.test(name) && !/[. ]$/.test(name.slice(0, -ext.length - 1)), JSON.stringify(name));
        // It stays in the folder it is put in.
        assert.strictEqual(posixNormalize(`/ws/docs/images/${name}`), `/ws/docs/images/${name}`);
      }),
      runs(3000),
    );
  });

  it('the default destination puts any rendered name directly in the document folder’s images/', () => {
    fc.assert(
      fc.property(template, variables, extension, (fileTemplate, vars, ext) => {
        const fileName = renderFileName(fileTemplate, vars, ext);
        const path = resolveDestination(DEFAULT_DESTINATION, {
          documentDirName: '/ws/docs',
          documentBaseName: vars.documentBaseName,
          documentFileName: `${vars.documentBaseName}.md`,
          documentExtName: 'md',
          documentWorkspaceFolder: '/ws',
          documentRelativeDirName: 'docs',
          fileName,
        });
        assert.strictEqual(path, `/ws/docs/images/${fileName}`);
      }),
      runs(2000),
    );
  });

  it('isInside is true exactly for paths that normalise to the folder or below it', () => {
    const segment = fc.constantFrom('..', '.', '', 'ws', 'docs', 'ws2', 'a');
    const relative = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(relative, (rest) => {
        const target = `/ws/${rest}`;
        const normal = posixNormalize(target);
        assert.strictEqual(isInside('/ws', target), normal === '/ws' || normal.startsWith('/ws/'), target);
      }),
      runs(2000),
    );
  });
});
