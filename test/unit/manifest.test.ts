// The manifest a newcomer meets first: the "Get started" walkthrough (each step with its command
// button, the event that completes it, its media and its text in both languages) and what the
// marketplace shows (icon, categories, keywords, banner, preview, no Q&A).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { sniffImage } from '../../src/core/image/imageType';
import { ICON_FILE, iconBytes } from '../media/icon';
import { PROJECT_ROOT } from '../rig/layout';

/* eslint-disable @typescript-eslint/no-explicit-any -- the manifest is JSON under test */
const manifest: any = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
const nls: Record<string, Record<string, string>> = {
  en: JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.nls.json'), 'utf8')),
  'zh-cn': JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.nls.zh-cn.json'), 'utf8')),
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** `%key%` resolved in one language; a string that is not a key must not be there at all. */
function text(value: string, language: string): string {
  const match = /^%(.+)%$/.exec(value);
  assert.ok(match, `${JSON.stringify(value)} is not localized: write a %key% from package.nls.json`);
  const resolved = nls[language][match[1]];
  assert.ok(typeof resolved === 'string' && resolved.trim() !== '', `${match[1]} is missing from package.nls${language === 'en' ? '' : `.${language}`}.json`);
  return resolved;
}

/** The categories VS Code 1.139 (code-server 4.139) accepts; anything else is not shown. */
const VSCODE_CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Extension Packs', 'Education', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'Other'];

describe('manifest: the Get started walkthrough', () => {
  const walkthroughs = manifest.contributes.walkthroughs ?? [];
  const walkthrough = walkthroughs[0];
  const commands = new Set<string>(manifest.contributes.commands.map((command: { command: string }) => command.command));

  it('is one walkthrough, "Get started with Spark Image", in both languages', () => {
    assert.strictEqual(walkthroughs.length, 1);
    assert.strictEqual(walkthrough.id, 'sparkImage.getStarted');
    assert.strictEqual(text(walkthrough.title, 'en'), 'Get started with Spark Image');
    for (const language of Object.keys(nls)) {
      text(walkthrough.title, language);
      text(walkthrough.description, language);
    }
  });

  it('has four steps: set the key, generate from a selection, write a directive, open the studio', () => {
    assert.deepStrictEqual(
      walkthrough.steps.map((step: { id: string }) => step.id),
      ['setApiKey', 'generateFromSelection', 'writeDirective', 'openStudio'],
    );
  });

  /** Each step's button, and the event that really completes it (never merely the button's command). */
  const steps: Record<string, { button: string; completedBy: string }> = {
    setApiKey: { button: 'sparkImage.setApiKey', completedBy: 'onContext:sparkImage.walkthrough.keyStored' },
    generateFromSelection: { button: 'sparkImage.openWalkthroughSample', completedBy: 'onContext:sparkImage.walkthrough.imageSaved' },
    writeDirective: { button: 'sparkImage.generateFromComment', completedBy: 'onContext:sparkImage.walkthrough.directiveGenerated' },
    openStudio: { button: 'sparkImage.openStudio', completedBy: 'onCommand:sparkImage.openStudio' },
  };
  // The keys src/editor/walkthrough.ts sets (it needs vscode, so it is read as text here).
  const walkthroughSource = fs.readFileSync(path.join(PROJECT_ROOT, 'src/editor/walkthrough.ts'), 'utf8');
  const walkthroughKeys = new Set([...walkthroughSource.matchAll(/'(sparkImage\.walkthrough\.\w+)'/g)].map((match) => `onContext:${match[1]}`));
  for (const [id, { button: command, completedBy }] of Object.entries(steps)) {
    it(`step ${id}: a ${command} button in both languages, completed by ${completedBy}, with light and dark media that exist`, () => {
      const step = walkthrough.steps.find((candidate: { id: string }) => candidate.id === id);
      assert.ok(step, `no step ${id}`);
      assert.ok(commands.has(command), `${command} is not a contributed command`);
      for (const language of Object.keys(nls)) {
        text(step.title, language);
        // A link alone on the last line is drawn as a button.
        const lastLine = text(step.description, language).split('\n').pop();
        assert.match(lastLine ?? '', new RegExp(`^\\[[^\\]]+\\]\\(command:${command.replace(/\./g, '\\.')}\\)$`), `${language}: the step's last line is not its button`);
        text(step.media.altText, language);
      }
      assert.deepStrictEqual(step.completionEvents, [completedBy]);
      assert.ok(completedBy.startsWith('onCommand:') ? commands.has(completedBy.slice('onCommand:'.length)) : walkthroughKeys.has(completedBy), `${completedBy} is not an event the extension raises`);
      const images = step.media.image as Record<string, string>;
      assert.deepStrictEqual(Object.keys(images).sort(), ['dark', 'hc', 'hcLight', 'light']);
      assert.notStrictEqual(images.light, images.dark, 'the light theme has its own picture');
      for (const image of Object.values(images)) {
        const media = path.join(PROJECT_ROOT, image);
        assert.ok(fs.existsSync(media), `${image} is missing`);
        assert.match(fs.readFileSync(media, 'utf8'), /^<svg [^>]*viewBox=/);
      }
    });
  }

  it('the directive step shows its example as a code span', () => {
    for (const language of Object.keys(nls)) {
      assert.ok(text(walkthrough.steps[2].description, language).includes('`<!-- spark-image: a lighthouse at dawn {aspect=16:9} -->`'), language);
    }
  });

  it('the key step says where to get a key: vtrix.ai → Dashboard → API Keys', () => {
    for (const language of Object.keys(nls)) {
      assert.match(text(walkthrough.steps[0].description, language), /vtrix\.ai\]\(https:\/\/vtrix\.ai\) → Dashboard → API Keys/);
    }
  });
});

describe('manifest: marketplace', () => {
  it('has a 128×128 PNG icon, the one test/media/icon.ts draws', () => {
    assert.strictEqual(manifest.icon, 'media/icon.png');
    const bytes = fs.readFileSync(path.join(PROJECT_ROOT, manifest.icon));
    const info = sniffImage(bytes);
    assert.deepStrictEqual([info?.format, info?.width, info?.height], ['png', 128, 128]);
    assert.ok(bytes.equals(iconBytes()), `${path.relative(PROJECT_ROOT, ICON_FILE)} is not what node out/test/media/icon.js draws`);
  });

  it('lists categories VS Code knows, AI and Visualization among them, and keywords', () => {
    assert.deepStrictEqual(manifest.categories.filter((category: string) => !VSCODE_CATEGORIES.includes(category)), []);
    assert.ok(manifest.categories.includes('AI') && manifest.categories.includes('Visualization'), JSON.stringify(manifest.categories));
    // The marketplace keeps at most 30 tags.
    assert.ok(manifest.keywords.length >= 3 && manifest.keywords.length <= 30, JSON.stringify(manifest.keywords));
    assert.ok(manifest.keywords.includes('text to image'));
  });

  it('has a gallery banner, the preview flag and no Q&A', () => {
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    assert.strictEqual(manifest.preview, true);
    assert.strictEqual(manifest.qna, false);
  });
});
