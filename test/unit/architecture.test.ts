import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CommandIds } from '../../src/editor/commandIds';

const ROOT = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture and budgets', function () {
  this.timeout(120_000);

  it('the core never imports vscode (the CLI and the webview share it)', () => {
    const offenders = sourceFiles(path.join(ROOT, 'src/core')).filter((file) => /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(file, 'utf8')));
    assert.deepStrictEqual(offenders, []);
  });

  it('the production extension bundle stays under 160 KB and carries no Unicode tables', () => {
    const bundle = path.join(ROOT, 'dist/extension.js');
    const size = fs.statSync(bundle).size;
    assert.ok(size < 160 * 1024, `dist/extension.js is ${size} bytes`);
    const text = fs.readFileSync(bundle, 'utf8');
    assert.ok(!text.includes('sourceMappingURL'), 'the production bundle has a source map reference');
    // node-fetch is its own file, required on the first request: activation never loads it.
    assert.ok(!text.includes('FetchError') && fs.readFileSync(path.join(ROOT, 'dist/nodeFetch.js'), 'utf8').includes('FetchError'), 'node-fetch is bundled into dist/extension.js');
  });

  it('small files in folders that say what they hold: no source file over 250 lines, no folder with more than 12 at its top', () => {
    const files = sourceFiles(path.join(ROOT, 'src'));
    const long = files.map((file) => `${path.relative(ROOT, file)}: ${fs.readFileSync(file, 'utf8').split('\n').length - 1} lines`).filter((line) => Number(line.split(': ')[1].split(' ')[0]) > 250);
    assert.deepStrictEqual(long, []);
    const perFolder = new Map<string, number>();
    files.forEach((file) => perFolder.set(path.dirname(file), (perFolder.get(path.dirname(file)) ?? 0) + 1));
    const crowded = [...perFolder].filter(([, count]) => count > 12).map(([folder, count]) => `${path.relative(ROOT, folder)}: ${count} files`);
    assert.deepStrictEqual(crowded, []);
  });

  it('type-checks and lints clean', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', ROOT], { cwd: ROOT, stdio: 'pipe' });
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), 'src', 'test'], { cwd: ROOT, stdio: 'pipe' });
  });
});

/** Every import of a source file: what it names (a package, a Node module, or a path resolved under src/). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const names = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]);
  return names.map((name) => (name.startsWith('.') ? path.relative(path.join(ROOT, 'src'), path.resolve(path.dirname(file), name)).split(path.sep).join('/') : name));
}

const NODE_BUILTINS = new Set(['fs', 'path', 'http', 'https', 'net', 'dns', 'os', 'zlib', 'crypto', 'stream', 'child_process', 'url', 'util', 'events', 'tls', 'perf_hooks', 'worker_threads']);

function isNodeOnly(name: string): boolean {
  return NODE_BUILTINS.has(name) || name.startsWith('node:') || name === 'node-fetch';
}

/** The arrows out of `layer` (a folder under src/, or a file) that break `rule`, as "file → import". */
function wrongArrows(layer: string, rule: (name: string) => boolean): string[] {
  const root = path.join(ROOT, 'src', layer);
  const files = fs.statSync(root).isDirectory() ? sourceFiles(root) : [root];
  return files.flatMap((file) => importsOf(file).filter(rule).map((name) => `${path.relative(ROOT, file)} → ${name}`));
}

/** Floors of the core's subjects: a subject imports only subjects on lower floors. */
const CORE_FLOORS: Record<string, number> = { base: 0, spec: 1, links: 1, spend: 1, api: 2, image: 2, repoConfig: 2, naming: 3, download: 3, polling: 3, directives: 3, output: 3, job: 4, agent: 5 };

/** The circles of the import graph of src/ (each as its files, joined by " → "). */
function importCircles(): string[] {
  const files = sourceFiles(path.join(ROOT, 'src'));
  const key = (file: string) => path.relative(path.join(ROOT, 'src'), file).split(path.sep).join('/').replace(/\.ts$/, '');
  const known = new Set(files.map(key));
  const edges = new Map(files.map((file) => [key(file), importsOf(file).map((name) => (known.has(name) ? name : `${name}/index`)).filter((name) => known.has(name))]));
  // Tarjan's strongly connected components: every component of more than one file is a circle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) {
        circles.push(component.sort().join(' → '));
      }
    }
  };
  [...known].sort().forEach((node) => index.has(node) || visit(node));
  return circles;
}

