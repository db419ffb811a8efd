// The API origin: create (POST) and poll (GET), with bearer auth, validation and create/poll faults.
import type { IncomingMessage, ServerResponse } from 'http';
import { retryAfterHeader, readBody, sendError, sendJson, bodyForLog } from './http';
import { formatCode, isGateway, statusWord, type CreateFault, type PollFault, type Scenario } from './scenario';
import type { MockState } from './state';
import { createTask, taskBody } from './tasks';
import { FAILURE_MESSAGES, MODEL, validate } from './validation';

export interface ApiContext {
  apiKey: string;
  /** The demo's mock: any non-empty bearer key is accepted, so a newcomer's own first Set API Key works. */
  acceptAnyKey?: boolean;
  createPath: string;
  /** Matches a task path and captures its id. */
  taskPattern: RegExp;
  imageBaseUrl: string;
  state: MockState;
}

/** `/v1/tasks` → `/v1/tasks/{id}`; a path with `{id}` in it is used as the template. */
export function taskPattern(taskPath: string): RegExp {
  const template = taskPath.includes('{id}') ? taskPath : `${taskPath.replace(/\/$/, '')}/{id}`;
  const [before, after] = template.split('{id}').map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${before}([^/?#]+)${after}$`);
}

function authorised(req: IncomingMessage, apiKey: string, acceptAnyKey = false): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match !== null && (acceptAnyKey || match[1] === apiKey);
}

function envelope(scenario: Scenario, data: Record<string, unknown>): unknown {
  return scenario.envelope === 'wrapped' ? { code: 0, message: 'success', data } : data;
}

function retryHeaders(fault: { status: number; retryAfter?: number | null; retryAfterFormat?: 'seconds' | 'date' }): Record<string, string> {
  // 429 and 503 carry Retry-After (1 s unless told); other statuses only when asked.
  const seconds = fault.retryAfter === undefined ? (fault.status === 429 || fault.status === 503 ? 1 : null) : fault.retryAfter;
  return seconds === null ? {} : { 'Retry-After': retryAfterHeader(seconds, fault.retryAfterFormat) };
}

const REASONS: Record<number, string> = {
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

function answerStatusFault(res: ServerResponse, fault: { status: number; retryAfter?: number | null; retryAfterFormat?: 'seconds' | 'date'; body?: unknown }): void {
  if (fault.body !== undefined) return sendJson(res, fault.status, fault.body, retryHeaders(fault));
  return sendError(res, fault.status, REASONS[fault.status] ?? `HTTP ${fault.status}`, retryHeaders(fault));
}

function answerCreateFault(res: ServerResponse, fault: CreateFault, scenario: Scenario): void {
  switch (fault.kind) {
    case 'status':
      return answerStatusFault(res, fault);
    case 'reset':
      res.socket?.destroy();
      return;
    case 'hang':
      return; // answered never; close() destroys the socket
    case 'html': {
      const status = fault.status ?? 502;
      const html = `<!DOCTYPE html><html><head><title>${status} Bad Gateway</title></head><body><h1>${status} Bad Gateway</h1><hr><center>nginx</center></body></html>`;
      res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(html)) });
      res.end(html);
      return;
    }
    case 'empty':
      res.writeHead(fault.status ?? 200, { 'Content-Type': 'application/json', 'Content-Length': '0' });
      res.end();
      return;
    case 'no-id':
      return sendJson(res, 200, envelope(scenario, { status: statusWord(scenario, 'queued') }));
    case 'error-body': {
      const code = formatCode(scenario, fault.code ?? 3002099);
      const message = fault.message ?? FAILURE_MESSAGES[Number(code)] ?? 'Unknown error';
      const body = scenario.envelope === 'wrapped' ? { code, message, data: null } : { error: { code, error_message: message } };
      return sendJson(res, 200, body);
    }
  }
}

function answerPollFault(res: ServerResponse, fault: PollFault): void {
  switch (fault.kind) {
    case 'status':
      return answerStatusFault(res, fault);
    case 'broken-json': {
      const text = '{"id":"task_broken","status":"runn';
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(text.length) });
      res.end(text);
      return;
    }
    case 'reset':
      res.socket?.destroy();
      return;
    case 'hang':
      return;
  }
}

