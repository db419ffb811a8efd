import { systemClock } from '../core/base/clock';
import { GenerateDeps } from '../core/job/generate';
import { redactingLogger } from '../core/base/logger';
import { english } from '../core/base/messages';
import { nodeFetch } from '../node/nodeFetch';
import { CliIo } from './terminal/io';
import { stderrLogger } from './terminal/stderrLogger';

/** The real transport, clock and randomness, and a logger that can never print the key. */
export function coreDeps(io: CliIo, apiKey: string, verbose: boolean): GenerateDeps {
  return {
    fetch: nodeFetch,
    clock: systemClock,
    random: Math.random,
    logger: redactingLogger(stderrLogger(io.stderr, verbose), () => [apiKey]),
    t: english,
  };
}
