import { LayerResult } from './results';

/** What running a layer produced before the runner judges it: the test process's own report and how it ended. */
export interface LayerRun {
  reported: LayerResult | undefined;
  /** Why the process did not end cleanly (non-zero exit, timeout, crash); undefined when it did. */
  problem: string | undefined;
}
