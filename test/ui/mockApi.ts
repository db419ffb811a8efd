import * as assert from 'assert';
import fetch from 'node-fetch';
import { TEST_ENV } from '../run/testEnv';

/** The ui layer's mock API server (started by the runner), driven over its loopback control endpoints. */
export const mockUrl = (): string => process.env[TEST_ENV.mockUrl] ?? '';
export const mockKey = (): string => process.env[TEST_ENV.mockKey] ?? '';

interface MockTask {
  id: string;
  prompt: string;
}

/** A fresh mock (no tasks, no request log) whose tasks all follow `scenario`. */
export async function mockScenario(scenario: Record<string, unknown>): Promise<void> {
  await fetch(`${mockUrl()}/__mock/reset`, { method: 'POST' });
  const response = await fetch(`${mockUrl()}/__mock/scenario`, { method: 'POST', body: JSON.stringify({ default: scenario }), headers: { 'Content-Type': 'application/json' } });
  assert.strictEqual(response.status, 200, await response.text());
}

export async function mockCreates(): Promise<number> {
  return ((await (await fetch(`${mockUrl()}/__mock/counts`)).json()) as { creates: number }).creates;
}

/** The id of the one task created for `prompt`. */
export async function mockTaskFor(prompt: string): Promise<string> {
  const { tasks } = (await (await fetch(`${mockUrl()}/__mock/tasks`)).json()) as { tasks: MockTask[] };
  const matching = tasks.filter((task) => task.prompt === prompt);
  assert.strictEqual(matching.length, 1, `tasks for "${prompt}": ${JSON.stringify(tasks)}`);
  return matching[0].id;
}

/** Ends a `never` task: it is done from the next status request on. */
export async function mockFinish(taskId: string): Promise<void> {
  const response = await fetch(`${mockUrl()}/__mock/finish`, { method: 'POST', body: JSON.stringify({ id: taskId }), headers: { 'Content-Type': 'application/json' } });
  assert.strictEqual(response.status, 200, await response.text());
}
