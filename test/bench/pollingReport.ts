import { PollPolicy } from '../../src/core/polling/pollPolicy';
import { PollingBenchOptions, PollingRow } from './polling';
import { fewestRequests } from './lowerBound';
import { formatTable, seconds } from './table';
import { PROGRESS_CURVES } from './progressCurves';
import { requestTarget } from './targets';

function verdict(row: PollingRow): string {
  const misses = [...(row.overheadOk ? [] : ['overhead']), ...(row.requestsOk ? [] : ['requests'])];
  return misses.length === 0 ? 'yes' : `no (${misses.join(', ')})`;
}

export function pollingTable(policy: PollPolicy, rows: readonly PollingRow[], options: PollingBenchOptions): string {
  const spread = options.durationSpread > 0 ? `, duration T ± ${Math.round(options.durationSpread * 100)} %` : '';
  const progress = options.curve === 'none' ? 'no progress reported' : `progress ${PROGRESS_CURVES[options.curve].describe}${options.useProgress ? ', used' : ', ignored'}`;
  const title = `${policy.name}${options.useProgress && options.curve !== 'none' ? ' + progress estimate' : ''} — ${progress}, jitter ±${Math.round(policy.jitter * 100)} %, ${options.trials} trials per row, latency ${options.latencyMs} ms${spread}`;
  const table = formatTable(
    ['T', 'mean overhead', 'p95 overhead', 'mean requests', 'max requests', 'overhead target', 'request target', 'meets'],
    rows.map((row) => [
      `${row.durationMs / 1000} s`,
      seconds(row.meanOverheadMs),
      seconds(row.p95OverheadMs),
      row.meanRequests.toFixed(1),
      String(row.maxRequests),
      `≤ ${seconds(options.targets.overheadMs(row.durationMs))}`,
      `≤ ${options.targets.requests(row.durationMs).toFixed(0)}`,
      verdict(row),
    ]),
  );
  return `${title}\n${table}`;
}

/** Whether the two targets can be met together at all, whatever the policy. */
export function lowerBoundTable(options: PollingBenchOptions): string {
  const shortest = Math.min(...options.durationsMs);
  const table = formatTable(
    ['T', 'request target', `fewest possible (any task ≥ ${shortest / 1000} s)`],
    options.durationsMs.map((durationMs) => [
      `${durationMs / 1000} s`,
      `≤ ${requestTarget(durationMs).toFixed(0)}`,
      String(fewestRequests(durationMs, shortest, options.latencyMs)),
    ]),
  );
  return `Lower bound: requests a schedule needs to stay within the overhead target for every duration, not only these T\n${table}`;
}
