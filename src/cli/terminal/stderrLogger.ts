import { Logger, silentLogger } from '../../core/base/logger';
import { StatusLine } from './statusLine';

/** --verbose: the core's log lines on stderr, between the status redraws. Silent otherwise. */
export function stderrLogger(out: StatusLine, verbose: boolean): Logger {
  if (!verbose) {
    return silentLogger;
  }
  const at = (level: string) => (message: string) => out.line(`[${level}] ${message}`);
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
