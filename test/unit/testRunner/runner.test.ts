import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { keepExtensionLogs } from '../../rig/keepLogs';
import { copyWorkspace } from '../../rig/workspace';
import { cleanNpmEnv } from '../../rig/npmProject';
import { workbenchUrl } from '../../rig/workbenchUrl';
import { addResults, crashed, settle } from '../../run/results';

describe('test runner', () => {
  describe('settle', () => {
    it('counts a test process that reported nothing as one failure', () => {
      assert.deepStrictEqual(settle('host', undefined, 'exited with code 1'), crashed('host (no results)', 'exited with code 1'));
    });

    it('fails a layer whose process ended badly even if every reported test passed', () => {
      const result = settle('ui', { passed: 3, failed: 0, failures: [] }, 'did not finish within 600 s');
      assert.strictEqual(result.passed, 3);
      assert.strictEqual(result.failed, 1);
      assert.match(result.failures[0].error, /did not finish/);
    });

    it('keeps the reported counts when the process ended cleanly', () => {
      const reported = { passed: 2, failed: 1, failures: [{ title: 't', error: 'e' }] };
      assert.deepStrictEqual(settle('unit', reported, undefined), reported);
    });
  });

  it('adds layer results into totals', () => {
    const total = addResults({ passed: 2, failed: 0, failures: [] }, crashed('x', 'y'));
    assert.deepStrictEqual([total.passed, total.failed, total.failures.length], [2, 1, 1]);
  });

  it('names the payload paths with the page authority, as the workbench requires', () => {
    const url = new URL(workbenchUrl({ authority: '127.0.0.1:4000', folder: '/tmp/ws', extensionDevelopmentPath: '/ext', extensionTestsPath: '/ext/out/test/host/index.js' }));
    assert.strictEqual(url.host, '127.0.0.1:4000');
    assert.strictEqual(url.searchParams.get('folder'), '/tmp/ws');
    const payload = new Map(JSON.parse(url.searchParams.get('payload') ?? '[]') as [string, string][]);
    assert.strictEqual(payload.get('extensionDevelopmentPath'), 'vscode-remote://127.0.0.1:4000/ext');
    assert.strictEqual(payload.get('extensionTestsPath'), 'vscode-remote://127.0.0.1:4000/ext/out/test/host/index.js');
  });

  it("drops npm's exported settings before installing the rig with another Node", () => {
    const env = cleanNpmEnv({ PATH: '/bin', npm_config_user_agent: 'npm/11 node/v20', npm_config_nodedir: '/usr', NODE: '/usr/bin/node', HOME: '/root' });
    assert.deepStrictEqual(env, { PATH: '/bin', HOME: '/root' });
  });
  it("keeps each window's Spark Image log, oldest first, and nothing else", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-keep-'));
    try {
      const write = (relative: string, text: string, mtime: number) => {
        const file = path.join(root, 'user-data', 'logs', relative);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        fs.utimesSync(file, mtime, mtime);
      };
      write('20261125T1/window1/exthost/output_logging_2/2-Spark Image.log', 'second window', 2000);
      write('20261125T1/window1/exthost/output_logging_1/1-Spark Image.log', 'first window', 1000);
      write('20261125T1/window1/exthost/exthost.log', 'not ours', 1500);
      const kept = keepExtensionLogs(path.join(root, 'user-data'), root, 'run');
      assert.deepStrictEqual(kept.map((file) => [path.basename(file), fs.readFileSync(file, 'utf8')]), [
        ['run.spark-1.log', 'first window'],
        ['run.spark-2.log', 'second window'],
      ]);
      assert.deepStrictEqual(keepExtensionLogs(path.join(root, 'no-such-dir'), root, 'none'), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('merges several fixture folders into one workspace, later ones adding files', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-ws-'));
    try {
      for (const [folder, name] of [['a', 'notes.md'], ['b', 'guide.md']]) {
        fs.mkdirSync(path.join(root, folder));
        fs.writeFileSync(path.join(root, folder, name), folder);
      }
      copyWorkspace(path.join(root, 'workspace'), [path.join(root, 'a'), path.join(root, 'b')]);
      assert.deepStrictEqual(fs.readdirSync(path.join(root, 'workspace')).sort(), ['guide.md', 'notes.md']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
