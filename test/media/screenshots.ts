import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../rig/layout';
import { TEST_ENV } from '../run/testEnv';
import { README_MEDIA_DIR, README_SHOTS, REFRESH_README_SHOTS } from '../ui/readmeShots';

/**
 * `npm run screenshots`: runs the ui tests that take the README's pictures with
 * SPARK_README_SHOTS=1, so each one is also written, optimised, to media/readme/. Fails when
 * a test fails or a picture was not written again.
 */
function main(): number {
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'out', 'test', 'run', 'all.js'), 'ui'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    env: { ...process.env, [REFRESH_README_SHOTS]: '1', [TEST_ENV.grep]: 'npm run demo|the CLI in a terminal|Image Studio variations in the real editor' },
  });
  const stale = README_SHOTS.filter((name) => {
    const file = path.join(README_MEDIA_DIR, `${name}.png`);
    return !fs.existsSync(file) || fs.statSync(file).mtimeMs < started;
  });
  for (const name of README_SHOTS) {
    const file = path.join(README_MEDIA_DIR, `${name}.png`);
    if (fs.existsSync(file)) {
      console.log(`[screenshots] ${path.relative(PROJECT_ROOT, file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} KB${stale.includes(name) ? '  (NOT refreshed)' : ''}`);
    }
  }
  if (stale.length > 0) {
    console.error(`[screenshots] not refreshed: ${stale.join(', ')}`);
    return 1;
  }
  return result.status ?? 1;
}

process.exitCode = main();
