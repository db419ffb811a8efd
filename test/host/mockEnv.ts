import { TEST_ENV } from '../run/testEnv';

export interface MockEnv {
  baseUrl: string;
  imageBaseUrl: string;
  apiKey: string;
}

/**
 * The mock API server the runner started for this run; code-server passes the runner's
 * environment on to the extension host, so host tests read it from process.env.
 */
export function mockEnv(): MockEnv {
  const baseUrl = process.env[TEST_ENV.mockUrl];
  const apiKey = process.env[TEST_ENV.mockKey];
  if (!baseUrl || !apiKey) {
    throw new Error(`${TEST_ENV.mockUrl}/${TEST_ENV.mockKey} are not set: run host tests through test/run/all.ts`);
  }
  return { baseUrl, imageBaseUrl: process.env[TEST_ENV.mockImageUrl] ?? '', apiKey };
}
