import * as assert from 'assert';
import * as http from 'http';
import { AddressInfo } from 'net';
import { destinationGuard, downloadImage, imageDownloadFor } from '../../src/core/download/download';
import { SparkError } from '../../src/core/spec/errors';
import { silentLogger } from '../../src/core/base/logger';
import { guardedLookup, ResolvedAddress, Resolver } from '../../src/node/lookup';
import { createNodeFetch } from '../../src/node/nodeFetch';
import { encodePng } from '../mock/png';
import { makePicture } from '../mock/picture';
import { REFUSED } from './refusedAddresses';

/** A resolver that answers from a script, one answer per lookup, and counts the lookups. */
function scriptedResolver(...answers: string[][]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    const answer = answers[Math.min(calls.length, answers.length - 1)];
    calls.push(hostname);
    return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

/** Runs the lookup the way an Agent does and returns what it answered. */
function lookUp(resolve: Resolver, url: string, hostname: string, allowLoopback = false): Promise<{ error: Error | null; address: unknown }> {
  const lookup = guardedLookup(resolve, destinationGuard(url, { allowLoopback }));
  return new Promise((done) => lookup(hostname, { all: true }, (error, address) => done({ error, address })));
}

/** An image server on loopback that counts every connection, so "nothing was contacted" is checked. */
async function imageServer(routes: Record<string, (res: http.ServerResponse) => void>): Promise<{ base: string; port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = http.createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) {
      route(res);
    } else {
      res.writeHead(404).end();
    }
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const png = encodePng(makePicture('x', 1, 0, 8, 8));

async function refusal(promise: Promise<unknown>): Promise<SparkError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SparkError, String(error));
    assert.strictEqual(error.kind, 'download', error.message);
    assert.doesNotMatch(error.message, /download failed/, 'a refusal is never reported as a network failure');
    return error;
  }
  assert.fail('expected a refusal');
}

