import * as assert from 'assert';
import { McpProgress, ProgressNotice } from '../../src/cli/mcp/mcpProgress';
import { GenerationPhase } from '../../src/core/polling/polling';

function track(): { progress: McpProgress; sent: ProgressNotice[] } {
  const sent: ProgressNotice[] = [];
  return { progress: new McpProgress((notice) => sent.push(notice)), sent };
}

const report = (phase: GenerationPhase, progress?: number) => ({ phase, elapsedMs: 0, taskId: 'task_1', progress });

describe('MCP progress notifications (strictly increasing, one per change)', () => {
  it('with percentages: the gateway’s value with total 100, repeats dropped, a phase change adds 0.1, completion 100', () => {
    const { progress, sent } = track();
    progress.report(report('submitting'));
    progress.created({ taskId: 'task_1', request: { model: 'm', prompt: 'p', use_pre_llm: false, seed: 5, width: 1328, height: 1328 }, createdAt: 0 });
    progress.report(report('queued', 0));
    progress.report(report('queued', 0));
    progress.report(report('running', 0));
    progress.report(report('running', 0.42));
    progress.report(report('running', 0.42));
    progress.report(report('running', 0.4));
    progress.report(report('downloading'));
    progress.completed('saved 1 image(s)');
    assert.deepStrictEqual(
      sent.map((notice) => [notice.progress, notice.total]),
      [
        [0, 100],
        [0.1, 100],
        [42, 100],
        [42.1, 100],
        [100, 100],
      ],
    );
    assert.match(sent[0].message, /^task task_1 created · seed 5 · 1328x1328 · queued 0%$/);
    assert.strictEqual(sent[1].message, 'running 0% · task task_1');
    assert.strictEqual(sent[3].message, 'downloading · task task_1');
  });

  it('never says 100 (nor more than 99.9) before the image is saved, and never goes back', () => {
    const { progress, sent } = track();
    progress.report(report('running', 0.9995));
    progress.report(report('running', 1));
    progress.report(report('downloading'));
    progress.completed('saved');
    assert.deepStrictEqual(
      sent.map((notice) => notice.progress),
      [99.9, 100],
    );
  });

  it('without percentages: a step counter without total, one per phase, and the steps stay steps', () => {
    const { progress, sent } = track();
    progress.report(report('queued'));
    progress.report(report('queued'));
    progress.report(report('running'));
    progress.report(report('running', 0.5));
    progress.report(report('downloading'));
    progress.completed('saved');
    assert.deepStrictEqual(
      sent.map((notice) => [notice.progress, notice.total]),
      [
        [1, undefined],
        [2, undefined],
        [3, undefined],
        [4, undefined],
      ],
    );
    assert.ok(sent.every((notice) => !('total' in notice)));
  });
});