async function handleCreate(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, raw: Buffer | 'too-large'): Promise<void> {
  const { state } = ctx;
  state.counts.creates++;
  if (!authorised(req, ctx.apiKey, ctx.acceptAnyKey)) return sendError(res, 401, 'Invalid API key', { 'WWW-Authenticate': 'Bearer' });
  const decision = state.takeForCreate();
  const { scenario } = decision;
  if (decision.fault) return answerCreateFault(res, decision.fault, scenario);

  if (raw === 'too-large') return sendError(res, 413, 'Request body too large');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return sendError(res, 400, 'Request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(res, 400, 'Request body must be a JSON object');
  const outer = body as Record<string, unknown>;
  if (outer.model !== MODEL) {
    return sendError(res, 400, `Unknown model: ${outer.model === undefined ? '(missing)' : JSON.stringify(outer.model)}; expected ${MODEL}`);
  }
  const fields = isGateway(scenario) ? gatewayParams(outer) : outer;
  if (typeof fields === 'string') return sendError(res, 400, fields);
  const result = validate({ ...fields, model: outer.model });
  if (!result.ok) {
    return sendJson(res, 400, { status: 'failed', error: { code: formatCode(scenario, result.code), error_message: result.message } });
  }
  // One moment for the task's creation and the create's answer: the answer shows the task as it was then.
  const now = Date.now();
  const task = createTask(result.params, scenario, now);
  state.tasks.set(task.id, task);
  state.counts.tasks++;
  // The gateway answers with the task itself (finished already with `immediate`); flat with its id.
  const answer = isGateway(scenario) || scenario.immediate ? taskBody(task, now, ctx.imageBaseUrl) : { [scenario.idField ?? 'id']: task.id, status: statusWord(scenario, 'queued') };
  sendJson(res, 200, envelope(scenario, answer));
}

/**
 * The gateway's {model, input: [{params}]}: the params object, or why the body is refused. A flat
 * body sent to the gateway is refused too, as the real one would not find its parameters.
 */
function gatewayParams(body: Record<string, unknown>): Record<string, unknown> | string {
  const input = body.input;
  if (!Array.isArray(input) || input.length === 0) return 'input must be a non-empty array of {params}';
  const first = input[0] as { params?: unknown } | null;
  const params = first && typeof first === 'object' ? first.params : undefined;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return 'input[0].params must be an object';
  return params as Record<string, unknown>;
}

function handlePoll(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, id: string): void {
  ctx.state.counts.polls++;
  if (!authorised(req, ctx.apiKey, ctx.acceptAnyKey)) return sendError(res, 401, 'Invalid API key', { 'WWW-Authenticate': 'Bearer' });
  const task = ctx.state.tasks.get(id);
  if (!task) return sendError(res, 404, 'Task not found');
  const fault = task.scenario.poll;
  if (fault && (fault.times === undefined || task.pollFaultsFired < fault.times)) {
    task.pollFaultsFired++;
    return answerPollFault(res, fault);
  }
  sendJson(res, 200, envelope(task.scenario, taskBody(task, Date.now(), ctx.imageBaseUrl)));
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://mock');
  ctx.state.log.push({
    origin: 'api',
    method: req.method ?? '',
    path: req.url ?? '',
    authorization: req.headers.authorization ?? null,
    userAgent: req.headers['user-agent'] ?? null,
    body: raw === 'too-large' ? '(too large)' : bodyForLog(raw),
    at: Date.now(),
  });
  const taskMatch = ctx.taskPattern.exec(url.pathname);
  if (url.pathname === ctx.createPath) {
    if (req.method !== 'POST') return sendError(res, 405, `Method ${req.method} not allowed`, { Allow: 'POST' });
    return handleCreate(req, res, ctx, raw);
  }
  if (taskMatch) {
    if (req.method !== 'GET') return sendError(res, 405, `Method ${req.method} not allowed`, { Allow: 'GET' });
    let id: string;
    try {
      id = decodeURIComponent(taskMatch[1]);
    } catch {
      return sendError(res, 404, 'Task not found');
    }
    return handlePoll(req, res, ctx, id);
  }
  sendError(res, 404, `Not found: ${req.method} ${url.pathname}`);
}