describe('layer rules (each arrow that would break the design fails here)', () => {
  const under = (...folders: string[]) => (name: string) => folders.some((folder) => name === folder || name.startsWith(`${folder}/`));
  /** Every layer above the pure core and the Node layer: what the core, node and CLI may never reach. */
  const EDITOR_SIDE = ['editor', 'studio', 'commands', 'directives', 'extension', 'testingApi'];

  it('core imports nothing but core: no vscode, no Node-only module, no editor, studio, cli or node layer', () => {
    assert.deepStrictEqual(wrongArrows('core', (name) => name === 'vscode' || isNodeOnly(name) || under(...EDITOR_SIDE, 'cli', 'node')(name)), []);
  });

  it('inside the core, each subject imports only the subjects below it (no arrow back up, no circle between folders)', () => {
    const upward = Object.keys(CORE_FLOORS).flatMap((subject) =>
      wrongArrows(`core/${subject}`, (name) => {
        const [top, other] = name.split('/');
        return top === 'core' && other !== subject && !(CORE_FLOORS[other] < CORE_FLOORS[subject]);
      }),
    );
    assert.deepStrictEqual(upward, []);
    const folders = fs.readdirSync(path.join(ROOT, 'src/core'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    assert.deepStrictEqual(folders.sort(), Object.keys(CORE_FLOORS).sort(), 'every core folder has a floor in CORE_FLOORS');
    assert.deepStrictEqual(fs.readdirSync(path.join(ROOT, 'src/core')).filter((name) => name.endsWith('.ts')), [], 'the core keeps no file at its top: each lives in its subject');
  });

  it('the studio page imports only itself, the shared protocol and history query, and the pure core: no extension-host code', () => {
    const allowed = (name: string) => under('studio/page', 'core')(name) || name === 'studio/protocol' || name === 'studio/historyQuery';
    assert.deepStrictEqual(wrongArrows('studio/page', (name) => !allowed(name)), []);
  });

  it('the CLI imports neither vscode nor the editor side', () => {
    assert.deepStrictEqual(wrongArrows('cli', (name) => name === 'vscode' || under(...EDITOR_SIDE)(name)), []);
  });

  it('the Node layer imports only core and Node: no vscode, no editor side, no CLI', () => {
    assert.deepStrictEqual(wrongArrows('node', (name) => name === 'vscode' || under(...EDITOR_SIDE, 'cli')(name)), []);
  });

  it('the editor layer reaches none of the front ends above it (commands, directives, the studio), nor the CLI', () => {
    assert.deepStrictEqual(wrongArrows('editor', (name) => under('studio', 'cli', 'directives', 'commands', 'extension', 'testingApi')(name)), []);
  });

  it('each editor front end (commands, directives, the studio host) imports the editor layer, never another front end', () => {
    const frontEnds = ['commands', 'directives', 'studio'];
    const wrong = frontEnds.flatMap((frontEnd) =>
      wrongArrows(frontEnd, (name) => name === 'vscode' ? false : under('cli', 'extension', 'testingApi', ...frontEnds.filter((other) => other !== frontEnd))(name)),
    );
    assert.deepStrictEqual(wrong, []);
  });

  it('no import circle anywhere in src/', () => {
    assert.deepStrictEqual(importCircles(), []);
  });

  it('every command id is spelled once, in src/editor/commandIds.ts, and package.json contributes exactly the palette ones', () => {
    const literal = /['"`](sparkImage\.[A-Za-z]+(?:\.[A-Za-z]+)?)['"`]/g;
    const ids = new Set<string>(Object.values(CommandIds));
    const spelled = sourceFiles(path.join(ROOT, 'src'))
      .filter((file) => !file.endsWith(path.join('editor', 'commandIds.ts')))
      .flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(literal)].map((match) => match[1]).filter((id) => ids.has(id)).map((id) => `${path.relative(ROOT, file)}: ${id}`));
    assert.deepStrictEqual(spelled, []);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    const contributed = manifest.contributes.commands.map((command) => command.command).sort();
    const codeLensOnly: string[] = [CommandIds.directiveRun, CommandIds.directiveCancel, CommandIds.directiveUpdateAlt, CommandIds.directiveTryVariations];
    assert.deepStrictEqual(contributed, [...ids].filter((id) => !codeLensOnly.includes(id)).sort());
  });
});
