import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ESTIMATE_TEMPLATE, estimateText, formatBilledUsd, formatUsd, priceNote } from '../../src/core/spend/pricing';

const ROOT = path.resolve(__dirname, '../../..');
/** The one home of written money. */
const HOME = 'src/core/spend/pricing.ts';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Ways of writing an amount by hand: "$" before a number, a number before "USD", cents by toFixed, the estimate's "≈". */
const HAND_WRITTEN_MONEY: ReadonlyArray<[string, RegExp]> = [
  ['a "$" before an interpolated amount', /\$\$\{/],
  ['a "$" glued to an amount', /['"`]\$['"`]\s*\+|\+\s*['"`]\$['"`]/],
  ['an amount followed by "USD"', /(\}|\{\d+\}|\))\s*USD\b/],
  ['an amount rounded by toFixed', /(cost|usd|price|spent|spend|amount|money|total)\w*\)?\.toFixed\(/i],
  ['the estimate\'s own "≈"', /≈/],
];

describe('one money format everywhere', () => {
  it('prices, limits and estimates in cents, an estimate marked as one', () => {
    assert.strictEqual(formatUsd(0.03), '$0.03');
    assert.strictEqual(formatUsd(0.06), '$0.06');
    assert.strictEqual(formatUsd(2), '$2.00');
    assert.strictEqual(estimateText(0.03), '≈ $0.03, estimated');
    assert.strictEqual(estimateText(0.21), '≈ $0.21, estimated');
    assert.strictEqual(estimateText(0.03, (message, ...args) => `[${message}|${args.join(',')}]`), `[${ESTIMATE_TEMPLATE}|$0.03]`, 'the editor and the studio page translate one template');
    assert.strictEqual(priceNote(), '$0.03 per 1K image (assumed), $0.06 above 1328×1328 (assumed)');
  });

  it('billed amounts as the API reports them: at least cents, every reported digit, no float noise', () => {
    assert.strictEqual(formatBilledUsd(0.03), '$0.03');
    assert.strictEqual(formatBilledUsd(0.0315), '$0.0315');
    assert.strictEqual(formatBilledUsd(0.03 * 8), '$0.24');
    assert.strictEqual(formatBilledUsd(0.1 + 0.2), '$0.30');
    assert.strictEqual(formatBilledUsd(0), '$0.00');
    assert.strictEqual(formatBilledUsd(1.5), '$1.50');
    assert.strictEqual(formatBilledUsd(12), '$12.00');
  });

  it(`no file in src/ but ${HOME} writes money by hand`, () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      const relative = path.relative(ROOT, file).split(path.sep).join('/');
      if (relative === HOME) {
        continue;
      }
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const code = line.trim();
          // Comments explain the format; log lines are for maintainers, not a money moment.
          if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*') || /\blogger\.\w+\(/.test(code)) {
            return;
          }
          for (const [what, pattern] of HAND_WRITTEN_MONEY) {
            if (pattern.test(line)) {
              offenders.push(`${relative}:${index + 1}: ${what}: ${code.slice(0, 140)}`);
            }
          }
        });
    }
    assert.deepStrictEqual(offenders, [], `money written outside ${HOME} (use formatUsd, formatBilledUsd or estimateText):\n${offenders.join('\n')}`);
  });
});
