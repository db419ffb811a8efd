import * as assert from 'assert';
import { checkRequest, CheckedRequest } from '../../src/core/spec/validation';
import { SparkError } from '../../src/core/spec/errors';
import { GenerationJob, JobFailure } from '../../src/core/job/generationJob';
import { GeneratedImage, ImageSink, LinkPlacer, PendingTask, PendingTasks, SavedImage } from '../../src/core/job/ports';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { payloadFor } from '../../src/core/job/payload';
import { MockServer, startMockServer } from '../mock/server';
import { apiFor, quickPolicy, realDeps } from './coreHarness';

/** A document as a string: the link goes at a marker. */
interface Target {
  doc: string;
}

/** In-memory stand-ins for the three ports, recording the order of every step. */
function fakes() {
  const steps: string[] = [];
  const files = new Map<string, Uint8Array>();
  const docs = new Map<string, string>([['guide.md', 'Intro\n@here\nEnd\n']]);
  const store = new Map<string, PendingTask<Target>>();
  const pending: PendingTasks<Target> = {
    put: async (entry) => void (steps.push(`persist ${entry.taskId}`), store.set(entry.taskId, entry)),
    update: async (taskId, change) => {
      const entry = store.get(taskId);
      if (entry) store.set(taskId, { ...entry, ...change });
    },
    remove: async (taskId) => void (steps.push('forget'), store.delete(taskId)),
  };
  const sink: ImageSink<Target, string> = {
    save: async (image: GeneratedImage) => {
      const key = `images/${image.provenance.seed}.${image.info.extension}`;
      files.set(key, image.bytes);
      steps.push(`save ${key}`);
      return { location: key, key, link: image.provenance, sidecar: false };
    },
    locate: (key) => key,
  };
  const placer: LinkPlacer<Target, string> = {
    place: async (saved: SavedImage<string>, target) => {
      const text = docs.get(target.doc);
      if (text === undefined || !text.includes('@here')) return false;
      docs.set(target.doc, text.replace('@here', `![${saved.link.prompt}](${saved.location})`));
      steps.push(`place ${saved.location}`);
      return true;
    },
    alreadyLinked: async (saved, target) => (docs.get(target.doc) ?? '').includes(`(${saved.location})`),
  };
  return { steps, files, docs, store, pending, sink, placer };
}

async function failureOf(promise: Promise<unknown>): Promise<JobFailure> {
  try {
    await promise;
  } catch (thrown) {
    assert.ok(thrown instanceof JobFailure, `expected a JobFailure, got ${String(thrown)}`);
    assert.strictEqual(thrown.message, thrown.cause instanceof Error ? thrown.cause.message : String(thrown.cause), 'it says what its cause says');
    return thrown;
  }
  return assert.fail('expected the job to fail');
}

