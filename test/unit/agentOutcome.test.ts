import * as assert from 'assert';
import { agentOutcome, failureText, linkPathFrom, outcomeText } from '../../src/core/agent/agentOutcome';
import { imageRecord, imagesResult } from '../../src/core/agent/agentStructured';
import { checkRequest } from '../../src/core/spec/validation';
import { SparkError } from '../../src/core/spec/errors';

const made = { prompt: 'linked fox', seed: 4, width: 1664, height: 936, costUsd: 0.03 as number | undefined, taskId: 'task_1' };
const delivered = { image: 'docs/images/linked-fox-4.png', inserted: true, generated: { info: {}, provenance: made } };

describe('agent outcome (one for the LM tool and the MCP server)', () => {
  it('links relative to the document the agent named, not to the workspace root', () => {
    const outcome = agentOutcome({ ...delivered, document: 'docs/guide.md' });
    assert.strictEqual(outcome.path, 'docs/images/linked-fox-4.png', 'the saved path stays workspace-relative');
    assert.strictEqual(outcome.link, '![linked fox](images/linked-fox-4.png)');
    assert.strictEqual(outcome.insertedInto, 'docs/guide.md');
    assert.strictEqual(agentOutcome({ ...delivered, document: 'notes/deep/a.md' }).link, '![linked fox](../../docs/images/linked-fox-4.png)');
  });

  it('links from the workspace root without a document, and says nothing was inserted', () => {
    const outcome = agentOutcome({ ...delivered, inserted: false });
    assert.strictEqual(outcome.link, '![linked fox](docs/images/linked-fox-4.png)');
    assert.strictEqual(outcome.insertedInto, undefined);
    assert.strictEqual(agentOutcome({ ...delivered, document: 'docs/guide.md', inserted: false }).insertedInto, undefined);
  });

  it('reports the size the bytes tell, else the one asked for', () => {
    const measured = agentOutcome({ ...delivered, generated: { info: { width: 1660, height: 930 }, provenance: made } });
    assert.deepStrictEqual([measured.width, measured.height], [1660, 930]);
    const asked = agentOutcome(delivered);
    assert.deepStrictEqual([asked.width, asked.height, asked.seed], [1664, 936, 4]);
  });

  it('takes the same frame for absolute paths, as the MCP link placer gives them', () => {
    assert.strictEqual(linkPathFrom('/ws/docs/guide.md', '/ws/docs/images/a.png'), 'images/a.png');
    assert.strictEqual(linkPathFrom('/ws/README.md', '/ws/images/a.png'), 'images/a.png');
    assert.strictEqual(linkPathFrom('README.md', 'images/a.png'), 'images/a.png');
  });

  it('uses the agent’s alt text, an unknown seed reads "unknown", and the text has every line an agent cites', () => {
    const text = outcomeText(agentOutcome({ ...delivered, document: 'docs/guide.md', alt: 'A fox', generated: { info: {}, provenance: { ...made, seed: -1, costUsd: undefined } } }));
    assert.deepStrictEqual(text.split('\n'), [
      'saved: docs/images/linked-fox-4.png',
      'markdown: ![A fox](images/linked-fox-4.png)',
      'seed: unknown',
      'size: 1664x936',
      'billed cost: not reported by the service',
      'task id: task_1',
      'link inserted into: docs/guide.md',
    ]);
  });

  it('tells a failure by shape: the message, the seed’s code, and how to finish a kept task', () => {
    const error = new SparkError('validation', 'Prompt too long.', { code: '003001001' });
    assert.strictEqual(failureText(error, undefined, 'never shown'), 'Prompt too long. (code 003001001)');
    // An error from another bundle is a different class with the same shape.
    const foreign = { message: 'Timed out.', code: 'timeout' };
    assert.strictEqual(failureText(foreign, 'task_9', 'call resume.'), 'Timed out. (code timeout)\ntask id: task_9. The task is kept pending: call resume.');
    assert.strictEqual(failureText('plain', undefined, ''), 'plain');
  });

  it('gives the 9-digit code once: a rule’s message that ends with it gets no second one', () => {
    let thrown: unknown;
    try {
      checkRequest({ prompt: 'x', width: 3000, height: 500 });
    } catch (error) {
      thrown = error;
    }
    const text = failureText(thrown, undefined, '');
    assert.strictEqual(text.split('003002006').length, 2, text);
    assert.match(text, /\[003002006 Invalid aspect ratio\]$/);
  });

  it('structured: one record per image with null for what the service did not say; the total is null unless every cost is known', () => {
    const outcome = agentOutcome({ ...delivered, generated: { info: { width: 1660, height: 930 }, provenance: { ...made, seed: -1, costUsd: undefined } } });
    const record = imageRecord(outcome);
    assert.deepStrictEqual(record, { path: 'docs/images/linked-fox-4.png', markdown: '![linked fox](docs/images/linked-fox-4.png)', seed: null, width: 1660, height: 930, costUsd: null, taskId: 'task_1', prompt: 'linked fox' });
    assert.deepStrictEqual(imagesResult([record]), { images: [record], costUsd: null });
    const billed = imageRecord(agentOutcome(delivered));
    assert.strictEqual(imagesResult([billed, { ...billed, costUsd: 0.06 }]).costUsd, 0.09);
  });
});
