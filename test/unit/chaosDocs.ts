// The chaos run's documents: about 30 directives over several markdown files, drawn from a seed, and
// the reading of what the runs left behind (which directive links which image, made by which task).
import * as fs from 'fs';
import * as path from 'path';
import { parseDirectives } from '../../src/core/directives/directives';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { between, pick } from '../mock/chaos';

const SUBJECTS = [
  'a lighthouse at dusk', 'a fox asleep in fern', 'an old brass compass', 'a paper boat on a puddle', 'a glass of iced tea',
  'a snowy mountain pass', 'a red bicycle by a wall', 'a bowl of ramen', 'a stack of old books', 'a hummingbird mid-air',
  'a desert at noon', 'a rainy city street', 'a violin on a chair', 'a field of sunflowers', 'a cat on a windowsill',
  'a tidal pool with starfish', 'a wooden canoe', 'a steaming teapot', 'a hot air balloon', 'a forest path in autumn',
  'a chess board mid-game', 'a harbour at dawn', 'a vintage typewriter', 'a honeycomb close-up', 'a winding river from above',
  'a lantern in the fog', 'a pair of hiking boots', 'a bonsai tree',
];

/** A directive as written, and where: the file (relative to the root) and its occurrence among identical ones. */
export interface PlannedDirective {
  file: string;
  prompt: string;
  /** The option group, `{…}`, or ''. */
  options: string;
}

export interface ChaosDocs {
  root: string;
  directives: PlannedDirective[];
}

/**
 * Writes docs/*.md under `root`: 30 directives in four files, the options drawn from `random` (default
 * size, a 2K size that costs $0.06, a pinned seed, no expansion), one directive written twice in the same
 * file (told apart only by its occurrence), text between them. No images yet.
 */
export function writeChaosDocs(root: string, random: () => number): ChaosDocs {
  const files = ['docs/guide.md', 'docs/tutorial.md', 'docs/reference/api.md', 'docs/gallery.md'];
  const directives: PlannedDirective[] = SUBJECTS.map((prompt, index) => {
    const parts: string[] = [];
    const roll = random();
    if (roll < 0.25) parts.push('size=2048x1152');
    else if (roll < 0.4) parts.push('size=1664x936');
    if (random() < 0.3) parts.push(`seed=${between(random, 1, 99_999)}`);
    if (random() < 0.2) parts.push('expand=false');
    return { file: files[index % files.length], prompt, options: parts.length > 0 ? ` {${parts.join(' ')}}` : '' };
  });
  // The same directive twice in one file: a match by text alone would mix them up.
  const twice = pick(random, directives.slice(0, 8));
  directives.push({ ...twice }, { file: files[3], prompt: 'a quiet reading room', options: '' });
  for (const file of files) {
    const mine = directives.filter((directive) => directive.file === file);
    const body = mine.map((directive, n) => `## Part ${n + 1}\n\nSome words before.\n\n<!-- spark-image: ${directive.prompt}${directive.options} -->\n\nSome words after.\n`);
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), `# ${path.basename(file, '.md')}\n\n${body.join('\n')}`);
  }
  return { root, directives };
}

/** One directive as the files hold it now: its line (1-based), its image link if any, and that image's provenance. */
export interface DirectiveNow {
  file: string;
  line: number;
  prompt: string;
  /** 0 for the first directive with this text in its file, 1 for the second… */
  occurrence: number;
  image?: { path: string; exists: boolean; taskId?: string; costUsd?: number; mtimeMs?: number };
}

/** Every directive of the chaos documents as they are now, in file order. */
export function readDirectives(docs: ChaosDocs): DirectiveNow[] {
  const files = [...new Set(docs.directives.map((directive) => directive.file))];
  return files.flatMap((file) => {
    const full = path.join(docs.root, file);
    const seen = new Map<string, number>();
    return parseDirectives(fs.readFileSync(full, 'utf8')).map((directive) => {
      const occurrence = seen.get(directive.raw) ?? 0;
      seen.set(directive.raw, occurrence + 1);
      const now: DirectiveNow = { file, line: directive.line + 1, prompt: directive.prompt, occurrence };
      if (directive.image) {
        const image = path.resolve(path.dirname(full), directive.image.path);
        const exists = fs.existsSync(image);
        const provenance = exists ? readEmbeddedProvenance(fs.readFileSync(image)) : undefined;
        now.image = { path: path.relative(docs.root, image), exists, taskId: provenance?.taskId, costUsd: provenance?.costUsd, mtimeMs: exists ? fs.statSync(image).mtimeMs : undefined };
      }
      return now;
    });
  });
}

/** How many markdown image links (`![…](…)`) a file holds: one per directive once every image is linked. */
export function imageLinkCount(docs: ChaosDocs, file: string): number {
  return (fs.readFileSync(path.join(docs.root, file), 'utf8').match(/!\[[^\]]*\]\([^)]*\)/g) ?? []).length;
}