describe('GenerationJob: one delivery pipeline (in-memory sink, placer and pending store)', function () {
  this.timeout(20_000);
  let mock: MockServer;
  before(async () => {
    mock = await startMockServer({ defaultScenario: { queuedMs: 0, durationMs: 120 } });
  });
  beforeEach(() => mock.reset());
  after(() => mock.close());

  const validated = (prompt: string, seed = 5) => checkRequest({ prompt, seed, width: 1024, height: 1024 }).request;

  it('create → persist → poll → save → place → forget, in that order', async () => {
    const f = fakes();
    const job = new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: f.sink, placer: f.placer, pending: f.pending, target: { doc: 'guide.md' }, polling: { policy: quickPolicy } });
    const outcome = await job.run(validated('a lighthouse'));
    const taskId = outcome.result.provenance.taskId;
    assert.deepStrictEqual(f.steps, [`persist ${taskId}`, 'save images/5.png', 'place images/5.png', 'forget']);
    assert.ok(mock.counts.polls >= 1, 'polled');
    assert.strictEqual(outcome.placed, true);
    assert.strictEqual(f.docs.get('guide.md'), 'Intro\n![a lighthouse](images/5.png)\nEnd\n');
    assert.strictEqual(f.store.size, 0, 'nothing pending once linked');
    assert.strictEqual(job.createdTaskId, taskId);
    assert.strictEqual(outcome.saved[0].link.prompt, 'a lighthouse');
  });

  it('reports the provenance of the file written: what a sink adds (a house style, an output transform) is in the outcome', async () => {
    const f = fakes();
    const styling: ImageSink<Target, string> = {
      save: async (image, target) => {
        image.provenance = { ...image.provenance, userPrompt: 'a lighthouse', output: { format: 'webp', width: 640, height: 640, quality: 82, originalWidth: 1024, originalHeight: 1024 } };
        return f.sink.save(image, target);
      },
      locate: (key) => f.sink.locate(key),
    };
    const outcome = await new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: styling, pending: f.pending, polling: { policy: quickPolicy } }).run(validated('flat vector: a lighthouse'));
    assert.strictEqual(outcome.result.provenance.userPrompt, 'a lighthouse');
    assert.deepStrictEqual(outcome.result.provenance.output, { format: 'webp', width: 640, height: 640, quality: 82, originalWidth: 1024, originalHeight: 1024 });
  });

  it('the task id is persisted before the first poll', async () => {
    const f = fakes();
    let pendingAtFirstPoll: number | undefined;
    const job = new GenerationJob({
      api: apiFor(mock),
      deps: realDeps(),
      sink: f.sink,
      pending: f.pending,
      polling: { policy: quickPolicy, onProgress: (report) => void (report.phase !== 'submitting' && (pendingAtFirstPoll ??= f.store.size)) },
    });
    await job.run(validated('kept early'));
    assert.strictEqual(pendingAtFirstPoll, 1);
  });

  it('resumes after a simulated reload: the pending entry left behind finishes the same task, linked once', async () => {
    const first = fakes();
    mock.setScenario({ next: [{ never: true }] });
    const controller = new AbortController();
    const running = new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: first.sink, placer: first.placer, pending: first.pending, target: { doc: 'guide.md' }, polling: { policy: quickPolicy, signal: controller.signal } }).run(validated('survives a reload'));
    while (first.store.size === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // The window goes away mid-poll: its job is cancelled, its pending entry stays.
    controller.abort();
    const failure = await failureOf(running);
    assert.strictEqual(failure.resumable, true);
    const [entry] = [...first.store.values()];
    assert.ok(entry.lastError, 'why it stopped is kept');

    // A new window: the same store (as globalState is), new sink and placer over the same files.
    const second = { ...fakes(), store: first.store, docs: first.docs };
    const pending: PendingTasks<Target> = { ...first.pending };
    const placer: LinkPlacer<Target, string> = first.placer;
    await fetch(`${mock.baseUrl}/__mock/finish`, { method: 'POST', body: JSON.stringify({ id: entry.taskId }) });
    const outcome = await new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: second.sink, placer, pending, polling: { policy: quickPolicy } }).resume(entry);
    assert.notStrictEqual(outcome, 'linkedAlready');
    assert.strictEqual(mock.counts.creates, 1, 'the same task, not a new one');
    assert.strictEqual(first.docs.get('guide.md')?.match(/!\[/g)?.length, 1, 'linked exactly once');
    assert.strictEqual(first.store.size, 0);

    // Resumed again (say, a second reload raced the first): the saved image is linked already.
    const again = await new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: second.sink, placer, pending }).resume({ ...entry, savedImage: outcome === 'linkedAlready' ? '' : outcome.saved[0].key });
    assert.strictEqual(again, 'linkedAlready');
    assert.strictEqual(first.docs.get('guide.md')?.match(/!\[/g)?.length, 1, 'still once');
  });

  it('a task that failed for good is forgotten; one whose status checks failed stays pending', async () => {
    const f = fakes();
    mock.setScenario({ next: [{ fail: { code: 3002095 } }] });
    const failed = await failureOf(new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: f.sink, pending: f.pending, polling: { policy: quickPolicy } }).run(validated('fails')));
    assert.strictEqual(failed.resumable, false);
    assert.ok(failed.cause instanceof SparkError && failed.cause.code === '003002095');
    assert.strictEqual(f.store.size, 0);

    mock.setScenario({ next: [{ poll: { kind: 'status', status: 500 } }] });
    const unsure = await failureOf(new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: f.sink, pending: f.pending, polling: { policy: quickPolicy } }).run(validated('status checks fail')));
    assert.strictEqual(unsure.resumable, true);
    assert.strictEqual(f.store.size, 1, 'kept for Resume');
  });

  it('invalid input is refused by the one check, with every broken rule and the first code', () => {
    assert.throws(
      () => checkRequest({ prompt: ' ', width: 3000, height: 500 }),
      (error: SparkError) => error.kind === 'validation' && error.code === '003002001' && error.message.includes('003002001') && error.message.includes('003002006'),
    );
  });

  it('the job sends a checked request as it is and never checks it again (the API, not the job, refuses a forged one)', async () => {
    const f = fakes();
    // Only checkRequest makes a CheckedRequest; forging one shows that nothing downstream re-validates.
    const forged = { ...validated('forged'), width: 3000, height: 500 } as CheckedRequest;
    const failed = await failureOf(new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: f.sink, pending: f.pending, polling: { policy: quickPolicy } }).run(forged));
    assert.strictEqual(mock.counts.creates, 1, 'the create reached the API');
    assert.ok(failed.cause instanceof SparkError && failed.cause.code === '003002006', String(failed.cause));
    assert.strictEqual(f.steps.length, 0, 'nothing persisted for a create the API refused');
  });

  it('payloadFor decides by the bytes: PNG carries its provenance inside, other bytes get a sidecar', async () => {
    const f = fakes();
    const outcome = await new GenerationJob({ api: apiFor(mock), deps: realDeps(), sink: f.sink, pending: f.pending, polling: { policy: quickPolicy } }).run(validated('with provenance', 9));
    assert.strictEqual(outcome.placed, false, 'no placer, no link');
    const image = outcome.result.images[0];
    const png = payloadFor(image);
    assert.strictEqual(png.sidecar, undefined);
    assert.strictEqual(readEmbeddedProvenance(png.bytes)?.seed, 9);
    const webp = new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]);
    const other = payloadFor({ ...image, bytes: webp });
    assert.strictEqual(other.bytes, webp, 'bytes that cannot carry it are written as they came');
    assert.strictEqual(JSON.parse(other.sidecar ?? '{}').seed, 9);
  });
});
