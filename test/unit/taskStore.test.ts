import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkRequest } from '../../src/core/spec/validation';
import { GenerationJob } from '../../src/core/job/generationJob';
import { PendingTask } from '../../src/core/job/ports';
import { FsImageSink } from '../../src/node/fsImageSink';
import { stateDir } from '../../src/node/tasks/stateDir';
import { isStale, recordFileName, STALE_RECORD_TTL_MS, TASK_RECORD_TTL_MS } from '../../src/node/tasks/taskRecord';
import { TaskStore } from '../../src/node/tasks/taskStore';
import { MockServer, startMockServer } from '../mock/server';
import { apiFor, quickPolicy, realDeps, recordingLogger } from './coreHarness';

const DAY = 24 * 60 * 60 * 1000;
const request = checkRequest({ prompt: 'a kite over the dunes', seed: 9, width: 1024, height: 1024 }).request;

function task(taskId: string, createdAt: number, extra: Partial<PendingTask<{ folder: string }>> = {}): PendingTask<{ folder: string }> {
  return { taskId, request, createdAt, target: { folder: 'images' }, ...extra };
}

describe('the state folder of the CLI and the MCP server', () => {
  const home = '/home/ada';
  it('is $SPARK_IMAGE_STATE_DIR when set, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      assert.strictEqual(stateDir({ env: { SPARK_IMAGE_STATE_DIR: '/tmp/st', XDG_STATE_HOME: '/x', LOCALAPPDATA: 'C:\\L' }, platform, home }), '/tmp/st', platform);
    }
  });

  it('on Linux: ${XDG_STATE_HOME:-~/.local/state}/spark-image; a relative XDG_STATE_HOME is ignored', () => {
    assert.strictEqual(stateDir({ env: {}, platform: 'linux', home }), '/home/ada/.local/state/spark-image');
    assert.strictEqual(stateDir({ env: { SPARK_IMAGE_STATE_DIR: '' }, platform: 'linux', home }), '/home/ada/.local/state/spark-image', 'empty is unset');
    assert.strictEqual(stateDir({ env: { XDG_STATE_HOME: '/var/state' }, platform: 'linux', home }), '/var/state/spark-image');
    assert.strictEqual(stateDir({ env: { XDG_STATE_HOME: 'state' }, platform: 'freebsd', home }), '/home/ada/.local/state/spark-image');
  });

  it('on macOS: ~/Library/Application Support/spark-image', () => {
    assert.strictEqual(stateDir({ env: {}, platform: 'darwin', home: '/Users/ada' }), '/Users/ada/Library/Application Support/spark-image');
  });

  it('on Windows: %LOCALAPPDATA%\\spark-image, or its usual place when the variable is missing', () => {
    assert.strictEqual(stateDir({ env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, platform: 'win32', home: 'C:\\Users\\ada' }), 'C:\\Users\\ada\\AppData\\Local\\spark-image');
    assert.strictEqual(stateDir({ env: {}, platform: 'win32', home: 'C:\\Users\\ada' }), 'C:\\Users\\ada\\AppData\\Local\\spark-image');
  });

  it('is never inside the working folder by default (the repository a command runs in)', () => {
    const found = stateDir({ env: {}, platform: process.platform, home: os.homedir() });
    assert.ok(!path.resolve(found).startsWith(path.resolve(process.cwd()) + path.sep), found);
  });
});

