import * as assert from 'assert';
import { HISTORY_KEY, HistoryEntry, HistoryStore, StateStore } from '../../src/studio/history/historyStore';
import { matchesQuery, totalCost } from '../../src/studio/historyQuery';
import { describeDropped, parseFromWebview } from '../../src/studio/protocol';
import { composeDefaults, regenerateParams } from '../../src/studio/studioDefaults';

function memoryState(initial: Record<string, unknown> = {}): StateStore & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: <T>(key: string) => data[key] as T | undefined,
    update: async (key: string, value: unknown) => {
      data[key] = value;
    },
  };
}

function entry(id: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return { id, status: 'completed', prompt: `prompt ${id}`, createdAt: '2025-01-01T00:00:00.000Z', resumable: false, ...extra };
}

describe('studio message protocol (pure validator)', () => {
  const params = { prompt: 'a cat', width: 1328, height: 1328, seed: -1, expansion: 'auto' };

  it('accepts every well-formed message and keeps only known fields', () => {
    assert.deepStrictEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parseFromWebview({ type: 'generate', params: { ...params, extra: '<script>' } }), { type: 'generate', params });
    assert.deepStrictEqual(parseFromWebview({ type: 'cancel', jobId: 'abc_1-2' }), { type: 'cancel', jobId: 'abc_1-2' });
    for (const type of ['insert', 'copyMarkdown', 'reveal', 'resume'] as const) {
      assert.deepStrictEqual(parseFromWebview({ type, entryId: 'task-1' }), { type, entryId: 'task-1' });
    }
    assert.deepStrictEqual(parseFromWebview({ type: 'regenerate', entryId: 't', variation: true }), { type: 'regenerate', entryId: 't', variation: true });
  });

  it('drops unknown types, wrong shapes and out-of-range values', () => {
    const bad: unknown[] = [
      undefined,
      null,
      42,
      'ready',
      [],
      { type: 'deleteEverything' },
      { type: 7 },
      { kind: 'ready' },
      { type: 'generate' },
      { type: 'generate', params: { ...params, prompt: 1 } },
      { type: 'generate', params: { ...params, width: 1328.5 } },
      { type: 'generate', params: { ...params, height: '1328' } },
      { type: 'generate', params: { ...params, seed: -2 } },
      { type: 'generate', params: { ...params, expansion: true } },
      { type: 'generate', params: { ...params, prompt: 'x'.repeat(5000) } },
      { type: 'cancel' },
      { type: 'insert', entryId: '' },
      { type: 'insert', entryId: '../../etc/passwd' },
      { type: 'insert', entryId: 'x'.repeat(500) },
      { type: 'regenerate', entryId: 't', variation: 'yes' },
    ];
    for (const message of bad) {
      assert.strictEqual(parseFromWebview(message), undefined, JSON.stringify(message));
    }
  });

  it('describes a dropped message without echoing its content', () => {
    assert.strictEqual(describeDropped(null), 'null');
    assert.strictEqual(describeDropped('x'), 'string');
    const text = describeDropped({ type: 'insert', entryId: 'secret-content-here' });
    assert.match(text, /type "insert", keys type,entryId/);
    assert.ok(!text.includes('secret-content-here'));
  });
});

describe('studio history store', () => {
  it('keeps newest first, replaces an entry of the same task, and caps its length', async () => {
    const state = memoryState();
    const store = new HistoryStore(state, 3);
    await store.add(entry('a', { taskId: 't1', status: 'failed', resumable: true }));
    await store.add(entry('b'));
    await store.add(entry('t1', { taskId: 't1' }));
    assert.deepStrictEqual(store.list().map((e) => [e.id, e.status]), [['t1', 'completed'], ['b', 'completed']]);
    await store.add(entry('c'));
    await store.add(entry('d'));
    assert.deepStrictEqual(store.list().map((e) => e.id), ['d', 'c', 't1']);
    assert.strictEqual(store.get('c')?.prompt, 'prompt c');
  });

  it('ignores stored data that is not a history', () => {
    assert.deepStrictEqual(new HistoryStore(memoryState({ [HISTORY_KEY]: 'nope' })).list(), []);
    const mixed = memoryState({ [HISTORY_KEY]: [entry('ok'), { id: 3 }, null, { ...entry('bad'), status: 'weird' }] });
    assert.deepStrictEqual(new HistoryStore(mixed).list().map((e) => e.id), ['ok']);
  });

  it('sums known costs and searches prompt, size, seed, task id and status', () => {
    const entries = [entry('a', { costUsd: 0.03 }), entry('b', { costUsd: 0.0305 }), entry('c', { status: 'failed' })];
    assert.strictEqual(totalCost(entries), 0.0605);
    const e = entry('x', { prompt: 'A Red Fox', width: 1664, height: 936, seed: 42, taskId: 'task-99' });
    assert.ok(matchesQuery(e, 'red fox'));
    assert.ok(matchesQuery(e, '1664x936'));
    assert.ok(matchesQuery(e, 'task-99 completed'));
    assert.ok(matchesQuery(e, '  '));
    assert.ok(!matchesQuery(e, 'blue fox'));
  });
});

describe('studio defaults', () => {
  const settings = { defaultSize: { width: 1664, height: 936 }, seed: 7, promptExpansion: false as const };

  it('starts the compose form from the settings: size, seed and expansion in the studio spelling', () => {
    assert.deepStrictEqual(composeDefaults(settings), { prompt: '', width: 1664, height: 936, seed: 7, expansion: 'off' });
    assert.strictEqual(composeDefaults({ ...settings, promptExpansion: 'auto' }).expansion, 'auto');
  });

  it('Regenerate sends the entry again; Variation a random seed; what the entry lacks comes from the defaults', () => {
    const defaults = composeDefaults(settings);
    const done = entry('t', { width: 1328, height: 1328, seed: 42, expansion: 'on' });
    assert.deepStrictEqual(regenerateParams(done, false, defaults), { prompt: 'prompt t', width: 1328, height: 1328, seed: 42, expansion: 'on' });
    assert.deepStrictEqual(regenerateParams(done, true, defaults), { prompt: 'prompt t', width: 1328, height: 1328, seed: -1, expansion: 'on' });
    const failedEarly = entry('f', { status: 'failed', width: 1328 });
    assert.deepStrictEqual(regenerateParams(failedEarly, false, defaults), { prompt: 'prompt f', width: 1664, height: 936, seed: -1, expansion: 'off' });
  });
});
