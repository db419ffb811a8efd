import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CommandIds } from '../../src/commands/ids';

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

  it('the production extension bundle stays under 150 KB and carries no Unicode tables', () => {
    const bundle = path.join(ROOT, 'dist/extension.js');
    const size = fs.statSync(bundle).size;
    assert.ok(size < 150 * 1024, `dist/extension.js is ${size} bytes`);
    assert.ok(!fs.readFileSync(bundle, 'utf8').includes('sourceMappingURL'), 'the production bundle has a source map reference');
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

describe('layer rules (each arrow that would break the design fails here)', () => {
  const under = (...folders: string[]) => (name: string) => folders.some((folder) => name === folder || name.startsWith(`${folder}/`));

  it('core imports nothing but core: no vscode, no Node-only module, no editor, webview, cli or node layer', () => {
    assert.deepStrictEqual(wrongArrows('core', (name) => name === 'vscode' || isNodeOnly(name) || under('editor', 'webview', 'cli', 'node', 'commands', 'directives', 'extension')(name)), []);
  });

  it('the webview front-end imports only itself, the shared protocol and the pure core: no extension-host code', () => {
    const allowed = (name: string) => under('webview/ui', 'core')(name) || name === 'webview/protocol' || name === 'webview/historyStore';
    assert.deepStrictEqual(wrongArrows('webview/ui', (name) => !allowed(name)), []);
  });

  it('the CLI imports neither vscode nor the editor layer', () => {
    assert.deepStrictEqual(wrongArrows('cli', (name) => name === 'vscode' || under('editor', 'webview', 'commands', 'directives', 'extension')(name)), []);
  });

  it('the Node layer imports only core and Node: no vscode, no editor, no CLI', () => {
    assert.deepStrictEqual(wrongArrows('node', (name) => name === 'vscode' || under('editor', 'webview', 'cli', 'commands', 'directives', 'extension')(name)), []);
  });

  it('the editor layer reaches no webview internals (the studio through an interface) and no CLI', () => {
    assert.deepStrictEqual(wrongArrows('editor', (name) => under('webview', 'cli', 'directives', 'commands')(name) && name !== 'webview/protocol' && name !== 'commands/ids'), []);
  });

  it('every command id is spelled once, in src/commands/ids.ts, and package.json contributes exactly the palette ones', () => {
    const literal = /['"`](sparkImage\.[A-Za-z]+(?:\.[A-Za-z]+)?)['"`]/g;
    const ids = new Set<string>(Object.values(CommandIds));
    const spelled = sourceFiles(path.join(ROOT, 'src'))
      .filter((file) => !file.endsWith(path.join('commands', 'ids.ts')))
      .flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(literal)].map((match) => match[1]).filter((id) => ids.has(id)).map((id) => `${path.relative(ROOT, file)}: ${id}`));
    assert.deepStrictEqual(spelled, []);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    const contributed = manifest.contributes.commands.map((command) => command.command).sort();
    const codeLensOnly: string[] = [CommandIds.directiveRun, CommandIds.directiveCancel, CommandIds.directiveUpdateAlt];
    assert.deepStrictEqual(contributed, [...ids].filter((id) => !codeLensOnly.includes(id)).sort());
  });
});
