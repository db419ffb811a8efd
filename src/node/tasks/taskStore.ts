import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Logger, silentLogger } from '../../core/base/logger';
import { PendingTask, PendingTasks } from '../../core/job/ports';
import { isTaskRecord, PendingRecord, recordFileName, recordTime, SavedRecord, TASK_RECORD_TTL_MS, TaskRecord } from './taskRecord';

export interface TaskStoreOptions {
  /** The state folder (see stateDir); the records go to its `tasks/` folder. */
  stateDir: string;
  now?: () => number;
  /** Told about a record that could not be read (and was set aside). */
  logger?: Logger;
  /** The file operations used (Node's `fs`); a test wraps them to watch the writes. */
  files?: RecordFiles;
}

export type RecordFiles = Pick<typeof fs, 'readdirSync' | 'readFileSync' | 'writeFileSync' | 'renameSync' | 'unlinkSync' | 'mkdirSync'>;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The paid tasks of the Node front ends, on disk so that another process (a restarted MCP server,
 * a later `spark-image resume`) finishes them with their request and destination. One JSON file per
 * task, written whole or not at all (temp file + rename). A file that cannot be read is reported
 * and renamed aside, never a crash. When the job removes a task whose image it saved, the record
 * becomes `{state: "saved", path}` and stays 7 days, so a second resume answers with that file and
 * downloads nothing. Records older than 7 days are pruned.
 */
export class TaskStore<T> implements PendingTasks<T> {
  readonly folder: string;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly files: RecordFiles;

  constructor(options: TaskStoreOptions) {
    this.folder = path.join(options.stateDir, 'tasks');
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.files = options.files ?? fs;
  }

  async put(entry: PendingTask<T>): Promise<void> {
    this.write({ ...entry, state: 'pending' });
  }

  async update(taskId: string, change: Partial<PendingTask<T>>): Promise<void> {
    const record = this.read(taskId);
    if (record?.state === 'pending') {
      this.write({ ...record, ...change, taskId, state: 'pending' });
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
      this.write(target === undefined ? saved : { ...saved, target });
      return;
    }
    this.delete(this.fileOf(taskId));
  }

  /** The task's record, unless there is none, it is past its 7 days, or it could not be read. */
  async get(taskId: string): Promise<TaskRecord<T> | undefined> {
    const record = this.read(taskId);
    if (record && this.expired(record)) {
      this.delete(this.fileOf(taskId));
      return undefined;
    }
    return record;
  }

  /** Every live record, newest first; expired ones are pruned on the way. */
  async list(): Promise<TaskRecord<T>[]> {
    return this.readAll().sort((a, b) => recordTime(b) - recordTime(a));
  }

  /** Deletes the records past their 7 days; answers how many went. */
  async prune(): Promise<number> {
    const before = this.names().length;
    this.readAll();
    return before - this.names().length;
  }

  private readAll(): TaskRecord<T>[] {
    const live: TaskRecord<T>[] = [];
    for (const name of this.names()) {
      const file = path.join(this.folder, name);
      const record = this.readFile(file);
      if (record && this.expired(record)) {
        this.delete(file);
      } else if (record) {
        live.push(record);
      }
    }
    return live;
  }

  private names(): string[] {
    try {
      return this.files.readdirSync(this.folder).filter((name) => name.endsWith('.json'));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        return [];
      }
      throw error;
    }
  }

  private expired(record: TaskRecord<T>): boolean {
    return this.now() - recordTime(record) > TASK_RECORD_TTL_MS;
  }

  private fileOf(taskId: string): string {
    return path.join(this.folder, recordFileName(taskId));
  }

  private read(taskId: string): TaskRecord<T> | undefined {
    return this.readFile(this.fileOf(taskId));
  }

  private readFile(file: string): TaskRecord<T> | undefined {
    let text: string;
    try {
      text = this.files.readFileSync(file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
    let reason: string;
    try {
      const parsed: unknown = JSON.parse(text);
      if (isTaskRecord(parsed)) {
        return parsed as TaskRecord<T>;
      }
      reason = 'not a task record';
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    this.setAside(file, reason);
    return undefined;
  }

  /** Keeps an unreadable record for a person to look at, out of the way of the next read. */
  private setAside(file: string, reason: string): void {
    const aside = `${file}.corrupt-${this.now()}`;
    try {
      this.files.renameSync(file, aside);
      this.logger.warn(`task record ${file} could not be read (${reason}); set aside as ${path.basename(aside)}`);
    } catch (error) {
      this.logger.warn(`task record ${file} could not be read (${reason}) nor set aside: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Whole or not at all: the bytes go to a temp file beside it, then take the record's name in one rename. */
  private write(record: PendingRecord<T> | SavedRecord<T>): void {
    this.files.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const file = this.fileOf(record.taskId);
    const temp = path.join(this.folder, `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      // The prompt is the user's own text: readable by them alone.
      this.files.writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      this.files.renameSync(temp, file);
    } catch (error) {
      this.delete(temp);
      throw error;
    }
  }

  private delete(file: string): void {
    try {
      this.files.unlinkSync(file);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') {
        throw error;
      }
    }
  }
}
