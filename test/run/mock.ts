import { startMockServer } from '../mock/server';
import { TEST_ENV } from './testEnv';

export interface RunningMock {
  /** SPARK_MOCK_URL, SPARK_MOCK_IMAGE_URL, SPARK_MOCK_KEY for the test processes and the extension host. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * Starts the mock API server once for the host and ui layers (free ports). Its addresses travel
 * as environment variables: code-server passes its environment on to the extension host.
 */
export async function startMock(): Promise<RunningMock> {
  const mock = await startMockServer();
  return {
    env: { [TEST_ENV.mockUrl]: mock.baseUrl, [TEST_ENV.mockImageUrl]: mock.imageBaseUrl, [TEST_ENV.mockKey]: mock.apiKey },
    close: () => mock.close(),
  };
}