describe('download destinations: checked on the resolved address, at connect time', function () {
  this.timeout(10_000);

  it('refuses a public-looking name that resolves to any refused range, naming the name, the address and the rule', async () => {
    for (const [address, block] of REFUSED) {
      const { error } = await lookUp(scriptedResolver([address]), 'https://cdn.example.com/x.png', 'cdn.example.com');
      assert.ok(error instanceof SparkError, address);
      assert.ok(error.message.includes(`cdn.example.com resolves to ${address}`), error.message);
      assert.ok(error.message.includes(block), error.message);
    }
  });

  it('checks every lookup anew: a name that answers public, then 10.x (DNS rebinding), is refused the second time', async () => {
    const resolve = scriptedResolver(['93.184.216.34'], ['10.0.0.8']);
    const first = await lookUp(resolve, 'https://rebind.example.com/x.png', 'rebind.example.com');
    assert.strictEqual(first.error, null);
    assert.deepStrictEqual(first.address, [{ address: '93.184.216.34', family: 4 }]);
    const second = await lookUp(resolve, 'https://rebind.example.com/x.png', 'rebind.example.com');
    assert.match(String(second.error), /rebind\.example\.com resolves to 10\.0\.0\.8, a private network \(RFC 1918\) address \(10\.0\.0\.0\/8\)/);
    assert.strictEqual(resolve.calls.length, 2);
  });

  it('refuses a name whose answers mix a public and a private address (no fallback to the private one)', async () => {
    const { error } = await lookUp(scriptedResolver(['93.184.216.34', '192.168.1.1']), 'https://mixed.example.com/x.png', 'mixed.example.com');
    assert.match(String(error), /192\.168\.1\.1/);
  });

  it('the transport refuses at connect time: a name resolving to loopback, with an API that is not loopback, connects nowhere', async () => {
    const server = await imageServer({ '/x.png': (res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png) });
    try {
      const resolve = scriptedResolver(['127.0.0.1']);
      const error = await refusal(downloadImage(`https://images.example.com:${server.port}/x.png`, { fetch: createNodeFetch({ resolve }), logger: silentLogger }));
      assert.match(error.message, /images\.example\.com resolves to 127\.0\.0\.1, a loopback address/);
      assert.deepStrictEqual(resolve.calls, ['images.example.com']);
      assert.strictEqual(server.connections(), 0);
    } finally {
      await server.close();
    }
  });

  it('the transport refuses 0.0.0.0 behind a localhost name even with a loopback API (it would reach this machine)', async () => {
    const server = await imageServer({ '/x.png': (res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png) });
    try {
      const resolve = scriptedResolver(['0.0.0.0']);
      const error = await refusal(downloadImage(`http://rebind.localhost:${server.port}/x.png`, { fetch: createNodeFetch({ resolve }), logger: silentLogger }, { allowLoopback: true }));
      assert.match(error.message, /rebind\.localhost resolves to 0\.0\.0\.0, a "this network" address \(0\.0\.0\.0\/8\)/);
      assert.strictEqual(server.connections(), 0);
    } finally {
      await server.close();
    }
  });

  it('checks every redirect hop: to a private literal, and to a name that resolves to a refused address', async () => {
    const server = await imageServer({
      '/to-literal': (res) => res.writeHead(302, { Location: 'https://10.0.0.8/x.png' }).end(),
      '/to-mapped': (res) => res.writeHead(302, { Location: 'https://[::ffff:a9fe:a9fe]/latest/meta-data' }).end(),
      '/to-name': (res) => res.writeHead(302, { Location: `http://sneaky.localhost:${server.port}/x.png` }).end(),
      '/x.png': (res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png),
    });
    try {
      const resolve = scriptedResolver(['0.0.0.0']);
      const fetch = createNodeFetch({ resolve });
      const literal = await refusal(downloadImage(`${server.base}/to-literal`, { fetch, logger: silentLogger }, { allowLoopback: true }));
      assert.match(literal.message, /10\.0\.0\.8 is a private network \(RFC 1918\) address \(10\.0\.0\.0\/8\)/);
      const mapped = await refusal(downloadImage(`${server.base}/to-mapped`, { fetch, logger: silentLogger }, { allowLoopback: true }));
      assert.match(mapped.message, /::ffff:a9fe:a9fe is a link-local address \(169\.254\.0\.0\/16\)/);
      const named = await refusal(downloadImage(`${server.base}/to-name`, { fetch, logger: silentLogger }, { allowLoopback: true }));
      assert.match(named.message, /sneaky\.localhost resolves to 0\.0\.0\.0/);
      // Three first hops reached the server; no hop after a redirect did.
      assert.strictEqual(server.connections(), 3);
    } finally {
      await server.close();
    }
  });

  it('loopback images are allowed only with a loopback API', async () => {
    assert.strictEqual(imageDownloadFor({}, { baseUrl: 'http://127.0.0.1:4010' }).download?.allowLoopback, true);
    assert.strictEqual(imageDownloadFor({}, { baseUrl: 'http://localhost:4010/v1' }).download?.allowLoopback, true);
    assert.strictEqual(imageDownloadFor({}, { baseUrl: 'https://[::1]:4010' }).download?.allowLoopback, true);
    assert.strictEqual(imageDownloadFor({}, { baseUrl: 'https://api.vtrix.example' }).download?.allowLoopback, false);
    // A caller cannot widen it: the API decides.
    assert.strictEqual(imageDownloadFor({ download: { allowLoopback: true } }, { baseUrl: 'https://api.vtrix.example' }).download?.allowLoopback, false);

    const server = await imageServer({ '/x.png': (res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png) });
    try {
      const resolve = scriptedResolver(['127.0.0.1']);
      const fetch = createNodeFetch({ resolve });
      const refused = await refusal(downloadImage(`${server.base}/x.png`, { fetch, logger: silentLogger }, imageDownloadFor({}, { baseUrl: 'https://api.vtrix.example' }).download));
      assert.match(refused.message, /127\.0\.0\.1 is a loopback address \(127\.0\.0\.0\/8\)/);
      assert.strictEqual(server.connections(), 0);
      const allowed = await downloadImage(`${server.base}/x.png`, { fetch, logger: silentLogger }, imageDownloadFor({}, { baseUrl: 'http://127.0.0.1:4010' }).download);
      assert.strictEqual(allowed.info.format, 'png');
      // By name too, and each download asks the resolver again (nothing cached between connections).
      await downloadImage(`http://img.localhost:${server.port}/x.png`, { fetch, logger: silentLogger }, { allowLoopback: true });
      await downloadImage(`http://img.localhost:${server.port}/x.png`, { fetch, logger: silentLogger }, { allowLoopback: true });
      assert.deepStrictEqual(resolve.calls, ['img.localhost', 'img.localhost']);
    } finally {
      await server.close();
    }
  });
});
