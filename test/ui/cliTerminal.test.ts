import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser } from 'playwright-core';
import { sniffImage } from '../../src/core/image/imageType';
import { MockServer, startMockServer } from '../mock/server';
import { launchChromium } from '../rig/browser';
import { PROJECT_ROOT } from '../rig/layout';
import { readmeShot } from './readmeShots';

const CLI = path.join(PROJECT_ROOT, 'dist', 'cli.js');
/** What the picture calls the folder the commands run in, instead of the run's temp folder. */
const SHOWN_FOLDER = '~/my-docs';

interface Session {
  command: string;
  code: number | null;
  output: string;
}

/** Runs the built CLI as a user does, stdout and stderr interleaved as a terminal shows them. */
function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Session> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const shown = args.map((arg) => (/[\s*]/.test(arg) ? `"${arg}"` : arg)).join(' ');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ command: `spark-image ${shown}`, code, output }));
  });
}

/** Colour and cursor codes, in case the CLI writes any: the picture shows plain text. */
// eslint-disable-next-line no-control-regex -- ESC is the character being matched
const ANSI_ESCAPES = /\x1b\[[0-9;]*[A-Za-z]/g;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A terminal window drawn in HTML: the prompt, each command and what it printed (a carriage return keeps the line's last state). */
function terminalHtml(sessions: Session[], folder: string, url: string): string {
  const lines: string[] = [];
  for (const session of sessions) {
    lines.push(`<span class="prompt">${SHOWN_FOLDER} $</span> <span class="command">${escapeHtml(session.command)}</span>`);
    const printed = session.output
      .split(folder).join(SHOWN_FOLDER)
      .split(url).join('https://cloud.vtrix.ai')
      .replace(ANSI_ESCAPES, '')
      .split('\n')
      .map((line) => line.split('\r').pop() ?? '')
      .filter((line, index, all) => line !== '' || index < all.length - 1);
    lines.push(...printed.map(escapeHtml));
  }
  lines.push(`<span class="prompt">${SHOWN_FOLDER} $</span> <span class="cursor"> </span>`);
  return `<!doctype html><html><head><style>
    body { margin: 0; padding: 24px; background: #e9ecf2; font-family: 'DejaVu Sans Mono', monospace; }
    .window { width: 1040px; border-radius: 10px; overflow: hidden; box-shadow: 0 8px 24px rgba(0,0,0,.25); background: #1f2430; }
    .bar { height: 30px; background: #2b3142; display: flex; align-items: center; padding-left: 12px; gap: 8px; color: #8fa1c7; font: 13px sans-serif; }
    .dot { width: 12px; height: 12px; border-radius: 50%; } .r { background: #ff5f57 } .y { background: #febc2e } .g { background: #28c840 }
    .title { margin-left: 12px; }
    pre { margin: 0; padding: 14px 18px 18px; color: #d7dce8; font-size: 13.5px; line-height: 1.5; white-space: pre-wrap; word-break: break-all; }
    .prompt { color: #7fd4a8; } .command { color: #ffffff; font-weight: bold; } .cursor { background: #d7dce8; }
  </style></head><body><div class="window"><div class="bar"><span class="dot r"></span><span class="dot y"></span><span class="dot g"></span><span class="title">bash — spark-image</span></div><pre>${lines.join('\n')}</pre></div></body></html>`;
}

describe('the CLI in a terminal (the README picture)', function () {
  this.timeout(90_000);
  let mock: MockServer;
  let browser: Browser | undefined;
  let folder: string;

  before(async () => {
    mock = await startMockServer({ defaultScenario: { queuedMs: 300, durationMs: 1500 } });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-cli-shot-'));
    fs.mkdirSync(path.join(folder, 'docs'));
    fs.writeFileSync(path.join(folder, 'docs', 'guide.md'), '# Guide\n\n<!-- spark-image: A paper plane over a blue sky {aspect=16:9} -->\n');
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await mock.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('generates an image, plans the docs, and the terminal picture shows both', async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: folder, SPARK_IMAGE_API_KEY: mock.apiKey };
    const generate = await runCli(folder, ['generate', 'a lighthouse at dawn', '--size', '1k-16:9', '--base-url', mock.baseUrl], env);
    assert.strictEqual(generate.code, 0, generate.output);
    const saved = /^(\/\S+\.png)$/m.exec(generate.output)?.[1];
    assert.ok(saved, `no saved file in:\n${generate.output}`);
    const info = sniffImage(fs.readFileSync(saved));
    assert.deepStrictEqual([info?.format, info?.width, info?.height], ['png', 1664, 936]);
    const plan = await runCli(folder, ['docs', 'docs/**/*.md', '--dry-run', '--base-url', mock.baseUrl], env);
    assert.strictEqual(plan.code, 0, plan.output);
    assert.match(plan.output, /docs\/guide\.md:3 .*A paper plane over a blue sky/);
    // Shown as the commands a user types: the real gateway, not the mock's loopback address.
    generate.command = generate.command.replace(` --base-url ${mock.baseUrl}`, '');
    plan.command = plan.command.replace(` --base-url ${mock.baseUrl}`, '');

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1088, height: 420 } });
    await page.setContent(terminalHtml([generate, plan], folder, mock.baseUrl));
    const text = await page.locator('pre').innerText();
    assert.ok(text.includes(`${SHOWN_FOLDER}/a-lighthouse-at-dawn-`), text);
    assert.ok(!text.includes(folder) && !text.includes(mock.baseUrl), 'the picture shows the run\'s temp folder or the mock');
    const height = await page.locator('.window').evaluate((element) => Math.ceil(element.getBoundingClientRect().bottom) + 24);
    await page.setViewportSize({ width: 1088, height });
    await readmeShot(page, 'cli-terminal');
  });
});
