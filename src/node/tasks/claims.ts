import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { errorCode, isAlive } from './jsonFolder';

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** What claiming a directive found: it is ours now (`tookOver`: from a dead run), or a live run has it. */
export type ClaimResult = { ok: true; tookOver?: number } | { ok: false; pid: number };

/**
 * Locks on directives, so that two runs at once on one folder never create the same image twice.
 * A claim is a file made with exclusive create (`wx`), holding the pid of its run. A claim whose
 * pid is dead is taken over, and its run's fate told to the caller (`tookOver`).
 */
export class DirectiveClaims {
  readonly folder: string;

  constructor(stateDir: string) {
    this.folder = path.join(stateDir, 'tasks', 'claims');
  }

  /** A directive's claim name, from its file, its text and its occurrence among equal ones there. */
  static keyOf(file: string, text: string, occurrence: number): string {
    return createHash('sha256').update(`${path.resolve(file)}\0${text}\0${occurrence}`).digest('hex').slice(0, 40);
  }

  claim(key: string): ClaimResult {
    fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const file = this.fileOf(key);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
        return { ok: true };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') {
          throw error;
        }
      }
      // Just made by another run and not written yet: its pid comes in a moment.
      const holder = this.holder(file) ?? (pause(25), this.holder(file));
      if (holder === process.pid) {
        return { ok: true };
      }
      if (holder !== undefined && isAlive(holder)) {
        return { ok: false, pid: holder };
      }
      // A dead run's claim (or a torn one): set it aside under a name of our own, then claim anew.
      try {
        fs.renameSync(file, `${file}.dead-${process.pid}`);
        fs.unlinkSync(`${file}.dead-${process.pid}`);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') {
          throw error;
        }
        continue;
      }
      try {
        fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
        return { ok: true, tookOver: holder ?? 0 };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') {
          throw error;
        }
      }
    }
    const holder = this.holder(file);
    return { ok: false, pid: holder ?? 0 };
  }

  /** Gives the claim up, if it is still this run's. */
  release(key: string): void {
    const file = this.fileOf(key);
    if (this.holder(file) === process.pid) {
      try {
        fs.unlinkSync(file);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') {
          throw error;
        }
      }
    }
  }

  private holder(file: string): number | undefined {
    try {
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  private fileOf(key: string): string {
    return path.join(this.folder, `${key}.lock`);
  }
}
