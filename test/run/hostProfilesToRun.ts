import * as path from 'path';
import { HOST_PROFILES, HostProfile, NOT_DEFAULT_DIRS } from '../host/profiles';
import { findTestFiles } from './mochaSuite';
import { TEST_ENV } from './testEnv';

/**
 * The host profiles worth an editor start: the default one always (it also holds the self-check
 * fixture), the others only when their folder has tests; SPARK_TEST_HOST_PROFILES narrows the list.
 */
export function hostProfilesToRun(hostTestDir: string): HostProfile[] {
  const wanted = process.env[TEST_ENV.hostProfiles]?.split(',').map((name) => name.trim());
  return HOST_PROFILES.filter((profile) => {
    if (wanted && !wanted.includes(profile.name)) {
      return false;
    }
    const files = profile.dir ? findTestFiles(path.join(hostTestDir, profile.dir)) : findTestFiles(hostTestDir, NOT_DEFAULT_DIRS);
    return !profile.dir || files.length > 0;
  });
}
