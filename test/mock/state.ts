// The mock's mutable state: scenarios (default + `next` queue), tasks, the request log and counters.
import { mergeScenario, type CreateFault, type Scenario, type ScenarioOverride, type ScenarioSettings } from './scenario';
import { MockRecorder } from './events';
import type { Task } from './tasks';

export interface LoggedRequest {
  origin: 'api' | 'images';
  method: string;
  /** Path with query string. */
  path: string;
  authorization: string | null;
  /** The User-Agent header as sent, or null: which client (and front end) asked. */
  userAgent: string | null;
  /** Parsed JSON body, else its text, else null. */
  body: unknown;
  /** Date.now() when the request arrived (to check how long a client waited). */
  at: number;
}

export interface Counts {
  /** Create requests, whatever their outcome (401, faults and validation errors included). */
  creates: number;
  /** Task polls, whatever their outcome. */
  polls: number;
  /** Requests to the image server (every redirect hop counts). */
  downloads: number;
  /** Tasks actually created. */
  tasks: number;
}

interface Entry {
  override: ScenarioOverride;
  /** How often this entry's create fault has fired. */
  createFaultsFired: number;
}

export type CreateDecision = { fault: CreateFault; scenario: Scenario } | { fault?: undefined; scenario: Scenario };

export class MockState {
  readonly log: LoggedRequest[] = [];
  readonly counts: Counts = { creates: 0, polls: 0, downloads: 0, tasks: 0 };
  readonly tasks = new Map<string, Task>();
  /** Answers as they happen (numbered) and the billing log. */
  readonly recorder = new MockRecorder();
  private defaultEntry: Entry;
  private queue: Entry[] = [];

  constructor(private readonly initialDefault: Scenario = {}) {
    this.defaultEntry = { override: { ...initialDefault }, createFaultsFired: 0 };
  }

  get defaultScenario(): Scenario {
    return this.defaultEntry.override as Scenario;
  }

  get pending(): ScenarioOverride[] {
    return this.queue.map((e) => e.override);
  }

  /** Replaces the default and/or the `next` queue (only the keys given). */
  setScenario(settings: ScenarioSettings): void {
    if (settings.default !== undefined) this.defaultEntry = { override: { ...settings.default }, createFaultsFired: 0 };
    if (settings.next !== undefined) this.queue = settings.next.map((override) => ({ override: { ...override }, createFaultsFired: 0 }));
  }

  /** Back to the state right after start: initial default scenario, no queue, no tasks, empty log, zero counts. */
  reset(): void {
    this.defaultEntry = { override: { ...this.initialDefault }, createFaultsFired: 0 };
    this.queue = [];
    this.tasks.clear();
    this.log.length = 0;
    this.recorder.clear();
    Object.assign(this.counts, { creates: 0, polls: 0, downloads: 0, tasks: 0 });
  }

  /**
   * One authorised create: the head of `next` (else the default) decides. A create fault fires while
   * it has firings left (`times`, omitted = always); a `next` entry is used up when its own create
   * fault has fired `times` times, or when it creates a task.
   */
  takeForCreate(): CreateDecision {
    const head = this.queue[0];
    const scenario = mergeScenario(this.defaultScenario, head?.override);
    const owner = head && head.override.create !== undefined ? head : this.defaultEntry;
    const fault = owner.override.create;
    if (fault && (fault.times === undefined || owner.createFaultsFired < fault.times)) {
      owner.createFaultsFired++;
      if (owner === head && fault.times !== undefined && owner.createFaultsFired >= fault.times) this.queue.shift();
      return { fault, scenario };
    }
    if (head) this.queue.shift();
    return { scenario };
  }
}
