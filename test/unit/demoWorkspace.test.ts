// The demo workspace shows every flow: a line to select, a directive without an image, one whose
// image is there (with its provenance, so it can be regenerated), another document language, and
// a README that says what to try.
import * as assert from 'assert';
import { directiveSize } from '../../src/core/directives/directiveCost';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../../src/core/spec/spec';
import * as fs from 'fs';
import * as path from 'path';
import { parseDirectives } from '../../src/core/directives/directives';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { DEMO_IMAGE, demoImageBytes } from '../demo/demoImage';
import { PROJECT_ROOT } from '../rig/layout';

const DEMO = path.join(PROJECT_ROOT, 'test/fixtures/demo-docs');
const read = (file: string) => fs.readFileSync(path.join(DEMO, file), 'utf8');

describe('demo workspace (test/fixtures/demo-docs)', () => {
  it('its README says what to try, starting with Set API Key, and has a line to select', () => {
    const readme = read('README.md');
    const steps = ['Set API Key', 'Generate Image from Selection', 'Generate Image…', 'Regenerate', 'Open Image Studio'];
    assert.deepStrictEqual(steps.filter((step) => !readme.includes(step)), []);
    assert.ok(readme.indexOf('Set API Key') < readme.indexOf('Generate Image from Selection'), 'Set API Key is not the first step');
    assert.match(readme, /^ {3}A lighthouse on a rocky coast at dawn, watercolor$/m);
  });

  it('has a Markdown directive without an image', () => {
    const [directive, ...others] = parseDirectives(read('docs/getting-started.md'));
    assert.ok(directive, 'docs/getting-started.md has no directive');
    assert.deepStrictEqual([others.length, directive.image, directive.issues], [0, undefined, []]);
  });

  it('has a Markdown directive whose image is there, with the provenance of that directive', () => {
    const [directive] = parseDirectives(read('docs/gallery.md'));
    assert.ok(directive?.image, 'docs/gallery.md has no directive with an image below it');
    assert.deepStrictEqual(directive.issues, []);
    const image = path.join(DEMO, 'docs', directive.image.path);
    assert.strictEqual(image, DEMO_IMAGE.file);
    const bytes = fs.readFileSync(image);
    const info = sniffImage(bytes);
    // It pins the seed and leaves the size to the default, so its lens offers Same Seed at another size.
    const size = directiveSize(directive.request ?? assert.fail('invalid directive'), { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
    assert.deepStrictEqual([info?.format, info?.width, info?.height], ['png', size.width, size.height]);
    const provenance = readEmbeddedProvenance(bytes);
    assert.deepStrictEqual(
      [provenance?.prompt, provenance?.seed, provenance?.width, provenance?.height],
      [directive.request?.prompt, directive.request?.seed, size.width, size.height],
    );
  });

  it('its image is the one `node out/test/demo/demoImage.js` makes', () => {
    assert.ok(Buffer.from(demoImageBytes()).equals(fs.readFileSync(DEMO_IMAGE.file)), 'run node out/test/demo/demoImage.js to write it again');
  });

  it('has a reStructuredText document with a line to select', () => {
    assert.match(read('docs/guide.rst'), /^A paper boat on a calm pond, isometric$/m);
  });
});
