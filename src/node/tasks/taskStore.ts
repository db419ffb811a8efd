import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Logger, silentLogger } from '../../core/base/logger';
import { PendingTask, PendingTasks } from '../../core/job/ports';
import { GenerationRequest } from '../../core/spec/validation';
import { isAlive, JsonFolder, RecordFiles } from './jsonFolder';
import { IntentRecord, isExpired, isIntentRecord, isTaskRecord, PendingRecord, recordFileName, recordTime, SavedRecord, TaskRecord } from './taskRecord';

export type { RecordFiles } from './jsonFolder';

export interface TaskStoreOptions {
  /** The state folder (see stateDir); the records go to its `tasks/` folder. */
  stateDir: string;
  now?: () => number;
  /** Told about a record that could not be read (and was set aside). */
  logger?: Logger;
  /** The file operations used (Node's `fs`); a test wraps them to watch the writes. */
  files?: RecordFiles;
}

/** What is about to be sent, written before the create (see IntentRecord). */
export interface Intent<T> {
  request: GenerationRequest;
  target: T;
  createdAt: number;
}

/**
 * The paid tasks of the Node front ends, on disk so that another process (a restarted MCP server,
 * a later `spark-image resume` or `docs` run) finishes them with their request and destination.
 * Write-ahead: an intent is written before the create is sent, and replaced by the task's record
 * as soon as the create answers. One JSON file per task (`tasks/`) or intent (`tasks/intents/`),
 * written whole or not at all; a file that cannot be read is reported and set aside, never a crash.
 * When the job removes a task whose image it saved, the record becomes `{state: "saved", path}` and
 * stays 7 days, so a second resume answers with that file. A pending task or intent older than 7
 * days is stale (listed, not resumed on its own) and forgotten after 30.
 */
export class TaskStore<T> implements PendingTasks<T> {
  readonly folder: string;
  private readonly now: () => number;
  private readonly tasks: JsonFolder;
  private readonly intentFolder: JsonFolder;

  constructor(options: TaskStoreOptions) {
    this.folder = path.join(options.stateDir, 'tasks');
    this.now = options.now ?? Date.now;
    const files = options.files ?? fs;
    const logger = options.logger ?? silentLogger;
    this.tasks = new JsonFolder(this.folder, files, logger, this.now);
    this.intentFolder = new JsonFolder(path.join(this.folder, 'intents'), files, logger, this.now);
  }

  async put(entry: PendingTask<T>): Promise<void> {
    this.tasks.write(this.fileOf(entry.taskId), { ...entry, state: 'pending' });
  }

  async update(taskId: string, change: Partial<PendingTask<T>> & { pid?: number }): Promise<void> {
    const record = this.read(taskId);
    if (record?.state === 'pending') {
      this.tasks.write(this.fileOf(taskId), { ...record, ...change, taskId, state: 'pending' });
    }
  }

  /** The job is done with the task: a saved one is remembered as saved, any other is forgotten. */
  async remove(taskId: string): Promise<void> {
    const record = this.read(taskId);
    if (record?.state === 'saved') {
      return;
    }
    if (record?.savedImage !== undefined) {
      const { request, createdAt, target } = record;
      const saved: SavedRecord<T> = { state: 'saved', taskId, path: record.savedImage, savedAt: this.now(), request, createdAt };
      this.tasks.write(this.fileOf(taskId), target === undefined ? saved : { ...saved, target });
      return;
    }
    this.tasks.delete(this.fileOf(taskId));
  }

  /** The task's record, unless there is none, it is past keeping, or it could not be read. */
  async get(taskId: string): Promise<TaskRecord<T> | undefined> {
    const record = this.read(taskId);
    if (record && isExpired(record, this.now())) {
      this.tasks.delete(this.fileOf(taskId));
      return undefined;
    }
    return record;
  }

  /** Every live record, newest first; expired ones are pruned on the way. */
  async list(): Promise<TaskRecord<T>[]> {
    return this.readAll().sort((a, b) => recordTime(b) - recordTime(a));
  }

  /** Deletes the records past keeping; answers how many went. */
  async prune(): Promise<number> {
    const before = this.tasks.names().length + this.intentFolder.names().length;
    this.readAll();
    this.intents();
    return before - this.tasks.names().length - this.intentFolder.names().length;
  }

