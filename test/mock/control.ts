// Test control over HTTP on the API origin (no auth), for tests that run outside this process.
// These requests are neither logged nor counted, so they never disturb what a test observes.
import type { IncomingMessage, ServerResponse } from 'http';
import { readBody, sendJson } from './http';
import { checkSettings } from './scenario';
import type { MockState } from './state';
import { taskInfo } from './tasks';

export const CONTROL_PREFIX = '/__mock/';

export async function handleControl(req: IncomingMessage, res: ServerResponse, state: MockState): Promise<void> {
  const raw = await readBody(req);
  const path = new URL(req.url ?? '/', 'http://mock').pathname;
  const route = `${req.method} ${path}`;
  switch (route) {
    case 'POST /__mock/scenario': {
      try {
        const text = raw === 'too-large' ? '' : raw.toString('utf8');
        state.setScenario(checkSettings(JSON.parse(text || '{}')));
      } catch (error) {
        return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
      return sendJson(res, 200, { default: state.defaultScenario, next: state.pending });
    }
    case 'POST /__mock/reset':
      state.reset();
      return sendJson(res, 200, { ok: true });
    case 'GET /__mock/log':
      return sendJson(res, 200, { requests: state.log });
    case 'GET /__mock/counts':
      return sendJson(res, 200, state.counts);
    case 'GET /__mock/events':
      return sendJson(res, 200, { events: state.recorder.events });
    case 'GET /__mock/billing':
      return sendJson(res, 200, { billing: state.recorder.billing });
    case 'GET /__mock/tasks':
      return sendJson(res, 200, { tasks: [...state.tasks.values()].map(taskInfo) });
    case 'POST /__mock/finish': {
      // Ends a task now (completed, or failed if its scenario fails), `never` ones included:
      // a test decides when a task is done instead of racing a timer against a deadline.
      let id: unknown;
      try {
        id = raw === 'too-large' ? undefined : (JSON.parse(raw.toString('utf8') || '{}') as { id?: unknown } | null)?.id;
      } catch (error) {
        return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
      const task = typeof id === 'string' ? state.tasks.get(id) : undefined;
      if (!task) {
        return sendJson(res, 404, { error: `no task ${JSON.stringify(id)}` });
      }
      task.scenario = { ...task.scenario, never: false, queuedMs: 0, durationMs: 0 };
      return sendJson(res, 200, taskInfo(task));
    }
    default:
      return sendJson(res, 404, { error: `unknown control route ${route}` });
  }
}
