import * as assert from 'assert';
import * as fc from 'fast-check';
import { errorOf, parseTask } from '../../src/core/api/task';
import { runs } from './propertyRuns';

/** JSON shaped like the answers the task parser looks into, with hostile values at every key. */
const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('__proto__', 'constructor', 'toString', -1, 1e308, -0, '', 'NaN', '2026-13-45', '003002005'));
const taskLike = fc.dictionary(
  fc.constantFrom('id', 'task_id', 'taskId', 'status', 'state', 'task_status', 'output', 'outputs', 'result', 'results', 'images', 'image_urls', 'url', 'data', 'usage', 'cost', 'error', 'code', 'message', 'progress', 'created_at', 'createdAt', 'job_id', '__proto__', 'constructor'),
  fc.oneof(leaf, fc.array(fc.oneof(leaf, fc.dictionary(fc.constantFrom('url', 'image_url', 'job_id', 'cost', 'total_cost', 'message'), leaf)), { maxLength: 3 })),
);
const answer = fc.oneof(
  fc.jsonValue(),
  taskLike,
  taskLike.map((task) => ({ code: 0, data: task })),
  taskLike.map((task) => ({ data: { task } })),
  taskLike.map((task) => ({ output: task })),
);

describe('task parser: properties (fast-check)', function () {
  this.timeout(60_000);

  it('never throws on any JSON value, and what it returns is well-formed', () => {
    fc.assert(
      fc.property(answer, (body) => {
        errorOf(body);
        const task = parseTask(body);
        if (task === undefined) {
          return;
        }
        assert.strictEqual(typeof task.rawStatus === 'string' || task.rawStatus === undefined, true);
        assert.ok(['queued', 'running', 'completed', 'failed', 'unknown'].includes(task.status), String(task.status));
        assert.ok(task.id === undefined || (typeof task.id === 'string' && task.id !== ''), String(task.id));
        assert.ok(Array.isArray(task.images));
        for (const image of task.images) {
          assert.strictEqual(typeof image.url, 'string');
        }
        if (task.progress !== undefined) {
          assert.ok(Number.isFinite(task.progress), String(task.progress));
        }
        if (task.usage?.costUsd !== undefined) {
          assert.ok(Number.isFinite(task.usage.costUsd) && task.usage.costUsd >= 0, String(task.usage.costUsd));
        }
      }),
      runs(5000),
    );
  });

  it('never throws on a body parsed from hostile JSON text (prototype keys included)', () => {
    fc.assert(
      fc.property(fc.constantFrom('{"__proto__":{"status":"completed"}}', '{"constructor":{"prototype":{}}}', '{"data":{"__proto__":null}}', '[]', 'null', '"x"', '1e999'), fc.jsonValue(), (text, extra) => {
        const body = JSON.parse(text) as unknown;
        parseTask(body);
        parseTask({ data: body, extra });
      }),
      runs(500),
    );
  });
});
