import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Logger } from '../../core/base/logger';

export type RecordFiles = Pick<typeof fs, 'readdirSync' | 'readFileSync' | 'writeFileSync' | 'renameSync' | 'unlinkSync' | 'mkdirSync'>;

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * One folder of JSON records, each written whole or not at all (temp file + rename), each read
 * back checked: a file that cannot be used is reported and renamed aside, never a crash.
 */
export class JsonFolder {
  constructor(
    readonly folder: string,
    private readonly files: RecordFiles,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** The record files' names (`*.json`); none when the folder does not exist yet. */
  names(): string[] {
    try {
      return this.files.readdirSync(this.folder).filter((name) => name.endsWith('.json'));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        return [];
      }
      throw error;
    }
  }

  read<R>(file: string, isValid: (value: unknown) => boolean): R | undefined {
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
      if (isValid(parsed)) {
        return parsed as R;
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
  write(file: string, record: unknown): void {
    this.files.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
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

  delete(file: string): void {
    try {
      this.files.unlinkSync(file);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') {
        throw error;
      }
    }
  }
}

/** Whether a process of this machine with that id is running (a claim or intent of a live run). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return errorCode(error) === 'EPERM';
  }
}
