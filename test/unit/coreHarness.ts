import { systemClock } from '../../src/core/base/clock';
import { ApiConfig } from '../../src/core/api/client';
import { generateImage, GenerateDeps, GenerateOptions, GenerationResult } from '../../src/core/job/generate';
import { checkRequest, GenerationInput } from '../../src/core/spec/validation';
import { Logger } from '../../src/core/base/logger';
import { nodeFetch } from '../../src/node/nodeFetch';
import { PollPolicy } from '../../src/core/polling/pollPolicy';
import { MockServer } from '../mock/server';
import { DEFAULT_CREATE_PATH, DEFAULT_TASK_PATH } from '../../src/core/spec/spec';

/** A logger that keeps every line, so tests can assert on what was (and was not) logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export function apiFor(mock: MockServer, overrides: Partial<ApiConfig> = {}): ApiConfig {
  return { baseUrl: mock.baseUrl, createPath: DEFAULT_CREATE_PATH, taskPath: DEFAULT_TASK_PATH, apiKey: mock.apiKey, ...overrides };
}

export function realDeps(logger = recordingLogger()): GenerateDeps & { logger: ReturnType<typeof recordingLogger> } {
  return { fetch: nodeFetch, clock: systemClock, random: Math.random, logger };
}

/** Polls every 40 ms, so lifecycle tests take a fraction of a second. */
export const quickPolicy: PollPolicy = { name: 'test', jitter: 0, delay: () => 40 };

/** What every front end does: the one check (checkRequest), then the pipeline's create → poll → download. */
export async function generateFrom(input: GenerationInput, api: ApiConfig, deps: GenerateDeps, options: GenerateOptions = {}): Promise<GenerationResult> {
  return generateImage(checkRequest(input, deps).request, api, deps, options);
}