  /** Writes the intent before the create is sent; answers its id (for pendingFor). */
  intend(intent: Intent<T>): string {
    const intentId = `${intent.createdAt.toString(36)}-${process.pid}-${randomBytes(6).toString('hex')}`;
    const record: IntentRecord<T> = { state: 'intent', intentId, request: intent.request, createdAt: intent.createdAt, target: intent.target, pid: process.pid };
    this.intentFolder.write(this.intentFile(intentId), record);
    return intentId;
  }

  /** The create surely made nothing (refused, or never sent): its intent goes. */
  dropIntent(intentId: string): void {
    this.intentFolder.delete(this.intentFile(intentId));
  }

  /**
   * Intents still waiting for their create's answer: those of live runs (`pid` running) and the
   * unknowns a dead run left. An intent whose task record was written is a leftover and goes.
   */
  intents(): IntentRecord<T>[] {
    const answered = new Set(this.readAll().flatMap((record) => (record.state === 'pending' && record.intentId ? [record.intentId] : [])));
    const found: IntentRecord<T>[] = [];
    for (const name of this.intentFolder.names()) {
      const file = path.join(this.intentFolder.folder, name);
      const intent = this.intentFolder.read<IntentRecord<T>>(file, isIntentRecord);
      if (intent && (answered.has(intent.intentId) || isExpired(intent, this.now()))) {
        this.intentFolder.delete(file);
      } else if (intent) {
        found.push(intent);
      }
    }
    return found.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Intents whose run is gone without writing the answer: outcome unknown, maybe billed. */
  orphanIntents(): IntentRecord<T>[] {
    return this.intents().filter((intent) => !isAlive(intent.pid));
  }

  /**
   * The job's store for a task of this run. With an intent, the task's record replaces it the
   * moment the create answers (the record first, then the intent goes: a crash between leaves a
   * leftover, never a gap), with the intent's target. The job's own target type never reaches
   * the disk: what was stored with the intent stays.
   */
  pendingFor<J>(intentId?: string): PendingTasks<J> {
    const intent = intentId === undefined ? undefined : this.intentFolder.read<IntentRecord<T>>(this.intentFile(intentId), isIntentRecord);
    const pending: PendingTasks<J> = {
      put: async ({ taskId, request, createdAt }) => {
        const record: PendingRecord<T> = { state: 'pending', taskId, request, createdAt, pid: process.pid };
        this.tasks.write(this.fileOf(taskId), { ...record, ...(intent?.target === undefined ? {} : { target: intent.target }), ...(intentId === undefined ? {} : { intentId }) });
        if (intentId !== undefined) {
          this.dropIntent(intentId);
        }
      },
      update: async (taskId, change) => {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the job's target is not the stored one
        const { target, ...rest } = change;
        await this.update(taskId, rest);
      },
      remove: (taskId) => this.remove(taskId),
    };
    return pending;
  }

  /** Marks a stored task as this run's (resuming it): another run leaves it alone meanwhile. */
  async adopt(taskId: string): Promise<void> {
    await this.update(taskId, { pid: process.pid });
  }

  private readAll(): TaskRecord<T>[] {
    const live: TaskRecord<T>[] = [];
    for (const name of this.tasks.names()) {
      const file = path.join(this.folder, name);
      const record = this.tasks.read<TaskRecord<T>>(file, isTaskRecord);
      if (record && isExpired(record, this.now())) {
        this.tasks.delete(file);
      } else if (record) {
        live.push(record);
      }
    }
    return live;
  }

  private fileOf(taskId: string): string {
    return path.join(this.folder, recordFileName(taskId));
  }

  private intentFile(intentId: string): string {
    return path.join(this.intentFolder.folder, `${intentId}.json`);
  }

  private read(taskId: string): TaskRecord<T> | undefined {
    return this.tasks.read<TaskRecord<T>>(this.fileOf(taskId), isTaskRecord);
  }
}

/** Whether another live run is working on this task now (its pid), so this one leaves it alone. */
export function busyElsewhere(record: TaskRecord<unknown>): boolean {
  return record.state === 'pending' && record.pid !== undefined && record.pid !== process.pid && isAlive(record.pid);
}
