import * as fs from 'fs';
import * as path from 'path';

/**
 * Copies the extension's own output channel logs ("Spark Image.log", one per window load) out of
 * a run's user-data folder before it is removed, so a failure on CI can be read afterwards.
 * Returns the files written, named <label>.spark-<n>.log beside the server's log.
 */
export function keepExtensionLogs(userDataDir: string, logDir: string, label: string): string[] {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) {
    return [];
  }
  const found = (fs.readdirSync(logs, { recursive: true }) as string[])
    .filter((relative) => path.basename(relative).endsWith('Spark Image.log'))
    .map((relative) => path.join(logs, relative))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  return found.map((source, index) => {
    const target = path.join(logDir, `${label}.spark-${index + 1}.log`);
    fs.copyFileSync(source, target);
    return target;
  });
}