describe('TaskStore: paid tasks on disk, one JSON file each', () => {
  let dir: string;
  let now: number;
  let store: TaskStore<{ folder: string }>;
  const reopen = (logger = recordingLogger()) => new TaskStore<{ folder: string }>({ stateDir: dir, now: () => now, logger });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tasks-'));
    now = Date.UTC(2026, 0, 1);
    store = reopen();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps a task for another process: put, update, get, list (newest first) in <state>/tasks/', async () => {
    await store.put(task('task_a', now - 1000));
    await store.put(task('task_b', now));
    await store.update('task_a', { lastError: 'timed out' });
    await store.update('task_missing', { lastError: 'nothing to update' });
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'tasks')).sort(), ['task_a.json', 'task_b.json']);
    const other = reopen();
    assert.deepStrictEqual(await other.get('task_a'), { ...task('task_a', now - 1000), lastError: 'timed out', state: 'pending' });
    assert.deepStrictEqual((await other.list()).map((record) => record.taskId), ['task_b', 'task_a']);
    await other.remove('task_b');
    assert.strictEqual(await store.get('task_b'), undefined, 'a task removed without an image is forgotten');
  });

  it('writes atomically: a temp file beside the record, renamed over it; no temp file is left', async () => {
    await store.put(task('task_a', now));
    const renames: Array<[string, string]> = [];
    const watched = new TaskStore<{ folder: string }>({
      stateDir: dir,
      files: {
        ...fs,
        renameSync: (from: fs.PathLike, to: fs.PathLike) => {
          renames.push([String(from), String(to)]);
          assert.strictEqual(JSON.parse(fs.readFileSync(String(to), 'utf8')).lastError, undefined, 'the record is whole until the rename');
          assert.strictEqual(JSON.parse(fs.readFileSync(String(from), 'utf8')).lastError, 'why', 'the temp file is complete before it is renamed');
          fs.renameSync(from, to);
        },
      },
    });
    await watched.update('task_a', { lastError: 'why' });
    assert.strictEqual(renames.length, 1);
    assert.strictEqual(path.dirname(renames[0][0]), path.join(dir, 'tasks'), 'the temp file is in the same folder (one file system)');
    assert.strictEqual(renames[0][1], path.join(dir, 'tasks', 'task_a.json'));
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'tasks')), ['task_a.json']);
    assert.strictEqual((await store.get('task_a'))?.state, 'pending');
  });

  it('a failed write leaves the old record whole and no temp file', async () => {
    await store.put(task('task_a', now));
    const failing = new TaskStore<{ folder: string }>({
      stateDir: dir,
      files: {
        ...fs,
        renameSync: () => {
          throw Object.assign(new Error('EIO: disk gone'), { code: 'EIO' });
        },
      },
    });
    await assert.rejects(failing.update('task_a', { lastError: 'never written' }), /EIO/);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'tasks')), ['task_a.json']);
    assert.deepStrictEqual(await store.get('task_a'), { ...task('task_a', now), state: 'pending' });
  });

  it('a corrupt file is reported and set aside, never a crash; the other tasks stay', async () => {
    await store.put(task('task_good', now));
    const tasks = path.join(dir, 'tasks');
    fs.writeFileSync(path.join(tasks, recordFileName('task_torn')), '{"taskId": "task_torn", "requ');
    fs.writeFileSync(path.join(tasks, recordFileName('task_odd')), '{"taskId": "task_odd"}');
    const logger = recordingLogger();
    const other = reopen(logger);
    assert.deepStrictEqual((await other.list()).map((record) => record.taskId), ['task_good']);
    assert.strictEqual(await other.get('task_torn'), undefined);
    const names = fs.readdirSync(tasks).sort();
    assert.deepStrictEqual(names, ['task_good.json', `task_odd.json.corrupt-${now}`, `task_torn.json.corrupt-${now}`]);
    assert.strictEqual(logger.lines.filter((line) => line.startsWith('warn task record')).length, 2, logger.lines.join('\n'));
    assert.match(logger.lines.join('\n'), /task_torn\.json could not be read \(.*JSON.*\); set aside as task_torn\.json\.corrupt-/);
    assert.strictEqual(await other.get('task_odd'), undefined, 'set aside once, then simply absent');
  });

  it('names files so that no task id can leave the folder or trouble Windows', async () => {
    assert.strictEqual(recordFileName('task_1-a'), 'task_1-a.json');
    assert.strictEqual(recordFileName('../../etc/passwd'), '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.json');
    assert.strictEqual(recordFileName('a:b*c'), 'a%3Ab%2Ac.json');
    assert.match(recordFileName('x'.repeat(500)), /^sha256-[0-9a-f]{64}\.json$/);
    await store.put(task('../escape', now));
    assert.deepStrictEqual(fs.readdirSync(dir), ['tasks']);
    assert.strictEqual((await store.get('../escape'))?.taskId, '../escape');
  });

  it('a saved record goes after 7 days; a pending one is stale after 7 (listed, flagged) and goes after 30', async () => {
    await store.put(task('task_old', now - TASK_RECORD_TTL_MS - 1));
    await store.put(task('task_week', now - TASK_RECORD_TTL_MS + 1000));
    await store.put(task('task_saved', now - 2 * TASK_RECORD_TTL_MS, { savedImage: '/w/images/kite.png' }));
    await store.remove('task_saved');
    assert.strictEqual((await store.get('task_saved'))?.state, 'saved', 'kept 7 days from its saving, not its creation');
    const old = await store.get('task_old');
    assert.ok(old && isStale(old, now), 'past 7 days: still there, and stale');
    const week = await store.get('task_week');
    assert.ok(week && !isStale(week, now));
    now += 6 * DAY;
    assert.deepStrictEqual((await store.list()).map((record) => record.taskId), ['task_saved', 'task_week', 'task_old']);
    now += 2 * DAY;
    assert.strictEqual(await store.get('task_saved'), undefined, 'a saved record goes after its 7 days');
    now += 15 * DAY;
    assert.deepStrictEqual((await store.list()).map((record) => record.taskId), ['task_week'], 'task_old is past 30 days');
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'tasks')), ['task_week.json']);
    await store.put(task('task_new', now));
    await store.put(task('task_gone', now - STALE_RECORD_TTL_MS - 1));
    assert.strictEqual(await store.prune(), 1, 'task_gone');
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'tasks')).sort(), ['task_new.json', 'task_week.json']);
  });

  describe('with the job and the mock', function () {
    this.timeout(20_000);
    let mock: MockServer;
    before(async () => (mock = await startMockServer({ defaultScenario: { queuedMs: 0, durationMs: 80 } })));
    beforeEach(() => mock.reset());
    after(() => mock.close());

    it('a saved task stays {state: "saved", path}: a second resume answers with the file and downloads nothing', async () => {
      now = Date.now();
      const folder = path.join(dir, 'images');
      const sink = new FsImageSink<{ folder: string }>({ placeFor: (image) => ({ folder, name: { stem: `kite-${image.provenance.seed}`, extension: image.info.extension } }) });
      const job = new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink, pending: store, target: { folder: 'images' }, polling: { policy: quickPolicy } });
      const outcome = await job.run(request);
      const taskId = outcome.result.provenance.taskId;
      const file = outcome.saved[0].location;
      const record = await reopen().get(taskId);
      assert.ok(record?.state === 'saved', JSON.stringify(record));
      assert.deepStrictEqual({ ...record, createdAt: 0 }, { state: 'saved', taskId, path: file, savedAt: now, request, createdAt: 0, target: { folder: 'images' } });

      // Resuming again, as a front end does: the store answers, nothing is asked or downloaded.
      const counts = { ...mock.counts };
      const again = await reopen().get(taskId);
      assert.ok(again?.state === 'saved');
      assert.ok(fs.existsSync(again.path));
      assert.deepStrictEqual(mock.counts, counts, 'no request at all');
      assert.deepStrictEqual(fs.readdirSync(folder), ['kite-9.png'], 'no duplicate');
    });
  });
});
