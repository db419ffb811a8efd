// startMockServer(): the Spark Image API (127.0.0.1) plus a separate image server (localhost),
// both on ephemeral ports by default, with every socket released by close().
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { Socket } from 'net';
import { handleApiRequest, taskPattern } from './api';
import { CONTROL_PREFIX, handleControl } from './control';
import { sendJson } from './http';
import { handleImageRequest } from './images';
import { checkScenario, checkSettings, type Scenario, type ScenarioSettings } from './scenario';
import { MockState, type Counts, type LoggedRequest } from './state';
import type { BillingEntry, EventListener, MockEvent } from './events';
import { taskInfo, type TaskInfo } from './tasks';

export type { Scenario, ScenarioOverride, ScenarioSettings, CreateFault, PollFault, ImageFault } from './scenario';
export type { Counts, LoggedRequest } from './state';
export type { TaskInfo } from './tasks';
export type { AnswerOutcome, BillingEntry, MockEvent } from './events';

export const DEFAULT_API_KEY = 'mock-key-0123456789';
/** The Vtrix gateway's paths (docs.vtrix.ai, vtrix-cli, seacloud-cli, sea-sdk-js). */
export const DEFAULT_CREATE_PATH = '/model/v1/generation';
export const DEFAULT_TASK_PATH = '/model/v1/generation/task';

export interface MockServerOptions {
  /** API port; 0 (the default) picks a free one. */
  port?: number;
  /** Image server port; 0 (the default) picks a free one. */
  imagePort?: number;
  apiKey?: string;
  /** Accept any non-empty bearer key (the demo's mock); off by default, so tests see 401 for a wrong key. */
  acceptAnyKey?: boolean;
  createPath?: string;
  /** Prefix (`/v1/tasks` → `/v1/tasks/{id}`) or a template containing `{id}`. */
  taskPath?: string;
  /** The default scenario at start and after reset(). */
  defaultScenario?: Scenario;
}

export interface MockServer {
  /** API origin, http://127.0.0.1:PORT. */
  readonly baseUrl: string;
  /** Image origin, http://localhost:PORT2 (a different origin from baseUrl). */
  readonly imageBaseUrl: string;
  readonly apiKey: string;
  /** baseUrl + createPath. */
  readonly createUrl: string;
  /** The poll URL of a task. */
  taskUrl(id: string): string;
  /** Replaces the default and/or the `next` queue (only the keys given). Throws on an unknown key. */
  setScenario(settings: ScenarioSettings): void;
  /** Initial default scenario, empty queue, no tasks, empty log, zero counts. */
  reset(): void;
  /** Every API and image request, oldest first (control requests excluded). Cleared in place by reset(). */
  readonly log: LoggedRequest[];
  readonly counts: Counts;
  /** The tasks created so far, with their parameters after defaults and the seed actually used. */
  readonly tasks: TaskInfo[];
  /** Every create and status request as it was answered, numbered (cleared by reset()). */
  readonly events: readonly MockEvent[];
  /** Each task billed (every created task that does not fail), with its cost and whether its create was answered. */
  readonly billing: readonly BillingEntry[];
  /** Calls `listener` synchronously right after each create or status answer; returns the way to stop. */
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** Stops listening first (no new sockets), then destroys the open ones, then waits for both servers. */
function shutDown(servers: Server[], sockets: Set<Socket>): Promise<void> {
  const closing = servers.map((server) =>
    server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve(),
  );
  for (const socket of sockets) socket.destroy();
  return Promise.all(closing).then(() => undefined);
}

/** Keeps every socket so close() can destroy hanging, dripping and keep-alive connections alike. */
function trackSockets(server: Server, sockets: Set<Socket>): void {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
}

function guard(handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 500, error_message: `mock failure: ${String(error)}` } });
      else res.destroy();
    });
  };
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const createPath = options.createPath ?? DEFAULT_CREATE_PATH;
  const taskPath = options.taskPath ?? DEFAULT_TASK_PATH;
  const state = new MockState(options.defaultScenario ? (checkScenario(options.defaultScenario, 'defaultScenario') as Scenario) : {});
  const sockets = new Set<Socket>();
  let imageBaseUrl = '';
  let otherOriginUrl = '';

  const imageServers: Server[] = [];
  const imageHandler = guard((req, res) => {
    state.counts.downloads++;
    state.log.push({ origin: 'images', method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization ?? null, userAgent: req.headers['user-agent'] ?? null, body: null, at: Date.now() });
    handleImageRequest(req, res, { imageBaseUrl, otherOriginUrl, findTask: (id) => state.tasks.get(id) });
  });
  const api = createServer();
  trackSockets(api, sockets);

  try {
    // The image server answers on 127.0.0.1 and, when the machine has it, on ::1 at the same port,
    // so "localhost" works whichever address a client resolves it to.
    const images4 = createServer(imageHandler);
    trackSockets(images4, sockets);
    imageServers.push(images4);
    const imagePort = await listen(images4, options.imagePort ?? 0, '127.0.0.1');
    const images6 = createServer(imageHandler);
    trackSockets(images6, sockets);
    try {
      await listen(images6, imagePort, '::1');
      imageServers.push(images6);
    } catch {
      // No IPv6 loopback here: 127.0.0.1 alone serves localhost.
    }
    imageBaseUrl = `http://localhost:${imagePort}`;
    otherOriginUrl = `http://127.0.0.1:${imagePort}`;

    const ctx = { apiKey, acceptAnyKey: options.acceptAnyKey === true, createPath, taskPattern: taskPattern(taskPath), imageBaseUrl, state };
    api.on(
      'request',
      guard((req, res) => ((req.url ?? '').startsWith(CONTROL_PREFIX) ? handleControl(req, res, state) : handleApiRequest(req, res, ctx))),
    );
    const port = await listen(api, options.port ?? 0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${port}`;

    let closed: Promise<void> | undefined;
    return {
      baseUrl,
      imageBaseUrl,
      apiKey,
      createUrl: `${baseUrl}${createPath}`,
      taskUrl: (id) => `${baseUrl}${taskPath.includes('{id}') ? taskPath.replace('{id}', encodeURIComponent(id)) : `${taskPath.replace(/\/$/, '')}/${encodeURIComponent(id)}`}`,
      setScenario: (settings) => state.setScenario(checkSettings(settings)),
      reset: () => state.reset(),
      log: state.log,
      counts: state.counts,
      get tasks() {
        return [...state.tasks.values()].map(taskInfo);
      },
      events: state.recorder.events,
      billing: state.recorder.billing,
      onEvent: (listener) => state.recorder.subscribe(listener),
      close: () => {
        closed ??= shutDown([api, ...imageServers], sockets);
        return closed;
      },
    };
  } catch (error) {
    await shutDown([api, ...imageServers], sockets);
    throw error;
  }
}
