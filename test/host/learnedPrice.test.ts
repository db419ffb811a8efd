import * as assert from 'assert';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import type { generateTool, resumeTool } from '../../src/editor/agentTool/imageTools';
import { mockEnv } from './mockEnv';
import { configure, EXTENSION_ID, FAST_TASK, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { answerEveryModal } from './standIn';
import { waitFor } from './waitFor';

type Tools = { generateTool: typeof generateTool; resumeTool: typeof resumeTool };

/** A gateway that bills another price than the assumption: the mock, with `usage.cost` rewritten. */
async function billingProxy(cost: () => string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host' && entry[0] !== 'content-length'));
      const answer = await fetch(`${mockEnv().baseUrl}${req.url ?? ''}`, { method: req.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
      let text = await answer.text();
      try {
        const body = JSON.parse(text) as { usage?: Record<string, unknown> };
        if (body.usage) {
          // Only the bill's cost: no unit price or token count the client could read a cost from instead.
          body.usage = { cost: cost(), quantity: body.usage.quantity, generated_images: body.usage.generated_images };
          text = JSON.stringify(body);
        }
      } catch {
        // Not JSON: passed on as it is.
      }
      res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function generateIn(file: string, prompt: string): Promise<unknown> {
  const uri = await writeText(file, 'Text.\n');
  await openAt(uri, 5);
  return vscode.commands.executeCommand('sparkImage.generate', { prompt, size: '1k-1:1', seed: 7 });
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '');
}

describe('the unit price learned from the bill (sparkImage.learnedPrices, sparkImage.price)', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  const none = new vscode.CancellationTokenSource().token;
  let api: TestingApi;
  let tools: Tools;
  let proxy: Awaited<ReturnType<typeof billingProxy>>;
  let billed = '0.0500';

  before(async () => {
    api = spark();
    proxy = await billingProxy(() => billed);
    await configure({ apiBaseUrl: proxy.url, spendLimit: undefined });
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the tools' own bundle, as the extension loads it
    tools = require(path.join(extension.extensionPath, 'dist', 'agentTool.js')) as Tools;
  });
  after(async () => {
    // Leave the price the other suites expect: one more bill at the mock's own $0.03.
    billed = '0.0300';
    await configure({ spendLimit: undefined, price: undefined });
    await generateIn('docs/price-restore.md', 'back to the usual price');
    await configure({ apiBaseUrl: mockEnv().baseUrl });
    await proxy.close();
  });

  /** The spend guard's question for the next 1K image, declined: what it says this image costs. */
  async function spendQuestion(file: string): Promise<string> {
    await configure({ spendLimit: Math.round(api.service.spentUsd * 100) / 100 });
    const questions = answerEveryModal('showWarningMessage', () => undefined);
    try {
      assert.strictEqual(await generateIn(file, 'past the limit'), undefined, 'declined');
      assert.strictEqual(questions.asked.length, 1, 'the spend guard asked');
      return String(questions.asked[0].options.detail);
    } finally {
      questions.restore();
      await configure({ spendLimit: undefined });
    }
  }

  it('after a task billed $0.05, the next estimates say ≈ $0.05, estimated: the spend guard, the agent tool and the CodeLens', async () => {
    billed = '0.0500';
    assert.ok(await generateIn('docs/price-1.md', 'billed at another price'), 'generated');

    const detail = await spendQuestion('docs/price-2.md');
    assert.ok(detail.includes('This image costs ≈ $0.05, estimated'), detail);

    const prepared = await tools.generateTool(api.service, api.pending).prepareInvocation!({ input: { prompt: 'a fox', size: '1k-1:1' } }, none);
    assert.match(String(prepared?.confirmationMessages?.message), /Cost: ≈ \$0\.05, estimated/);
    const large = await tools.generateTool(api.service, api.pending).prepareInvocation!({ input: { prompt: 'a fox', size: '2k-1:1' } }, none);
    assert.match(String(large?.confirmationMessages?.message), /Cost: ≈ \$0\.06, estimated/, 'no 2K bill yet: the assumption');

    const doc = await writeText('docs/price-lens.md', '# Price\n\n<!-- spark-image: a priced fox {size=1024x1024} -->\n');
    await vscode.window.showTextDocument(doc);
    const title = await waitFor('a Generate lens', async () => (await lensTitles(doc)).find((candidate) => candidate.includes('Generate')));
    assert.ok(title.includes('(≈ $0.05, estimated)'), title);
  });

  it('a tiny bill shows in the estimate, yet the spend limit still counts the assumed price', async () => {
    billed = '0.0010';
    assert.ok(await generateIn('docs/price-3.md', 'billed almost nothing'), 'generated');
    // Room for $0.02 more: a $0.001 image would fit, a $0.03 one does not.
    await configure({ spendLimit: Math.round((api.service.spentUsd + 0.02) * 100) / 100 });
    const questions = answerEveryModal('showWarningMessage', () => undefined);
    try {
      assert.strictEqual(await generateIn('docs/price-4.md', 'counted at the assumption'), undefined);
      assert.strictEqual(questions.asked.length, 1, 'the limit asked: a tiny bill does not switch it off');
      assert.ok(String(questions.asked[0].options.detail).includes('≈ $0.00, estimated'), String(questions.asked[0].options.detail));
    } finally {
      questions.restore();
      await configure({ spendLimit: undefined });
    }
  });

  it('sparkImage.price, set by the user, wins over the bill', async () => {
    billed = '0.0500';
    assert.ok(await generateIn('docs/price-5.md', 'billed again'), 'generated');
    await configure({ price: { '1k': 0.02 } });
    try {
      const prepared = await tools.generateTool(api.service, api.pending).prepareInvocation!({ input: { prompt: 'a fox', size: '1k-1:1' } }, none);
      assert.match(String(prepared?.confirmationMessages?.message), /Cost: ≈ \$0\.02, estimated/);
    } finally {
      await configure({ price: undefined });
    }
  });
});
