import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MockServer, startMockServer } from '../mock/server';
import { CLI, runProcess } from './cliProcess';

const ROOT = path.resolve(__dirname, '../../..');
const KEY = 'sk-skill-commands-4c2e8a';

interface SkillLine {
  command: string;
  exit: number;
}

function skillText(): string {
  return fs.readFileSync(path.join(ROOT, 'SKILL.md'), 'utf8');
}

/** Every line of every sh block of SKILL.md; "# exit N" says the exit code it documents (else 0). */
function skillCommands(): SkillLine[] {
  const blocks = [...skillText().matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exit = /\s+#\s*exit\s+(\d+)\s*$/.exec(line);
      return { command: line.replace(/\s+#.*$/, ''), exit: exit ? Number(exit[1]) : 0 };
    });
}

/** The directive SKILL.md shows, written into the test's docs as an agent would copy it. */
function skillDirective(): string {
  const block = /```markdown\n([\s\S]*?)```/.exec(skillText())?.[1];
  assert.ok(block, 'SKILL.md shows no directive');
  return block.trim();
}

describe('SKILL.md: every command it shows runs as written (against the mock)', function () {
  this.timeout(60_000);
  let mock: MockServer;
  let dir: string;
  let bin: string;

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: KEY, defaultScenario: { queuedMs: 0, durationMs: 0 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-skill-'));
    fs.mkdirSync(path.join(dir, 'docs/images'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'docs/guide.md'), `# Guide\n\n${skillDirective()}\n`);
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-bin-'));
    fs.writeFileSync(path.join(bin, 'spark-image'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  });
  after(async () => {
    await mock.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('shows generate, docs --dry-run, docs --check and a --json run', () => {
    const commands = skillCommands().map((line) => line.command);
    for (const wanted of [/^spark-image generate .*--json/, /^spark-image docs --dry-run$/, /^spark-image docs --dry-run --json$/, /^spark-image docs --check$/, /^spark-image docs$/]) {
      assert.ok(commands.some((command) => wanted.test(command)), `SKILL.md shows no ${wanted}`);
    }
  });

  it('each command exits as SKILL.md says, in order, through a real shell; the --json it describes is what comes out', async () => {
    for (const { command, exit } of skillCommands()) {
      const before = mock.counts.creates;
      const result = await runProcess('/bin/sh', ['-c', command], { cwd: dir, env: { PATH: `${bin}:${process.env.PATH ?? ''}`, SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl } });
      assert.strictEqual(result.code, exit, `${command}\n${result.stderr}`);
      if (/--dry-run/.test(command)) {
        assert.strictEqual(mock.counts.creates, before, `${command} sent nothing`);
      }
      const count = /--count (\d+)/.exec(command);
      if (/^spark-image generate .*--json/.test(command) && count) {
        const report = JSON.parse(result.stdout) as { images: Array<{ path: string; provenance: { seed: number } }>; costUsd: number };
        assert.strictEqual(report.images.length, Number(count[1]));
        report.images.forEach((image) => assert.ok(fs.existsSync(image.path), image.path));
        assert.strictEqual(new Set(report.images.map((image) => image.provenance.seed)).size, Number(count[1]), 'a seed each');
        assert.strictEqual(report.costUsd, Number((0.03 * Number(count[1])).toFixed(2)));
      } else if (/^spark-image generate .*--json/.test(command)) {
        const { path: saved, provenance } = JSON.parse(result.stdout) as { path: string; provenance: Record<string, unknown> };
        assert.ok(fs.existsSync(saved), saved);
        assert.strictEqual(typeof provenance.seed, 'number');
        assert.strictEqual(provenance.costUsd, 0.03);
        assert.strictEqual(provenance.taskId, mock.tasks[mock.tasks.length - 1].id);
      }
      if (/^spark-image docs --dry-run --json/.test(command)) {
        const report = JSON.parse(result.stdout) as { generate: number; estimatedCostUsd: number; items: Array<Record<string, unknown>> };
        assert.strictEqual(report.generate, 1);
        assert.strictEqual(report.estimatedCostUsd, 0.03);
        assert.deepStrictEqual(Object.keys(report.items[0]).filter((key) => ['file', 'line', 'status', 'prompt'].includes(key)).sort(), ['file', 'line', 'prompt', 'status']);
      }
    }
    assert.match(fs.readFileSync(path.join(dir, 'docs/guide.md'), 'utf8'), /\n!\[A fox with a map\]\(images\/[^)]+\.png\)/, 'docs linked the directive\'s image with its alt text');
  });
});
