import { ApiConfig } from '../core/client';
import { SparkError } from '../core/errors';
import { DEFAULT_CREATE_PATH, DEFAULT_TASK_PATH } from '../core/spec';

export const ENV = {
  apiKey: 'SPARK_IMAGE_API_KEY',
  baseUrl: 'SPARK_IMAGE_BASE_URL',
  createPath: 'SPARK_IMAGE_CREATE_PATH',
  taskPath: 'SPARK_IMAGE_TASK_PATH',
} as const;

function fromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * The connection: the key only from the environment, the base URL from --base-url or the
 * environment. The core checks the rest (https, no credentials in the URL) when the client is made.
 */
export function apiConfigFrom(env: NodeJS.ProcessEnv, baseUrlFlag: string | undefined): ApiConfig {
  const apiKey = fromEnv(env, ENV.apiKey);
  if (!apiKey) {
    throw new SparkError('config', `No API key: set the environment variable ${ENV.apiKey}.`);
  }
  const baseUrl = baseUrlFlag?.trim() || fromEnv(env, ENV.baseUrl);
  if (!baseUrl) {
    throw new SparkError('config', `No API base URL: pass --base-url URL or set ${ENV.baseUrl}.`);
  }
  return {
    apiKey,
    baseUrl,
    createPath: fromEnv(env, ENV.createPath) ?? DEFAULT_CREATE_PATH,
    taskPath: fromEnv(env, ENV.taskPath) ?? DEFAULT_TASK_PATH,
  };
}
