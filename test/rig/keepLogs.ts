import * as fs from 'fs';
import * as path from 'path';

/**
 * Copies the extension's own output channel logs ("Spark Image.log", one per window load) out of
 * a run's user-data folder before it is removed, so a failure on CI can be read afterwards.
 * Returns the files written, named <label>.spark-<n>.log beside the server's log.
 */
export function keepExtensionLogs(userDataDir: string, logDir: string, label: string): string[] {
  const found: string[] = [];
  collect(path.join(userDataDir, 'logs'), found);
  found.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  return found.map((source, index) => {
    const target = path.join(logDir, `${label}.spark-${index + 1}.log`);
    fs.copyFileSync(source, target);
    return target;
  });
}

function collect(dir: string, found: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      collect(full, found);
    } else if (/Spark Image\.log$/.test(entry.name)) {
      found.push(full);
    }
  }
}
