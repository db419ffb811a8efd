import * as assert from 'assert';
import { checkDownloadUrl, downloadImage } from '../../src/core/download/download';
import { SparkError } from '../../src/core/spec/errors';
import { MockServer, startMockServer } from '../mock/server';
import { apiFor, generateFrom, quickPolicy, realDeps } from './coreHarness';

async function refused(mock: MockServer, scenario: Parameters<MockServer['setScenario']>[0]['default'], pattern: RegExp, download = {}): Promise<SparkError> {
  mock.setScenario({ next: [scenario ?? {}] });
  try {
    await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy, download });
  } catch (error) {
    assert.ok(error instanceof SparkError, String(error));
    assert.strictEqual(error.kind, 'download', error.message);
    assert.match(error.message, pattern);
    assert.ok(error.taskId, 'the task id stays known');
    return error;
  }
  assert.fail('expected the download to be refused');
}

describe('downloads: every refusal', function () {
  this.timeout(20_000);
  let mock: MockServer;

  before(async () => {
    mock = await startMockServer({ defaultScenario: { queuedMs: 20, durationMs: 60 } });
  });
  beforeEach(() => mock.reset());
  after(() => mock.close());

  it('refuses file:, data:, javascript: and plain http to other hosts before fetching anything', async () => {
    for (const [imageUrl, pattern] of [
      ['file', /file: address/],
      ['data', /data: address/],
      ['javascript', /javascript: address/],
      ['remote', /plain http is allowed only for localhost/],
    ] as const) {
      await refused(mock, { imageUrl }, pattern);
    }
    assert.strictEqual(mock.counts.downloads, 0);
    assert.throws(() => checkDownloadUrl('https://user:pw@example.com/x.png'), () => true);
    assert.strictEqual(checkDownloadUrl('https://example.com/x.png').host, 'example.com');
  });

  it('refuses SVG and HTML served as image/png, by magic bytes', async () => {
    await refused(mock, { image: { kind: 'svg' } }, /it is SVG.*image\/png/);
    await refused(mock, { image: { kind: 'html' } }, /it is HTML/);
  });

  it('refuses a missing image and a truncated one', async () => {
    await refused(mock, { image: { kind: 'missing' } }, /HTTP 404/);
    // node-fetch 2 does not surface a reset after the headers; the idle timeout ends it.
    await refused(mock, { image: { kind: 'truncated' } }, /stalled|cut short|download failed/, { idleTimeoutMs: 400 });
  });

  it('aborts at the size cap, declared or streamed', async () => {
    await refused(mock, { image: { kind: 'oversized', bytes: 3_000_000 } }, /above the limit of 2 MB/, { maxBytes: 2 * 1024 * 1024 });
    await refused(mock, { image: { kind: 'oversized', bytes: 3_000_000, chunked: true } }, /grew beyond the limit of 2 MB/, { maxBytes: 2 * 1024 * 1024 });
  });

  it('aborts a dripping body at the idle timeout', async () => {
    const started = Date.now();
    await refused(mock, { image: { kind: 'drip' } }, /stalled/, { idleTimeoutMs: 300 });
    assert.ok(Date.now() - started < 3000);
  });

  it('re-checks every redirect: loops, too many hops, other schemes and hosts', async () => {
    await refused(mock, { image: { kind: 'redirect', to: 'loop' } }, /loop|more than 3 redirects/);
    await refused(mock, { image: { kind: 'redirect', hops: 4 } }, /more than 3 redirects/);
    await refused(mock, { image: { kind: 'redirect', to: 'file' } }, /file: address/);
    await refused(mock, { image: { kind: 'redirect', to: 'remote' } }, /only for localhost/);
  });

  it('follows a redirect to another loopback origin, still without Authorization', async () => {
    mock.setScenario({ next: [{ image: { kind: 'redirect', to: 'other-origin' } }] });
    const result = await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    assert.strictEqual(result.images[0].info.format, 'png');
    assert.ok(mock.log.filter((r) => r.origin === 'images').every((r) => r.authorization === null));
  });

  it('cancelling while the image drips in stops at once', async () => {
    mock.setScenario({ next: [{ image: { kind: 'drip' } }] });
    const controller = new AbortController();
    let downloadingAt = 0;
    const pending = generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), {
      policy: quickPolicy,
      signal: controller.signal,
      onProgress: (report) => {
        if (report.phase === 'downloading' && !downloadingAt) {
          downloadingAt = Date.now();
          setTimeout(() => controller.abort(), 200);
        }
      },
    });
    await assert.rejects(pending, (error: unknown) => error instanceof SparkError && error.kind === 'cancelled');
    assert.ok(downloadingAt > 0 && Date.now() - downloadingAt < 400, 'stopped within about 100 ms of the cancel');
    assert.ok(downloadImage.length >= 2);
  });
});
