/** The rules of the studio's kept variations (no vscode: unit-tested in Node). */

/** The kept variations' own folder in the extension's global storage (no other cache shares it). */
export const KEPT_FOLDER = 'studio-variations';

/** How long a variation that was paid for and not used is kept outside the workspace. */
export const KEPT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Older than KEPT_DAYS: removed when the studio starts. */
export function isExpiredKept(modifiedMs: number, now: number): boolean {
  return now - modifiedMs > KEPT_DAYS * DAY_MS;
}

/** One file per task: the task id made safe as a file name. */
export function keptFileName(taskId: string, extension: string): string {
  return `${taskId.replace(/[^\w.-]/g, '_').slice(0, 120)}.${extension}`;
}
