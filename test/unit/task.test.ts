import * as assert from 'assert';
import { describeCode, normalizeCode, sanitizeServerText } from '../../src/core/spec/errors';
import { parseTask } from '../../src/core/api/task';
import { mapStatus } from '../../src/core/api/taskStatus';

describe('task answers (tolerant where the seed is silent)', () => {
  it('maps every status word family onto four states, and others to unknown', () => {
    const families: Record<string, string[]> = {
      queued: ['pending', 'queued', 'submitted', 'QUEUED'],
      running: ['processing', 'running', 'in_progress', 'In Progress'],
      completed: ['completed', 'succeeded', 'success'],
      failed: ['failed', 'error', 'cancelled'],
    };
    for (const [state, words] of Object.entries(families)) {
      for (const word of words) {
        assert.strictEqual(mapStatus(word), state, word);
      }
    }
    assert.strictEqual(mapStatus('warming_up'), 'unknown');
    assert.strictEqual(mapStatus(undefined), 'unknown');
  });

  it('reads a bare task and a wrapped one, with any of the three id fields', () => {
    assert.strictEqual(parseTask({ id: 'a', status: 'queued' })?.id, 'a');
    assert.strictEqual(parseTask({ task_id: 'b', status: 'queued' })?.id, 'b');
    assert.strictEqual(parseTask({ taskId: 'c', status: 'queued' })?.id, 'c');
    const wrapped = parseTask({ code: 0, message: 'success', data: { task_id: 'd', status: 'submitted' } });
    assert.strictEqual(wrapped?.id, 'd');
    assert.strictEqual(wrapped?.status, 'queued');
    assert.strictEqual(parseTask('not an object'), undefined);
  });

  it('collects every image of a completed task with cost as a number and the job id', () => {
    const task = parseTask({
      id: 't',
      status: 'completed',
      output: [{ content: [{ type: 'image', url: 'https://x/1.png', size: 10, jobId: 'j1' }, { type: 'text', url: 'https://x/ignored' }] }, { content: [{ type: 'image', url: 'https://x/2.png' }], jobId: 'j2' }],
      usage: { cost: '0.0300', discount: 0.5, input_tokens: 0, output_tokens: 0, total_tokens: 7, generated_images: 2 },
    });
    assert.ok(task);
    assert.deepStrictEqual(task.images, [
      { url: 'https://x/1.png', size: 10, jobId: 'j1' },
      { url: 'https://x/2.png', size: undefined, jobId: 'j2' },
    ]);
    assert.strictEqual(task.jobId, 'j1');
    assert.deepStrictEqual(task.usage, { costUsd: 0.03, discount: 0.5, generatedImages: 2, totalTokens: 7 });
  });

  it('reads the error of a failed task in integer and string form, always as the 9-digit code', () => {
    const integer = parseTask({ id: 't', status: 'failed', error: { code: 3002095, error_message: 'boom' } });
    const string = parseTask({ id: 't', status: 'failed', error: { code: '003002095' } });
    assert.deepStrictEqual(integer?.error, { code: '003002095', message: 'boom' });
    assert.deepStrictEqual(string?.error, { code: '003002095', message: undefined });
  });

  it('normalizes codes: documented ones padded, unknown ones verbatim', () => {
    assert.strictEqual(normalizeCode(3002005), '003002005');
    assert.strictEqual(normalizeCode('3002099'), '003002099');
    assert.strictEqual(normalizeCode(' 003002001 '), '003002001');
    assert.strictEqual(normalizeCode(401), '401');
    assert.strictEqual(normalizeCode('E_QUOTA'), 'E_QUOTA');
    assert.strictEqual(normalizeCode(undefined), undefined);
    assert.strictEqual(describeCode('003002099'), '003002099 Service unavailable');
    assert.strictEqual(describeCode('777'), '777');
  });

  it('sanitizes server text: control characters dropped, shortened with an ellipsis', () => {
    assert.strictEqual(sanitizeServerText('bad\u0000\u001b[31m thing\n\nhere'), 'bad [31m thing here');
    const long = sanitizeServerText('x'.repeat(1000), 50);
    assert.strictEqual(Array.from(long).length, 50);
    assert.ok(long.endsWith('…'));
  });
});
