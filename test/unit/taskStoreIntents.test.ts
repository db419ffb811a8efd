import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkRequest } from '../../src/core/spec/validation';
import { DirectiveClaims } from '../../src/node/tasks/claims';
import { TaskStore } from '../../src/node/tasks/taskStore';
import { isStale, TASK_RECORD_TTL_MS } from '../../src/node/tasks/taskRecord';
import { recordingLogger } from './coreHarness';

const request = checkRequest({ prompt: 'a lighthouse at dusk', seed: 5, width: 1024, height: 1024 }).request;
type Target = { folder: string };

/** The pid of a process that has ended: what a SIGKILLed run leaves in its files. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('TaskStore, write-ahead: intents before the create, the task id as soon as it answers', () => {
  let dir: string;
  let now: number;
  const open = (logger = recordingLogger()) => new TaskStore<Target>({ stateDir: dir, now: () => now, logger });
  const intentsFolder = () => path.join(dir, 'tasks', 'intents');
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-intents-'));
    now = Date.UTC(2026, 0, 1);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an intent holds the request as sent, its target and the pid; the answer replaces it with the task record', async () => {
    const store = open();
    const intentId = store.intend({ request, target: { folder: '/w/images' }, createdAt: now });
    const [intent] = open().intents();
    assert.deepStrictEqual(intent, { state: 'intent', intentId, request, createdAt: now, target: { folder: '/w/images' }, pid: process.pid });
    assert.deepStrictEqual(open().orphanIntents(), [], 'the intent of a live run is not an unknown');
    // The job hands over its own target type; the stored one is the intent's.
    await store.pendingFor<{ other: true }>(intentId).put({ taskId: 'task_1', request, createdAt: now, target: { other: true } });
    assert.deepStrictEqual(fs.readdirSync(intentsFolder()), [], 'the intent is gone once the id is kept');
    assert.deepStrictEqual(await open().get('task_1'), { state: 'pending', taskId: 'task_1', request, createdAt: now, pid: process.pid, target: { folder: '/w/images' }, intentId });
    await store.pendingFor<{ other: true }>(intentId).update('task_1', { savedImage: '/w/images/a.png', target: { other: true } });
    await store.pendingFor(intentId).remove('task_1');
    const saved = await open().get('task_1');
    assert.ok(saved?.state === 'saved' && saved.path === '/w/images/a.png', JSON.stringify(saved));
    assert.deepStrictEqual(saved.target, { folder: '/w/images' });
  });

  it("a dead run's intent without an id is an orphan (outcome unknown); one whose record was written is a leftover and goes", async () => {
    const store = open();
    const answered = store.intend({ request, target: { folder: 'a' }, createdAt: now });
    const lost = store.intend({ request, target: { folder: 'b' }, createdAt: now });
    // As a SIGKILL between the record and the intent's removal, and one before the answer, leave them.
    await store.put({ taskId: 'task_a', request, createdAt: now });
    await store.update('task_a', {});
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'tasks', 'task_a.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'tasks', 'task_a.json'), JSON.stringify({ ...record, intentId: answered }));
    const dead = deadPid();
    for (const name of fs.readdirSync(intentsFolder())) {
      const file = path.join(intentsFolder(), name);
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), pid: dead }));
    }
    const orphans = open().orphanIntents();
    assert.deepStrictEqual(orphans.map((intent) => [intent.intentId, intent.target]), [[lost, { folder: 'b' }]]);
    assert.deepStrictEqual(fs.readdirSync(intentsFolder()), [`${lost}.json`]);
    store.dropIntent(lost);
    assert.deepStrictEqual(open().intents(), []);
  });

  it('writes an intent atomically, and a corrupt intent is reported and set aside, never a crash', async () => {
    const store = open();
    const renames: string[] = [];
    const watched = new TaskStore<Target>({
      stateDir: dir,
      now: () => now,
      files: { ...fs, renameSync: (from: fs.PathLike, to: fs.PathLike) => (renames.push(path.basename(String(to))), fs.renameSync(from, to)) },
    });
    const intentId = watched.intend({ request, target: { folder: 'a' }, createdAt: now });
    assert.deepStrictEqual(renames, [`${intentId}.json`], 'written to a temp file, then renamed');
    fs.writeFileSync(path.join(intentsFolder(), 'torn.json'), '{"state": "intent", "inte');
    const logger = recordingLogger();
    assert.deepStrictEqual(open(logger).intents().map((intent) => intent.intentId), [intentId]);
    assert.match(logger.lines.join('\n'), /torn\.json could not be read .* set aside as torn\.json\.corrupt-/);
    assert.deepStrictEqual(fs.readdirSync(intentsFolder()).sort(), [`${intentId}.json`, `torn.json.corrupt-${now}`]);
    void store;
  });

  it('an intent older than 7 days is stale: still listed, flagged, for a person to decide', () => {
    const store = open();
    store.intend({ request, target: { folder: 'a' }, createdAt: now - TASK_RECORD_TTL_MS - 1 });
    const [intent] = open().intents();
    assert.ok(intent && isStale(intent, now));
  });
});

describe('DirectiveClaims: one run per directive at a time', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-claims-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a claim is an exclusive file holding the pid; a live holder keeps it, a dead one is taken over and named', () => {
    const claims = new DirectiveClaims(dir);
    const key = DirectiveClaims.keyOf('/w/a.md', '<!-- spark-image: a fox -->', 0);
    assert.notStrictEqual(key, DirectiveClaims.keyOf('/w/a.md', '<!-- spark-image: a fox -->', 1), 'the occurrence counts');
    assert.deepStrictEqual(claims.claim(key), { ok: true });
    const file = path.join(claims.folder, `${key}.lock`);
    assert.strictEqual(fs.readFileSync(file, 'utf8').trim(), String(process.pid));
    // Another live process holds it: the parent of this one is alive.
    fs.writeFileSync(file, `${process.ppid}\n`);
    assert.deepStrictEqual(claims.claim(key), { ok: false, pid: process.ppid });
    claims.release(key);
    assert.ok(fs.existsSync(file), 'release gives up only a claim of this run');
    const dead = deadPid();
    fs.writeFileSync(file, `${dead}\n`);
    assert.deepStrictEqual(claims.claim(key), { ok: true, tookOver: dead });
    assert.strictEqual(fs.readFileSync(file, 'utf8').trim(), String(process.pid));
    claims.release(key);
    assert.ok(!fs.existsSync(file));
  });
});
