import * as assert from 'assert';
import { mockControlAt } from '../mock/controlClient';
import { TEST_ENV } from '../run/testEnv';

/** The ui layer's mock API server (started by the runner). */
export const mockUrl = (): string => process.env[TEST_ENV.mockUrl] ?? '';
export const mockKey = (): string => process.env[TEST_ENV.mockKey] ?? '';

const control = mockControlAt(mockUrl);

/** A fresh mock (no tasks, no request log) whose tasks all follow `scenario`. */
export async function mockScenario(scenario: Record<string, unknown>): Promise<void> {
  await control.reset();
  await control.scenario({ default: scenario });
}

export async function mockCreates(): Promise<number> {
  return (await control.counts()).creates;
}

/** The id of the one task created for `prompt`. */
export async function mockTaskFor(prompt: string): Promise<string> {
  const tasks = await control.tasks();
  const matching = tasks.filter((task) => task.prompt === prompt);
  assert.strictEqual(matching.length, 1, `tasks for "${prompt}": ${JSON.stringify(tasks)}`);
  return matching[0].id;
}

/** Ends a `never` task: it is done from the next status request on. */
export const mockFinish = (taskId: string): Promise<void> => control.finish(taskId);
