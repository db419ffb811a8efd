// The README's pictures: each one the ui tests take is linked near the top with alt text, is a
// small PNG in media/readme/, and nothing else is linked there. The pixels are not compared:
// they change with the editor; `npm run screenshots` takes them again.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { sniffImage } from '../../src/core/image/imageType';
import { PROJECT_ROOT } from '../rig/layout';
import { README_MEDIA_DIR, README_SHOTS } from '../ui/readmeShots';

const README = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const images = [...README.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((match) => ({ alt: match[1], src: match[2], at: match.index ?? 0 }));

describe('README pictures (media/readme/)', () => {
  for (const name of README_SHOTS) {
    it(`${name}: linked near the top with alt text, a PNG well under 200 KB`, () => {
      const image = images.find((candidate) => candidate.src === `media/readme/${name}.png`);
      assert.ok(image, `README.md does not link media/readme/${name}.png`);
      assert.ok(image.alt.trim().length >= 10, `the alt text of ${name} says too little: ${JSON.stringify(image.alt)}`);
      assert.ok(image.at < README.indexOf('## Try it'), `${name} is not near the top (before "Try it")`);
      const bytes = fs.readFileSync(path.join(README_MEDIA_DIR, `${name}.png`));
      assert.strictEqual(sniffImage(bytes)?.format, 'png');
      assert.ok(bytes.length < 150 * 1024, `${name}.png is ${(bytes.length / 1024).toFixed(0)} KB`);
    });
  }

  it('links no picture under media/readme/ that the ui tests do not take, and holds no other file', () => {
    const linked = images.filter((image) => image.src.startsWith('media/readme/')).map((image) => path.basename(image.src, '.png'));
    assert.deepStrictEqual(linked.filter((name) => !(README_SHOTS as readonly string[]).includes(name)), []);
    assert.deepStrictEqual(fs.readdirSync(README_MEDIA_DIR).filter((file) => !(README_SHOTS as readonly string[]).includes(path.basename(file, '.png'))), []);
  });

  it('the quick start: install the .vsix, Set API Key with where to get one, select text, Generate', () => {
    const start = README.indexOf('## Quick start');
    assert.ok(start >= 0, 'no Quick start section');
    const section = README.slice(start, README.indexOf('\n## ', start + 1));
    const steps = ['Install from VSIX', 'Set API Key', 'vtrix.ai', 'Dashboard → API Keys', 'Select a sentence', 'Generate Image from Selection'];
    assert.deepStrictEqual(steps.filter((step) => !section.replace(/\s+/g, ' ').includes(step)), []);
    const order = steps.map((step) => section.replace(/\s+/g, ' ').indexOf(step));
    assert.deepStrictEqual(order, [...order].sort((a, b) => a - b), 'the quick start steps are out of order');
  });
});
