import { abortError, Clock } from '../../src/core/base/clock';

/**
 * A clock whose sleep returns at once after moving time forward, so a minute of polling runs in
 * microseconds. Polling is strictly sequential, so one shared "now" is all the simulation needs.
 */
export class VirtualClock implements Clock {
  private time: number;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += Math.max(0, ms);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(abortError());
    }
    this.advance(ms);
    return Promise.resolve();
  }
}
