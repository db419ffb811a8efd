// Proves each fault kind of the mock is observable on the wire: create, poll and image faults.
import * as assert from 'assert';
import { isResponse, rawRequest, type RawOptions, type RawResponse, type RawResult } from '../../mock/rawHttp';
import { startMockServer, type MockServer, type Scenario } from '../../mock/server';

async function call(url: string, options: RawOptions = {}): Promise<RawResponse> {
  const result = await rawRequest(url, options);
  assert.ok(isResponse(result), `expected a response from ${url}, got ${JSON.stringify(result)}`);
  return result;
}

describe('mock API server faults', function () {
  let mock: MockServer;
  // The seed's flat wire: these suites pin its shapes; gatewayContract.test.ts pins the gateway's.
  const fast: Scenario = { wire: 'flat', queuedMs: 0, durationMs: 0 };

  before(async () => {
    mock = await startMockServer({ defaultScenario: fast });
  });
  after(async () => {
    await mock.close();
  });
  beforeEach(() => mock.reset());

  const auth = () => ({ Authorization: `Bearer ${mock.apiKey}` });
  const body = { model: 'spark_image_3_1', prompt: 'a red fox', width: 600, height: 600 };
  const createRaw = (options: Partial<RawOptions> = {}): Promise<RawResult> => rawRequest(mock.createUrl, { method: 'POST', body, headers: auth(), ...options });
  const create = () => call(mock.createUrl, { method: 'POST', body, headers: auth() });
  const poll = (id: string, options: Partial<RawOptions> = {}) => rawRequest(mock.taskUrl(id), { headers: auth(), ...options });
  async function completedUrl(scenario: Scenario): Promise<{ url: string; size: number; id: string }> {
    mock.setScenario({ next: [scenario] });
    const created = await create();
    const task = await call(mock.taskUrl(created.json.id), { headers: auth() });
    const item = task.json.output[0].content[0];
    return { url: item.url, size: item.size, id: created.json.id };
  }

  describe('on create', () => {
    it('answers 429 with Retry-After in seconds for the first N creates, then creates', async () => {
      mock.setScenario({ next: [{ create: { kind: 'status', status: 429, retryAfter: 2, times: 2 } }] });
      for (let i = 0; i < 2; i++) {
        const res = await create();
        assert.strictEqual(res.status, 429);
        assert.strictEqual(res.headers['retry-after'], '2');
        assert.deepStrictEqual(res.json, { error: { code: 429, error_message: 'Too many requests' } });
      }
      assert.strictEqual((await create()).status, 200);
      assert.deepStrictEqual(mock.counts, { creates: 3, polls: 0, downloads: 0, tasks: 1 });
    });

    it('answers 503 with Retry-After as an HTTP-date at least that far ahead', async () => {
      mock.setScenario({ next: [{ create: { kind: 'status', status: 503, retryAfter: 3, retryAfterFormat: 'date', times: 1 } }] });
      const res = await create();
      assert.strictEqual(res.status, 503);
      const until = Date.parse(String(res.headers['retry-after']));
      assert.match(String(res.headers['retry-after']), /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      assert.ok(until - Date.now() > 2000 && until - Date.now() <= 4000, `${until - Date.now()} ms ahead`);
      assert.strictEqual((await create()).status, 200);
    });

    it('answers 500/502/504 without Retry-After, and keeps failing while times is omitted', async () => {
      for (const status of [500, 502, 504]) {
        mock.setScenario({ default: { ...fast, create: { kind: 'status', status } } });
        for (let i = 0; i < 3; i++) {
          const res = await create();
          assert.strictEqual(res.status, status);
          assert.strictEqual(res.headers['retry-after'], undefined);
        }
      }
      assert.strictEqual(mock.counts.tasks, 0);
    });

    it('resets the connection after reading the body', async () => {
      mock.setScenario({ next: [{ create: { kind: 'reset', times: 1 } }] });
      assert.deepStrictEqual(await createRaw(), { error: 'reset' });
      assert.deepStrictEqual(mock.log[0].body, body);
      assert.strictEqual((await create()).status, 200);
    });

    it('hangs without answering', async () => {
      mock.setScenario({ next: [{ create: { kind: 'hang', times: 1 } }] });
      const result = await createRaw({ timeoutMs: 150 });
      assert.strictEqual((result as { error: string }).error, 'timeout');
      assert.strictEqual((await create()).status, 200);
    });

    it('answers an HTML page, an empty body, a 200 without id and a 200 carrying an error', async () => {
      mock.setScenario({
        next: [
          { create: { kind: 'html', times: 1 } },
          { create: { kind: 'empty', times: 1 } },
          { create: { kind: 'no-id', times: 1 } },
          { create: { kind: 'error-body', times: 1 } },
          { envelope: 'wrapped', create: { kind: 'error-body', code: 3002098, times: 1 } },
          { codeStyle: 'string', create: { kind: 'error-body', message: 'busy', times: 1 } },
        ],
      });
      const html = await create();
      assert.strictEqual(html.status, 502);
      assert.match(String(html.headers['content-type']), /text\/html/);
      assert.match(html.body.toString(), /^<!DOCTYPE html>/);
      const empty = await create();
      assert.deepStrictEqual([empty.status, empty.body.length], [200, 0]);
      assert.deepStrictEqual((await create()).json, { status: 'queued' });
      assert.deepStrictEqual((await create()).json, { error: { code: 3002099, error_message: 'Service unavailable' } });
      assert.deepStrictEqual((await create()).json, { code: 3002098, message: 'Status check error', data: null });
      const last = await create();
      assert.deepStrictEqual([last.status, last.json], [200, { error: { code: '003002099', error_message: 'busy' } }]);
      assert.strictEqual(mock.counts.tasks, 0);
      assert.strictEqual((await create()).status, 200);
    });

    it('lets a default create fault fire `times` times across creates, independent of the queue', async () => {
      mock.setScenario({ default: { ...fast, create: { kind: 'status', status: 503, times: 1 } }, next: [{ format: 'jpeg' }] });
      assert.strictEqual((await create()).status, 503);
      const created = await create();
      const task = await call(mock.taskUrl(created.json.id), { headers: auth() });
      assert.ok(task.json.output[0].content[0].url.endsWith('.jpg'), 'the queued entry was not used up by the fault');
    });
  });

  describe('on poll', () => {
    async function pollFault(scenario: Scenario): Promise<{ id: string; results: RawResult[] }> {
      mock.setScenario({ next: [scenario] });
      const id = (await create()).json.id as string;
      const results: RawResult[] = [];
      for (let i = 0; i < 3; i++) results.push(await poll(id, { timeoutMs: 1000 }));
      return { id, results };
    }

    it('fails N polls with 5xx, then answers normally', async () => {
      const { results } = await pollFault({ ...fast, poll: { kind: 'status', status: 502, times: 2 } });
      assert.deepStrictEqual(results.map((r) => (r as RawResponse).status), [502, 502, 200]);
      assert.strictEqual((results[2] as RawResponse).json.status, 'completed');
    });

    it('answers 429 with Retry-After on polls', async () => {
      const { results } = await pollFault({ ...fast, poll: { kind: 'status', status: 429, times: 1 } });
      assert.strictEqual((results[0] as RawResponse).status, 429);
      assert.strictEqual((results[0] as RawResponse).headers['retry-after'], '1');
      assert.strictEqual((results[1] as RawResponse).status, 200);
    });

    it('answers broken JSON, resets and hangs', async () => {
      const broken = (await pollFault({ ...fast, poll: { kind: 'broken-json', times: 1 } })).results;
      assert.strictEqual((broken[0] as RawResponse).status, 200);
      assert.match(String((broken[0] as RawResponse).headers['content-type']), /application\/json/);
      assert.strictEqual((broken[0] as RawResponse).json, undefined);
      assert.strictEqual((broken[1] as RawResponse).json.status, 'completed');
      const reset = (await pollFault({ ...fast, poll: { kind: 'reset', times: 2 } })).results;
      assert.deepStrictEqual(reset.slice(0, 2), [{ error: 'reset' }, { error: 'reset' }]);
      assert.strictEqual((reset[2] as RawResponse).status, 200);
      const hang = (await pollFault({ ...fast, poll: { kind: 'hang', times: 1 } })).results;
      assert.strictEqual((hang[0] as { error: string }).error, 'timeout');
      assert.strictEqual((hang[1] as RawResponse).status, 200);
      assert.strictEqual(mock.counts.polls, 9);
    });
  });

  describe('on images', () => {
    it('serves SVG or HTML labelled image/png, with size = bytes served', async () => {
      for (const kind of ['svg', 'html'] as const) {
        const { url, size } = await completedUrl({ image: { kind } });
        const res = await call(url);
        assert.strictEqual(res.headers['content-type'], 'image/png');
        assert.match(res.body.toString(), kind === 'svg' ? /^<svg/ : /^<!DOCTYPE html>/);
        assert.strictEqual(size, res.body.length);
      }
    });

    it('answers 404 for a missing image, only `times` times', async () => {
      const { url } = await completedUrl({ image: { kind: 'missing', times: 1 } });
      assert.strictEqual((await call(url)).status, 404);
      assert.strictEqual((await call(url)).status, 200);
    });

    it('streams an oversized body lazily, declared or chunked', async () => {
      const declared = await completedUrl({ image: { kind: 'oversized' } });
      assert.strictEqual(declared.size, 60 * 1024 * 1024);
      const head = await call(declared.url, { maxBytes: 256 * 1024 });
      assert.strictEqual(head.headers['content-length'], String(60 * 1024 * 1024));
      assert.ok(head.body.length >= 256 * 1024 && head.body.length < 60 * 1024 * 1024);
      assert.strictEqual(head.body.toString('ascii', 1, 4), 'PNG');
      const whole = await completedUrl({ image: { kind: 'oversized', bytes: 3_000_000, chunked: true, reportedSize: 1000 } });
      assert.strictEqual(whole.size, 1000);
      const res = await call(whole.url);
      assert.strictEqual(res.headers['content-length'], undefined);
      assert.strictEqual(res.headers['transfer-encoding'], 'chunked');
      assert.strictEqual(res.body.length, 3_000_000);
    });

    it('drips a few bytes and then stalls', async () => {
      const { url, size } = await completedUrl({ image: { kind: 'drip' } });
      const result = await rawRequest(url, { timeoutMs: 200 });
      assert.ok('error' in result && result.error === 'timeout');
      assert.strictEqual(result.partial?.status, 200);
      assert.strictEqual(result.partial?.headers['content-length'], String(size));
      assert.strictEqual(result.partial?.body.length, 8);
    });

    it('truncates: declares the full length, sends part, then resets', async () => {
      const { url, size } = await completedUrl({ image: { kind: 'truncated', bytes: 1000 } });
      const res = await call(url);
      assert.strictEqual(res.headers['content-length'], String(size));
      assert.strictEqual(res.aborted, true);
      assert.strictEqual(res.body.length, 1000);
    });

    it('redirects through N hops on the image server and then serves the image', async () => {
      const { url, size } = await completedUrl({ image: { kind: 'redirect', hops: 3, status: 307 } });
      let next = url;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await call(next);
        statuses.push(res.status);
        if (res.status !== 307) {
          assert.strictEqual(res.body.length, size);
          break;
        }
        next = new URL(String(res.headers.location), next).href;
        assert.strictEqual(new URL(next).origin, mock.imageBaseUrl);
      }
      assert.deepStrictEqual(statuses, [307, 307, 307, 200]);
    });

    it('redirects in a loop, to another origin, to a remote host and to file:', async () => {
      const loop = await completedUrl({ image: { kind: 'redirect', to: 'loop' } });
      const seen = new Set<string>();
      let next = loop.url;
      for (let i = 0; i < 6; i++) {
        const res = await call(next);
        assert.strictEqual(res.status, 302);
        next = String(res.headers.location);
        seen.add(next);
      }
      assert.strictEqual(seen.size, 2);

      const other = await completedUrl({ image: { kind: 'redirect', to: 'other-origin', hops: 2 } });
      const first = await call(other.url);
      const second = await call(String(first.headers.location));
      const target = String(second.headers.location);
      assert.notStrictEqual(new URL(target).origin, mock.imageBaseUrl);
      assert.strictEqual(new URL(target).hostname, '127.0.0.1');
      const served = await call(target);
      assert.deepStrictEqual([served.status, served.body.length], [200, other.size]);

      for (const [to, location] of [['remote', 'http://example.com/x.png'], ['file', 'file:///etc/passwd']] as const) {
        const { url } = await completedUrl({ image: { kind: 'redirect', to } });
        assert.strictEqual((await call(url)).headers.location, location);
      }
    });

    it('puts data:, file:, javascript: and foreign-host URLs in the output, contacting none of them', async () => {
      const expected = { data: /^data:image\/png;base64,/, file: /^file:\/\/\/etc\/passwd$/, javascript: /^javascript:/, remote: /^http:\/\/203\.0\.113\.5\/x\.png$/ };
      for (const [imageUrl, pattern] of Object.entries(expected)) {
        const { url } = await completedUrl({ imageUrl: imageUrl as Scenario['imageUrl'] });
        assert.match(url, pattern);
      }
      assert.strictEqual(mock.counts.downloads, 0);
    });
  });
});
