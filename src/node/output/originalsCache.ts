/**
 * The originals cache: the full-size image the API returned, kept outside the repository and keyed
 * by task id, so a later change of format or width is re-encoded from it without a request. Capped;
 * the oldest (by last use) go first.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_CACHE_MAX_MB } from '../../core/output/outputSettings';

/** `$SPARK_IMAGE_CACHE_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/spark-image/originals`. */
export function cliCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SPARK_IMAGE_CACHE_DIR) {
    return path.resolve(env.SPARK_IMAGE_CACHE_DIR);
  }
  return path.join(env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache'), 'spark-image', 'originals');
}

/** The editor's cache: its own folder in the extension's global storage (other features keep their own folders there). */
export function globalStorageCacheFolder(globalStoragePath: string): string {
  return path.join(globalStoragePath, 'originals');
}

/** A task id as a file name: the ids the API gives are safe; anything else is spelled out in hex. */
function fileNameOf(taskId: string, imageIndex = 0): string {
  const safe = /^[A-Za-z0-9_-]{1,120}$/.test(taskId) ? taskId : `x${Buffer.from(taskId, 'utf8').toString('hex').slice(0, 200)}`;
  return `${safe}.${imageIndex}.original`;
}

export class OriginalsCache {
  constructor(
    readonly folder: string,
    private readonly maxBytes: number = DEFAULT_CACHE_MAX_MB * 1_000_000,
  ) {}

  /** Keeps the original, then evicts the oldest others until the cache is within its cap. Never throws: a cache is a help. */
  put(taskId: string, bytes: Uint8Array, imageIndex?: number): void {
    try {
      fs.mkdirSync(this.folder, { recursive: true });
      const file = path.join(this.folder, fileNameOf(taskId, imageIndex));
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, bytes);
      fs.renameSync(temporary, file);
      this.evict(file);
    } catch {
      // A full disk or a read-only home: the image is still saved; re-encoding may then need the committed file.
    }
  }

  /** Whether the original is kept, without counting as a use (a lens asking what Regenerate would do). */
  has(taskId: string, imageIndex?: number): boolean {
    return fs.existsSync(path.join(this.folder, fileNameOf(taskId, imageIndex)));
  }

  /** The original, if kept; reading it counts as a use, so it is evicted later. */
  get(taskId: string, imageIndex?: number): Uint8Array | undefined {
    const file = path.join(this.folder, fileNameOf(taskId, imageIndex));
    try {
      const bytes = fs.readFileSync(file);
      const now = new Date();
      fs.utimesSync(file, now, now);
      return bytes;
    } catch {
      return undefined;
    }
  }

  private evict(keep: string): void {
    const entries = fs
      .readdirSync(this.folder)
      .filter((name) => name.endsWith('.original'))
      .map((name) => {
        const file = path.join(this.folder, name);
        const stat = fs.statSync(file);
        return { file, size: stat.size, used: stat.mtimeMs };
      })
      .sort((a, b) => a.used - b.used || a.file.localeCompare(b.file));
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    for (const entry of entries) {
      if (total <= this.maxBytes) break;
      if (entry.file === keep) continue;
      fs.rmSync(entry.file, { force: true });
      total -= entry.size;
    }
  }
}
