import { overheadTargetMs } from './targets';

/**
 * The fewest status requests with which any schedule notices a task of T within the overhead
 * target, if it must do so for every duration from `shortestMs` on (not just for the few T of the
 * table). Greedy is optimal: each poll is as late as the target allows for a task that completed
 * just after the previous one. Requests are sequential and seen by the server half a round trip in.
 */
export function fewestRequests(durationMs: number, shortestMs: number, latencyMs: number): number {
  let polled = shortestMs + overheadTargetMs(shortestMs) - latencyMs / 2;
  let count = 1;
  while (polled < durationMs) {
    polled += Math.max(latencyMs, overheadTargetMs(polled) - latencyMs / 2);
    count++;
  }
  return count;
}
