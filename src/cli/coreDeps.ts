import { systemClock } from '../core/clock';
import { GenerateDeps } from '../core/generate';
import { redactingLogger } from '../core/logger';
import { english } from '../core/messages';
import { nodeFetch } from '../node/nodeFetch';
import { CliIo } from './io';
import { stderrLogger } from './stderrLogger';

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
