import * as fs from 'fs';
import * as path from 'path';

/**
 * Several engineers run the tests in the same tree at once: only one of them may install into .rig.
 * mkdir is atomic; the folder holds the owner's pid so a lock left by a killed run is taken over.
 */
export async function withLock<T>(lockDir: string, log: (line: string) => void, body: () => Promise<T>): Promise<T> {
  const ownerFile = path.join(lockDir, 'pid');
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      if (!ownerAlive(ownerFile)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) {
        log(`waiting for another install (${lockDir})`);
        announced = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await body();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function ownerAlive(ownerFile: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(ownerFile, 'utf8'));
  } catch {
    // No pid yet: the owner is between mkdir and writing it, unless that was long ago.
    return Date.now() - fs.statSync(path.dirname(ownerFile)).mtimeMs < 10_000;
  }
  if (!pid) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
