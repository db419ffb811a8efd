import { ApiConfig, FrontEnd, userAgentFor } from '../core/api/client';
import { packageVersion } from './version';
import { SparkError } from '../core/spec/errors';
import { DEFAULT_BASE_URL, DEFAULT_CREATE_PATH, DEFAULT_REQUEST_FORMAT, DEFAULT_TASK_PATH, REQUEST_FORMATS, RequestFormat } from '../core/spec/spec';

export const ENV = {
  apiKey: 'SPARK_IMAGE_API_KEY',
  baseUrl: 'SPARK_IMAGE_BASE_URL',
  createPath: 'SPARK_IMAGE_CREATE_PATH',
  taskPath: 'SPARK_IMAGE_TASK_PATH',
  requestFormat: 'SPARK_IMAGE_REQUEST_FORMAT',
} as const;

/** The CLI's words for a rejected key (HTTP 401): the core's say "enter a valid key", which a terminal cannot. */
export function keyRejectedMessage(httpStatus: number | undefined): string {
  return `The API key in ${ENV.apiKey} was rejected (HTTP ${httpStatus ?? 401}): set ${ENV.apiKey} to a valid key (vtrix.ai → Dashboard → API Keys).`;
}

function fromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** What the command line may say about the connection; the environment fills in the rest. */
export interface ConnectionFlags {
  baseUrl?: string;
  requestFormat?: string;
}

/**
 * The connection: the key only from the environment; the base URL and the request format from a
 * flag, else the environment, else the Vtrix gateway's. The core checks the rest (https, no
 * credentials in the URL) when the client is made.
 */
export function apiConfigFrom(env: NodeJS.ProcessEnv, flags: ConnectionFlags, frontEnd: FrontEnd = 'cli'): ApiConfig {
  const apiKey = fromEnv(env, ENV.apiKey);
  if (!apiKey) {
    throw new SparkError('config', `No API key: set the environment variable ${ENV.apiKey} (get one at vtrix.ai → Dashboard → API Keys).`);
  }
  const requestFormat = flags.requestFormat?.trim() || fromEnv(env, ENV.requestFormat) || DEFAULT_REQUEST_FORMAT;
  if (!(REQUEST_FORMATS as readonly string[]).includes(requestFormat)) {
    throw new SparkError('config', `The request format must be one of ${REQUEST_FORMATS.join(', ')} (--request-format or ${ENV.requestFormat}), not ${JSON.stringify(requestFormat)}.`);
  }
  return {
    apiKey,
    baseUrl: flags.baseUrl?.trim() || fromEnv(env, ENV.baseUrl) || DEFAULT_BASE_URL,
    createPath: fromEnv(env, ENV.createPath) ?? DEFAULT_CREATE_PATH,
    taskPath: fromEnv(env, ENV.taskPath) ?? DEFAULT_TASK_PATH,
    requestFormat: requestFormat as RequestFormat,
    userAgent: userAgentFor(packageVersion(), frontEnd),
  };
}
