import * as assert from 'assert';
import fetch from 'node-fetch';
import type { LoggedRequest } from './state';
import type { TaskInfo } from './tasks';

/**
 * A test's side of the mock's loopback control endpoints (CONTRACT.md), for whichever mock
 * `baseUrl()` names when called: the host harness and the ui layer each reach their own.
 */
export function mockControlAt(baseUrl: () => string) {
  const post = (path: string, body?: unknown) =>
    fetch(`${baseUrl()}${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${baseUrl()}${path}`)).json()) as T;
  return {
    async scenario(settings: unknown): Promise<void> {
      const response = await post('/__mock/scenario', settings);
      assert.strictEqual(response.status, 200, await response.text());
    },
    async reset(): Promise<void> {
      await post('/__mock/reset');
    },
    counts: () => get<{ creates: number; polls: number; downloads: number; tasks: number }>('/__mock/counts'),
    log: async (): Promise<LoggedRequest[]> => (await get<{ requests: LoggedRequest[] }>('/__mock/log')).requests,
    tasks: async (): Promise<TaskInfo[]> => (await get<{ tasks: TaskInfo[] }>('/__mock/tasks')).tasks,
    /** Ends a task now (a `never` one included): the test, not a timer, decides when it is done. */
    async finish(taskId: string): Promise<void> {
      const response = await post('/__mock/finish', { id: taskId });
      assert.strictEqual(response.status, 200, await response.text());
    },
  };
}
