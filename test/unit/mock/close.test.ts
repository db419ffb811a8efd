// Proves the mock leaves nothing behind (close() with hanging, dripping and streaming requests in
// flight) and that its command line starts, serves and stops on Ctrl+C.
import * as assert from 'assert';
import { spawn } from 'child_process';
import { get, type IncomingMessage } from 'http';
import * as path from 'path';
import { rawRequest } from '../../mock/rawHttp';
import { startMockServer } from '../../mock/server';

/** Open TCP handles of this process (servers and sockets). */
function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a download and reads none of the body, so the server is parked on backpressure. A paused
 * client cannot notice the reset until it reads again: resume() lets it drain and see the end.
 */
function pausedDownload(url: string): { done: Promise<'closed'>; resume(): void } {
  let response: IncomingMessage | undefined;
  const done = new Promise<'closed'>((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      response = res;
      res.pause();
      res.on('close', () => resolve('closed'));
      res.on('error', () => resolve('closed'));
    });
    req.on('error', () => resolve('closed'));
  });
  return { done, resume: () => response?.resume() };
}

describe('mock API server shutdown and CLI', function () {
  it('close() ends hanging, dripping and streaming requests and releases every handle', async () => {
    const before = tcpHandles();
    const mock = await startMockServer({ defaultScenario: { queuedMs: 0, durationMs: 0 } });
    const auth = { Authorization: `Bearer ${mock.apiKey}` };
    const body = { model: 'spark_image_3_1', input: [{ params: { prompt: 'x', width: 512, height: 512 } }] };
    const imageUrl = async (image: object): Promise<string> => {
      mock.setScenario({ next: [{ image: image as never }] });
      const created = await rawRequest(mock.createUrl, { method: 'POST', headers: auth, body });
      const task = await rawRequest(mock.taskUrl((created as { json: { id: string } }).json.id), { headers: auth });
      return (task as { json: { output: Array<{ content: Array<{ url: string }> }> } }).json.output[0].content[0].url;
    };
    const drip = await imageUrl({ kind: 'drip' });
    const oversized = await imageUrl({ kind: 'oversized' });
    mock.setScenario({ default: { create: { kind: 'hang' } } });

    const memoryBefore = process.memoryUsage().arrayBuffers;
    const paused = pausedDownload(oversized);
    const inFlight = [
      rawRequest(mock.createUrl, { method: 'POST', headers: auth, body, timeoutMs: 5000 }),
      rawRequest(drip, { timeoutMs: 5000 }),
    ];
    await sleep(50);
    assert.ok(tcpHandles() > before);
    // The 60 MiB body is streamed on demand: a stalled reader costs the mock buffers, not the body.
    assert.ok(process.memoryUsage().arrayBuffers - memoryBefore < 16 * 1024 * 1024, 'oversized body held in memory');
    const started = Date.now();
    // close() resolves only once both servers have no connection left (http.Server 'close').
    await mock.close();
    assert.ok(Date.now() - started < 500, `close took ${Date.now() - started} ms`);
    for (const result of await Promise.all(inFlight)) {
      assert.ok('error' in result || result.aborted, JSON.stringify(result).slice(0, 200));
    }
    paused.resume();
    assert.strictEqual(await paused.done, 'closed');
    await mock.close(); // idempotent
    await sleep(20);
    assert.strictEqual(tcpHandles(), before, process.getActiveResourcesInfo().join(', '));
    assert.deepStrictEqual(await rawRequest(`${mock.baseUrl}/__mock/counts`, { timeoutMs: 500 }), { error: 'reset' });
    assert.deepStrictEqual(await rawRequest(`${mock.imageBaseUrl}/images/x/0.png`, { timeoutMs: 500 }), { error: 'reset' });
  });

  it('the CLI prints the base URL and key, serves, and exits on SIGINT', async function () {
    this.timeout(5000);
    const cli = spawn(process.execPath, [path.join(__dirname, '..', '..', 'mock', 'cli.js'), '--port', '0', '--image-port', '0', '--key', 'cli-key', '--duration', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        cli.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ctrl+C')) resolve();
        });
        cli.on('exit', (code) => reject(new Error(`cli exited early (${code}): ${output}`)));
      });
      const baseUrl = /base URL:\s+(\S+)/.exec(output)?.[1];
      assert.match(String(baseUrl), /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(output, /API key:\s+cli-key/);
      const headers = { Authorization: 'Bearer cli-key' };
      const created = await rawRequest(`${baseUrl}/model/v1/generation`, { method: 'POST', headers, body: { model: 'spark_image_3_1', input: [{ params: { prompt: 'x', width: 512, height: 512 } }] } });
      const id = (created as { json: { id: string } }).json.id;
      await sleep(5); // queuedMs stays at its 200 ms default; --duration 0 ends the task at once
      const task = await rawRequest(`${baseUrl}/model/v1/generation/task/${id}`, { headers });
      assert.strictEqual((task as { json: { status: string } }).json.status, 'completed');
      const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
      cli.kill('SIGINT');
      assert.strictEqual(await exited, 0);
    } finally {
      if (cli.exitCode === null) cli.kill('SIGKILL');
    }
  });
});
