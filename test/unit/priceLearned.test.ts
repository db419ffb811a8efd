import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { capCostUsd, estimateCostUsd, estimateText, parsePrices, priceNote, pricesFromObject, unitPriceFromBill } from '../../src/core/spend/pricing';
import { PriceStore } from '../../src/node/priceStore';
import { MockServer, startMockServer } from '../mock/server';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-price-test-0b7e41';

describe('unit prices: assumed until a bill says otherwise', () => {
  it('learns the last bill per quality class, divided by the images; null, "", 0 or not finite teach nothing', () => {
    assert.deepStrictEqual(unitPriceFromBill('0.0900', 2, 1024, 1024), { quality: '1k', unitUsd: 0.045 });
    assert.deepStrictEqual(unitPriceFromBill(0.08, 1, 2048, 2048), { quality: '2k', unitUsd: 0.08 });
    for (const cost of [null, undefined, '', ' ', 0, '0', '0.0000', Number.NaN, Number.POSITIVE_INFINITY, 'free', -1]) {
      assert.strictEqual(unitPriceFromBill(cost, 1, 1024, 1024), undefined, JSON.stringify(cost));
    }
    assert.strictEqual(unitPriceFromBill('0.03', 0, 1024, 1024), undefined, 'no image, no unit price');
  });

  it('estimates use the price set, else the one learned, else the assumption; caps never go below the assumption', () => {
    assert.strictEqual(estimateCostUsd(1024, 1024), 0.03);
    assert.strictEqual(estimateCostUsd(2048, 2048), 0.06);
    assert.strictEqual(estimateCostUsd(1024, 1024, { learned: { '1k': 0.05 } }), 0.05);
    assert.strictEqual(estimateCostUsd(1024, 1024, { learned: { '1k': 0.05 }, explicit: { '1k': 0.02 } }), 0.02);
    assert.strictEqual(capCostUsd(1024, 1024, { learned: { '1k': 0.05 } }), 0.05, 'a higher bill raises the cap');
    assert.strictEqual(capCostUsd(1024, 1024, { learned: { '1k': 0.001 } }), 0.03, 'a tiny bill cannot switch a cap off');
    assert.strictEqual(estimateCostUsd(1024, 1024, { learned: { '1k': 0.001 } }), 0.001, 'but the estimate shows what was billed');
    assert.strictEqual(capCostUsd(1024, 1024, { explicit: { '1k': 0.01 } }), 0.01, 'a price the user set is theirs');
  });

  it('says an estimate is one, and where its price comes from', () => {
    assert.strictEqual(estimateText(0.03), '≈ $0.03, estimated');
    assert.strictEqual(priceNote({ learned: { '2k': 0.07 } }), '$0.03 per 1K image (assumed), $0.07 above 1328×1328 (from the last bill)');
  });

  it('reads --price and the setting', () => {
    assert.deepStrictEqual(parsePrices('1k=0.03,2k=0.06'), { '1k': 0.03, '2k': 0.06 });
    assert.deepStrictEqual(parsePrices('2K = $0.1'), { '2k': 0.1 });
    for (const bad of ['', '1k', '3k=0.1', '1k=0', '1k=-1', '1k=cheap']) {
      assert.strictEqual(parsePrices(bad), 'invalid', bad);
    }
    assert.deepStrictEqual(pricesFromObject({ '1k': 0.04, '2k': 'x' }), { '1k': 0.04 });
  });

  it('the state folder remembers what a bill taught, for the next run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-prices-'));
    try {
      const store = new PriceStore(path.join(dir, 'state'));
      assert.deepStrictEqual(store.learned(), {});
      assert.strictEqual(store.learnFromBill(null, 1, 1024, 1024), undefined);
      assert.strictEqual(store.learnFromBill('0.0500', 1, 1024, 1024), '1k');
      assert.strictEqual(store.learnFromBill('0.1400', 2, 2048, 2048), '2k');
      assert.deepStrictEqual(new PriceStore(path.join(dir, 'state')).learned(), { '1k': 0.05, '2k': 0.07 });
      fs.writeFileSync(store.file, '{torn');
      assert.deepStrictEqual(store.learned(), {}, 'an unreadable file is no lesson: the assumption applies');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A gateway that bills another price than the assumption: the mock, with `usage.cost` rewritten. */
async function billingProxy(mock: MockServer, cost: () => string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const answer = await fetch(`${mock.baseUrl}${req.url ?? ''}`, { method: req.method, headers: req.headers as Record<string, string>, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
      let text = await answer.text();
      const body = JSON.parse(text) as { usage?: Record<string, unknown> };
      if (body.usage) {
        // Only the bill's cost: no token count or unit price the client could read a cost from instead.
        body.usage = { cost: cost(), quantity: body.usage.quantity, generated_images: body.usage.generated_images };
        text = JSON.stringify(body);
      }
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('spark-image learns the price from the bill, across runs (dist/cli.js, a shared SPARK_IMAGE_STATE_DIR)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let proxy: Awaited<ReturnType<typeof billingProxy>>;
  let dir: string;
  let billed = '0.0500';

  const run = (args: string[]): Promise<Run> =>
    runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: proxy.url, SPARK_IMAGE_STATE_DIR: path.join(dir, '.state') } });

  /** Every amount said before a bill carries "estimated"; none is "about" a price. */
  function everyEstimateSaysSo(result: Run): void {
    const lines = `${result.stdout}\n${result.stderr}`.split('\n');
    for (const line of lines.filter((candidate) => /≈|estimat/i.test(candidate))) {
      assert.match(line, /≈ \$\d+\.\d\d, estimated/, line);
    }
    assert.doesNotMatch(result.stderr + result.stdout, /about \$/);
  }

  before(async () => {
    mock = await startMockServer({ apiKey: KEY });
    proxy = await billingProxy(mock, () => billed);
  });
  after(async () => {
    await proxy.close();
    await mock.close();
  });
  beforeEach(() => {
    mock.reset();
    mock.setScenario({ default: { queuedMs: 0, durationMs: 60 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-price-run-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the first run estimates the assumption; after a bill of $0.05 the next run estimates and caps at $0.05', async () => {
    const first = await run(['generate', 'a paper kite', '--size', '512x512', '--seed', '1']);
    assert.strictEqual(first.code, 0, first.stderr);
    assert.match(first.stderr, /task \S+ created .* · ≈ \$0\.03, estimated/);
    everyEstimateSaysSo(first);

    const second = await run(['generate', 'a paper kite', '--size', '512x512', '--seed', '2']);
    assert.strictEqual(second.code, 0, second.stderr);
    assert.match(second.stderr, /task \S+ created .* · ≈ \$0\.05, estimated/, 'the billed price, learned by the first run');
    everyEstimateSaysSo(second);

    fs.writeFileSync(path.join(dir, 'guide.md'), '<!-- spark-image: a paper kite {size=512x512} -->\n');
    const plan = await run(['docs', '--dry-run']);
    assert.match(plan.stdout, /1 image\(s\) to generate, ≈ \$0\.05, estimated \(\$0\.05 per 1K image \(from the last bill\), \$0\.06 above 1328×1328 \(assumed\)\)/, plan.stdout + plan.stderr);
    everyEstimateSaysSo(plan);

    const creates = mock.counts.creates;
    const capped = await run(['generate', 'a paper kite', '--size', '512x512', '--max-cost', '0.04']);
    assert.strictEqual(capped.code, 2, capped.stderr);
    assert.match(capped.stderr, /This image would cost ≈ \$0\.05, estimated, above the limit of \$0\.04/);
    assert.strictEqual(mock.counts.creates, creates, 'nothing sent');
    everyEstimateSaysSo(capped);
  });

  it('a tiny bill never switches a cap off, and a bill without a cost teaches nothing', async () => {
    billed = '0.0010';
    assert.strictEqual((await run(['generate', 'a paper kite', '--size', '512x512'])).code, 0);
    billed = '';
    const unbilled = await run(['generate', 'a paper kite', '--size', '512x512']);
    assert.strictEqual(unbilled.code, 0, unbilled.stderr);
    assert.match(unbilled.stderr, /· ≈ \$0\.00, estimated/, 'the tiny bill was learned');
    fs.writeFileSync(path.join(dir, 'guide.md'), '<!-- spark-image: a paper kite {size=512x512} -->\n');
    const after = await run(['docs', '--dry-run']);
    assert.match(after.stdout, /\(\$0\.00 per 1K image \(from the last bill\)/, 'a bill without a cost taught nothing: ' + after.stdout);
    const capped = await run(['generate', 'a paper kite', '--size', '512x512', '--max-cost', '0.02']);
    assert.strictEqual(capped.code, 2, capped.stderr);
    assert.match(capped.stderr, /≈ \$0\.03, estimated, above the limit of \$0\.02/);
    const shown = await run(['generate', 'a paper kite', '--size', '512x512', '--price', '1k=0.04']);
    assert.match(shown.stderr, /· ≈ \$0\.04, estimated/, '--price sets it');
    billed = '0.0500';
  });
});
