import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

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
