import * as assert from 'assert';
import * as http from 'http';
import { AddressInfo } from 'net';
import { systemClock } from '../../src/core/base/clock';
import { SparkClient } from '../../src/core/api/client';
import { SparkError } from '../../src/core/spec/errors';
import { FetchLike, HttpResponse, MAX_JSON_BYTES, readJson, ResponseBodyError } from '../../src/core/api/http';
import { silentLogger } from '../../src/core/base/logger';
import { nodeFetch } from '../../src/node/nodeFetch';

const CHUNK = 64 * 1024;

/**
 * An adversarial API on loopback: /endless/* streams a JSON string that never ends (with
 * backpressure, so it only writes what the client takes), /declared/* announces 50 MiB.
 */
async function hostileApi(): Promise<{ base: string; requests: string[]; dropped: Promise<void>; close: () => Promise<void> }> {
  const requests: string[] = [];
  let markDropped: () => void = () => undefined;
  const dropped = new Promise<void>((resolve) => (markDropped = resolve));
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.url?.includes('/declared/')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) });
      res.write('{"id":"');
      res.on('close', markDropped);
      return;
    }
    if (req.url?.includes('/small/')) {
      // A valid task whose multi-byte text arrives split across chunks.
      const body = Buffer.from('{"id":"t-1","status":"running","note":"灯塔"}');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(body.subarray(0, body.length - 5));
      setTimeout(() => res.end(body.subarray(body.length - 5)), 20);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"id":"t-1","status":"running","padding":"');
    const filler = Buffer.alloc(CHUNK, 'a');
    let open = true;
    res.on('close', () => {
      open = false;
      markDropped();
    });
    const pump = () => {
      while (open && res.write(filler)) {
        // keep writing while the socket takes it
      }
    };
    res.on('drain', pump);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    dropped,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The real transport, counting every body byte the reader actually took. */
function countingFetch(): { fetch: FetchLike; bytesRead: () => number } {
  let bytes = 0;
  const fetch: FetchLike = async (url, init) => {
    const response = await nodeFetch(url, init);
    const body = response.body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | null;
    if (!body) {
      return response;
    }
    const counted = {
      [Symbol.asyncIterator]: () => {
        const inner = body[Symbol.asyncIterator]();
        return {
          next: async () => {
            const next = await inner.next();
            if (!next.done) {
              bytes += next.value.byteLength;
            }
            return next;
          },
          return: async () => inner.return?.() ?? { done: true as const, value: undefined },
        };
      },
      destroy: () => body.destroy?.(),
    };
    return { status: response.status, headers: response.headers, text: () => response.text(), body: counted } as HttpResponse;
  };
  return { fetch, bytesRead: () => bytes };
}

function clientFor(base: string, fetch: FetchLike, path: string): SparkClient {
  return new SparkClient(
    { baseUrl: base, createPath: `/${path}/create`, taskPath: `/${path}/task/{id}`, apiKey: 'sk-test' },
    { fetch, clock: systemClock, random: () => 0.5, logger: silentLogger },
    { maxAttempts: 4, baseDelayMs: 10, maxRetryAfterMs: 1000, requestTimeoutMs: 30_000 },
  );
}

describe('API answers are read capped at 1 MiB', function () {
  this.timeout(20_000);
  let api: Awaited<ReturnType<typeof hostileApi>>;

  beforeEach(async () => {
    api = await hostileApi();
  });
  afterEach(() => api.close());

  it('a status answer that never ends is dropped within 1 MiB and counts as a transient failure', async () => {
    const { fetch, bytesRead } = countingFetch();
    const answer = await clientFor(api.base, fetch, 'endless').getTask('t-1');
    assert.strictEqual(answer.kind, 'transient');
    assert.match(answer.kind === 'transient' ? answer.reason : '', /larger than 1048576 bytes/);
    assert.ok(bytesRead() <= MAX_JSON_BYTES + CHUNK, `read ${bytesRead()} bytes`);
    // The connection is closed at once, not left for the server to fill.
    await api.dropped;
  });

  it('a create answer that never ends is an unknown outcome, and the create is not sent again', async () => {
    const { fetch, bytesRead } = countingFetch();
    await assert.rejects(clientFor(api.base, fetch, 'endless').createTask({ model: 'spark_image_3_1', prompt: 'x', width: 1328, height: 1328, seed: 1, use_pre_llm: false }), (error: unknown) => {
      assert.ok(error instanceof SparkError, String(error));
      assert.strictEqual(error.kind, 'outcomeUnknown', error.message);
      assert.match(error.message, /larger than 1048576 bytes/);
      return true;
    });
    assert.ok(bytesRead() <= MAX_JSON_BYTES + CHUNK, `read ${bytesRead()} bytes`);
    assert.deepStrictEqual(api.requests, ['POST /endless/create']);
    await api.dropped;
  });

  it('an answer that announces more than the cap is dropped before its body is read', async () => {
    const { fetch, bytesRead } = countingFetch();
    const response = await fetch(`${api.base}/declared/task/t-1`, { method: 'GET' });
    await assert.rejects(readJson(response), ResponseBodyError);
    assert.strictEqual(bytesRead(), 0);
    await api.dropped;
  });

  it('an answer that stalls is dropped at the idle timeout', async () => {
    const response = await nodeFetch(`${api.base}/declared/task/t-1`, { method: 'GET' });
    await assert.rejects(readJson(response, { maxBytes: 100 * 1024 * 1024, idleTimeoutMs: 100 }), /no byte of the answer arrived/);
    await api.dropped;
  });

  it('a small answer is read whole, multi-byte text split across chunks included', async () => {
    const answer = await clientFor(api.base, nodeFetch, 'small').getTask('t-1');
    assert.strictEqual(answer.kind, 'task');
    const response = await nodeFetch(`${api.base}/small/task/t-1`, { method: 'GET' });
    const { json } = await readJson(response);
    assert.strictEqual((json as { note: string }).note, '灯塔');
  });
});
