import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
/** The editor's front ends (the CLI and the MCP server write to a terminal or a client, not a notification). */
const EDITOR_SIDE = ['src/editor', 'src/commands', 'src/directives', 'src/studio', 'src/extension.ts'];

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) {
    return [full];
  }
  return fs.readdirSync(full).flatMap((name) => (name.endsWith('.ts') || fs.statSync(path.join(full, name)).isDirectory() ? sourceFiles(path.join(entry, name)) : []));
}

describe('every message the editor shows starts with "Spark Image:"', () => {
  it('each showInformationMessage / showWarningMessage / showErrorMessage names its source first', () => {
    const offenders: string[] = [];
    let calls = 0;
    for (const file of EDITOR_SIDE.flatMap(sourceFiles)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/window\s*\.show(?:Information|Warning|Error)Message\(\s*([^\n]{0,60})/g)) {
        calls += 1;
        const first = match[1];
        if (!first.startsWith('withSource(') && !/^vscode\.l10n\.t\(\s*'Spark Image: /.test(first)) {
          const line = text.slice(0, match.index).split('\n').length;
          offenders.push(`${path.relative(ROOT, file)}:${line}: ${first}`);
        }
      }
    }
    assert.ok(calls >= 30, `only ${calls} calls found: the scan lost its way`);
    assert.deepStrictEqual(offenders, [], `messages without "Spark Image:" first (wrap them in withSource from src/editor/l10n.ts):\n${offenders.join('\n')}`);
  });
});
