// The API origin: create (POST) and poll (GET), with bearer auth, validation and create/poll faults.
import type { IncomingMessage, ServerResponse } from 'http';
import { retryAfterHeader, readBody, sendError, sendJson, bodyForLog } from './http';
import { formatCode, isGateway, statusWord, type CreateFault, type PollFault, type Scenario } from './scenario';
import type { AnswerOutcome } from './events';
import type { MockState } from './state';
import { costCentsOf, createTask, taskBody } from './tasks';
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

/** How an answer went, for the event stream: the status sent, or what happened instead. */
interface Answered {
  outcome: AnswerOutcome;
  taskId?: string;
}

const sent = (res: ServerResponse, taskId?: string): Answered => ({ outcome: res.statusCode, taskId });

/** A 200 application/json answer cut off mid-object. */
function sendBrokenJson(res: ServerResponse, id: string): void {
  const text = `{"id":"${id}","status":"runn`;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(text.length) });
  res.end(text);
}

function answerCreateFault(res: ServerResponse, fault: Exclude<CreateFault, { kind: 'lost-answer' }>, scenario: Scenario): Answered {
  switch (fault.kind) {
    case 'reset':
      res.socket?.destroy();
      return { outcome: 'reset' };
    case 'hang':
      return { outcome: 'hang' }; // answered never; close() destroys the socket
    default:
      answerCreateFaultBody(res, fault, scenario);
      return sent(res);
  }
}

function answerCreateFaultBody(res: ServerResponse, fault: Exclude<CreateFault, { kind: 'lost-answer' | 'reset' | 'hang' }>, scenario: Scenario): void {
  switch (fault.kind) {
    case 'status':
      return answerStatusFault(res, fault);
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

function answerPollFault(res: ServerResponse, fault: PollFault): AnswerOutcome {
  switch (fault.kind) {
    case 'status':
      answerStatusFault(res, fault);
      return res.statusCode;
    case 'broken-json':
      sendBrokenJson(res, 'task_broken');
      return 'broken-json';
    case 'reset':
      res.socket?.destroy();
      return 'reset';
    case 'hang':
      return 'hang';
  }
}

async function handleCreate(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, raw: Buffer | 'too-large'): Promise<Answered> {
  const { state } = ctx;
  state.counts.creates++;
  if (!authorised(req, ctx.apiKey, ctx.acceptAnyKey)) {
    sendError(res, 401, 'Invalid API key', { 'WWW-Authenticate': 'Bearer' });
    return sent(res);
  }
  const decision = state.takeForCreate();
  const { scenario, fault } = decision;
  if (fault && fault.kind !== 'lost-answer') return answerCreateFault(res, fault, scenario);

  const refusal = refusalOf(raw, scenario);
  if (typeof refusal === 'string') {
    sendError(res, refusal === 'too-large' ? 413 : 400, refusal === 'too-large' ? 'Request body too large' : refusal);
    return sent(res);
  }
  if (!refusal.ok) {
    sendJson(res, 400, { status: 'failed', error: { code: formatCode(scenario, refusal.code), error_message: refusal.message } });
    return sent(res);
  }
  // One moment for the task's creation and the create's answer: the answer shows the task as it was then.
  const now = Date.now();
  const task = createTask(refusal.params, scenario, now);
  state.tasks.set(task.id, task);
  state.counts.tasks++;
  // Billed at its creation, whatever becomes of the answer (a task that fails costs nothing).
  if (!scenario.fail) {
    const { prompt, width, height } = task.params;
    state.recorder.bill({ taskId: task.id, costUsd: costCentsOf(task) / 100, prompt, width, height, answered: fault === undefined, at: now });
  }
  if (fault) {
    // lost-answer: paid for, and the client never learns the id.
    if (fault.how === 'broken-json') sendBrokenJson(res, task.id);
    else res.socket?.destroy();
    return { outcome: fault.how ?? 'reset', taskId: task.id };
  }
  // The gateway answers with the task itself (finished already with `immediate`); flat with its id.
  const answer = isGateway(scenario) || scenario.immediate ? taskBody(task, now, ctx.imageBaseUrl) : { [scenario.idField ?? 'id']: task.id, status: statusWord(scenario, 'queued') };
  sendJson(res, 200, envelope(scenario, answer));
  return sent(res, task.id);
}

/** Why a create's body is refused (a 413/400 message), its validation failure, or its checked parameters. */
function refusalOf(raw: Buffer | 'too-large', scenario: Scenario): string | ReturnType<typeof validate> {
  if (raw === 'too-large') return 'too-large';
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'Request body is not valid JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Request body must be a JSON object';
  const outer = body as Record<string, unknown>;
  if (outer.model !== MODEL) return `Unknown model: ${outer.model === undefined ? '(missing)' : JSON.stringify(outer.model)}; expected ${MODEL}`;
  const fields = isGateway(scenario) ? gatewayParams(outer) : outer;
  if (typeof fields === 'string') return fields;
  return validate({ ...fields, model: outer.model });
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

function handlePoll(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, id: string): AnswerOutcome {
  ctx.state.counts.polls++;
  if (!authorised(req, ctx.apiKey, ctx.acceptAnyKey)) {
    sendError(res, 401, 'Invalid API key', { 'WWW-Authenticate': 'Bearer' });
    return res.statusCode;
  }
  const task = ctx.state.tasks.get(id);
  if (!task) {
    sendError(res, 404, 'Task not found');
    return res.statusCode;
  }
  const fault = task.scenario.poll;
  if (fault && (fault.times === undefined || task.pollFaultsFired < fault.times)) {
    task.pollFaultsFired++;
    return answerPollFault(res, fault);
  }
  sendJson(res, 200, envelope(task.scenario, taskBody(task, Date.now(), ctx.imageBaseUrl)));
  return res.statusCode;
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
    const { outcome, taskId } = await handleCreate(req, res, ctx, raw);
    return ctx.state.recorder.answered('create', outcome, taskId);
  }
  if (taskMatch) {
    if (req.method !== 'GET') return sendError(res, 405, `Method ${req.method} not allowed`, { Allow: 'GET' });
    let id: string;
    try {
      id = decodeURIComponent(taskMatch[1]);
    } catch {
      return sendError(res, 404, 'Task not found');
    }
    return ctx.state.recorder.answered('status', handlePoll(req, res, ctx, id), id);
  }
  sendError(res, 404, `Not found: ${req.method} ${url.pathname}`);
}
