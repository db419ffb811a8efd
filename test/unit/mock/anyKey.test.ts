// The demo's mock accepts whatever key a newcomer types at Set API Key; every other mock still
// answers 401 to a wrong key. A body the API refuses tells "past the key check" (400) from "refused" (401).
import * as assert from 'assert';
import { isResponse, rawRequest } from '../../mock/rawHttp';
import { startMockServer } from '../../mock/server';

async function createStatus(url: string, authorization?: string): Promise<number> {
  const result = await rawRequest(url, { method: 'POST', body: {}, headers: authorization ? { Authorization: authorization } : {} });
  assert.ok(isResponse(result), `expected a response from ${url}, got ${JSON.stringify(result)}`);
  return result.status;
}

describe('mock API: acceptAnyKey (the demo)', () => {
  it('lets any non-empty bearer key past the key check, and still refuses a request without one', async () => {
    const mock = await startMockServer({ acceptAnyKey: true });
    try {
      assert.strictEqual(await createStatus(mock.createUrl, 'Bearer whatever-the-newcomer-typed'), 400);
      assert.strictEqual(await createStatus(mock.createUrl, `Bearer ${mock.apiKey}`), 400);
      assert.strictEqual(await createStatus(mock.createUrl), 401);
      assert.strictEqual(await createStatus(mock.createUrl, 'Bearer '), 401);
    } finally {
      await mock.close();
    }
  });

  it('is off by default: a wrong key is refused', async () => {
    const mock = await startMockServer();
    try {
      assert.strictEqual(await createStatus(mock.createUrl, 'Bearer whatever-the-newcomer-typed'), 401);
      assert.strictEqual(await createStatus(mock.createUrl, `Bearer ${mock.apiKey}`), 400);
    } finally {
      await mock.close();
    }
  });
});
