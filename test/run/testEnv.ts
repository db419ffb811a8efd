/**
 * Environment variables the runner passes down to test processes (and, through code-server's
 * environment, to the extension host). One place, so both sides spell them the same way.
 */
export const TEST_ENV = {
  /** File a test process writes its LayerResult to. */
  results: 'SPARK_TEST_RESULTS',
  /** '1' adds the deliberately failing fixture suite (the runner's self-check). */
  includeFailing: 'SPARK_TEST_INCLUDE_FAILING',
  /** Which host profile (test/host/profiles.ts) an extension host runs. */
  hostProfile: 'SPARK_TEST_HOST_PROFILE',
  /** Comma-separated host profiles the runner starts (default: every profile that has tests). */
  hostProfiles: 'SPARK_TEST_HOST_PROFILES',
  /** '0' runs the host and ui layers one after the other instead of side by side. */
  parallel: 'SPARK_TEST_PARALLEL',
  /** Prefix of a nested run's log and results files (the self-check), so they don't overwrite the outer run's. */
  runName: 'SPARK_TEST_RUN_NAME',
  /** A mocha grep pattern: only tests whose full title matches run (all layers). */
  grep: 'SPARK_TEST_GREP',
  /** The mock API server started by the runner. */
  mockUrl: 'SPARK_MOCK_URL',
  mockImageUrl: 'SPARK_MOCK_IMAGE_URL',
  mockKey: 'SPARK_MOCK_KEY',
} as const;
