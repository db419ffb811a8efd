import * as assert from 'assert';
import { directiveCostUsd, directiveSize, estimateDirectivesUsd } from '../../src/core/directives/directiveCost';
import { parseDirectives } from '../../src/core/directives/directives';
import { linkSpan } from '../../src/core/directives/directiveLinks';
import { SparkError } from '../../src/core/spec/errors';
import type { BatchOutcome } from '../../src/core/job/batch';
import { BatchFailure, plannedSummary, tallyOutcomes } from '../../src/directives/run/batchSummary';
import { needsRecordedSeed, seedFor } from '../../src/directives/run/seedMode';

const SQUARE = { width: 1328, height: 1328 };

describe('directive runs (the pure parts of the runner)', () => {
  it('seed modes: the directive’s seed, a new random one, or the one recorded in the image', () => {
    assert.strictEqual(seedFor('generate', 42, 7), 42);
    assert.strictEqual(seedFor('generate', undefined, 7), undefined, 'no seed in the directive: the settings decide');
    assert.strictEqual(seedFor('regenerate', 42, 7), -1);
    assert.strictEqual(seedFor('sameSeed', 42, 7), 7);
    assert.strictEqual(seedFor('sameSeed', 42, undefined), undefined);
    assert.deepStrictEqual((['generate', 'regenerate', 'sameSeed'] as const).map(needsRecordedSeed), [false, false, true]);
  });

  it('the link place: the image a directive manages, else the empty span right after the comment', () => {
    const text = '<!-- spark-image: a -->\n\n![a](a.png)\n\n<!-- spark-image: b -->\nText.\n';
    const [a, b] = parseDirectives(text);
    const spanA = linkSpan(a);
    assert.strictEqual(text.slice(spanA.start, spanA.end), '![a](a.png)');
    assert.deepStrictEqual(linkSpan(b), { start: b.end, end: b.end });
  });

  it('costs: the directive’s own size, else the default one; nothing for a directive with problems', () => {
    const [sized, bare] = parseDirectives('<!-- spark-image: a {size=2k-16:9} -->\n<!-- spark-image: b -->\n<!-- spark-image: c {size=5x5} -->');
    assert.deepStrictEqual(directiveSize(sized.request ?? assert.fail('invalid'), SQUARE), { width: 2560, height: 1440 });
    assert.deepStrictEqual(directiveSize(bare.request ?? assert.fail('invalid'), SQUARE), SQUARE);
    assert.strictEqual(directiveCostUsd(bare.request, { width: 2048, height: 2048 }), 0.06);
    assert.strictEqual(directiveCostUsd(undefined, SQUARE), 0);
    const all = parseDirectives('<!-- spark-image: a {size=2k-16:9} -->\n<!-- spark-image: b -->\n<!-- spark-image: c {size=5x5} -->');
    assert.strictEqual(all[2].request, undefined, 'the size 5x5 is refused');
    assert.strictEqual(estimateDirectivesUsd(all.map((directive) => ({ request: directive.request, fallback: SQUARE }))), 0.09);
  });

  it('a batch’s tally: images, cancellations, what was not sent and why, and each failure described', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const aborted = Object.assign(new Error('stopped'), { name: 'AbortError' });
    const keyRefused = new SparkError('auth', 'The API key was refused.');
    const outcomes: Array<BatchOutcome<string | undefined>> = [
      { status: 'fulfilled', value: 'image a' },
      { status: 'fulfilled', value: undefined },
      { status: 'skipped' },
      { status: 'rejected', error: aborted },
      { status: 'rejected', error: Object.assign(new Error('too big'), { code: '100100006' }) },
      { status: 'notSent', reason: keyRefused },
      { status: 'notSent', reason: new Error('a later reason') },
    ];
    const summary = plannedSummary(items.length, 0.21);
    const described: string[] = [];
    tallyOutcomes(summary, items, outcomes, (item, message, code): BatchFailure => {
      described.push(item);
      return { file: 'doc.md', line: items.indexOf(item) + 1, prompt: item, message, code };
    });
    assert.deepStrictEqual(described, ['e']);
    assert.deepStrictEqual(summary, {
      planned: 7,
      generated: 1,
      failed: [{ file: 'doc.md', line: 5, prompt: 'e', message: 'too big', code: '100100006' }],
      invalid: [],
      cancelled: 3,
      notSent: 2,
      stoppedBecause: 'The API key was refused.',
      estimatedCostUsd: 0.21,
      confirmed: true,
    });
  });
});
