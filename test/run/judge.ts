import { LayerRun } from './layerRun';
import { formatFailures, formatTests } from './report';
import { crashed, LayerResult, settle } from './results';
import { TEST_ENV } from './testEnv';

export interface Judgement {
  result: LayerResult;
  /** What the user has not seen yet: the test list (host) and the failures no reporter printed. */
  lines: string[];
}

/**
 * Turns a layer's run into counts: a crash, hang or empty run is a failure, never a pass.
 * `reporterShown`: mocha's own reporter already printed the tests and their failures (child layers).
 */
export function judge(layer: string, run: LayerRun, reporterShown: boolean): Judgement {
  let result = settle(layer, run.reported, run.problem);
  if (result.passed + result.failed === 0 && !process.env[TEST_ENV.grep]) {
    result = crashed(`${layer} (no tests)`, 'no test ran: the test files were not found');
  }
  if (!reporterShown) {
    return { result, lines: [...formatTests(result), ...formatFailures(result)] };
  }
  // Only the runner's own findings (crash, timeout, no results) are news.
  const runnerFailures = result.failures.filter((failure) => failure.title.startsWith(`${layer} (`));
  return { result, lines: formatFailures({ ...result, failures: runnerFailures }) };
}
