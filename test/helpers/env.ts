import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The state folders made here; removed when the test process ends (thousands were left in the temp folder). */
const made: string[] = [];
process.on('exit', () => made.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

function freshStateFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-state-'));
  made.push(folder);
  return folder;
}

/**
 * This process's environment without any SPARK_IMAGE_* variable, then `extra`: a child process
 * sees only the settings its test gives it, never the ones of the machine running the tests.
 * Each child gets a fresh state folder (learned prices, kept tasks) unless the test shares one.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('SPARK_IMAGE_')) {
      env[name] = value;
    }
  }
  return { ...env, SPARK_IMAGE_STATE_DIR: extra.SPARK_IMAGE_STATE_DIR ?? freshStateFolder(), ...extra };
}
