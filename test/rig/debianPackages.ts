import * as fs from 'fs';
import { query, run } from './exec';
import { isRoot } from './platform';

/** A Debian package counts as present when dpkg says so or, if given, when the file it provides exists. */
export interface DebianPackage {
  name: string;
  providesFile?: string;
}

function isInstalled(pkg: DebianPackage): boolean {
  if (pkg.providesFile && fs.existsSync(pkg.providesFile)) {
    return true;
  }
  return query('dpkg-query', ['-W', '-f=${Status}', pkg.name])?.includes('install ok installed') ?? false;
}

/**
 * Installs the missing packages with apt-get when running as root (a fresh CI machine);
 * otherwise stops with the command a person has to run, since the rig cannot use sudo unattended.
 */
export async function ensureDebianPackages(packages: readonly DebianPackage[], log: (line: string) => void): Promise<void> {
  const missing = packages.filter((pkg) => !isInstalled(pkg)).map((pkg) => pkg.name);
  if (missing.length === 0) {
    return;
  }
  if (!isRoot()) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}. Install them first: sudo apt-get ${aptInstallArgs(missing).join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing Debian packages: ${missing.join(' ')}`);
  await run('apt-get', ['update'], { env });
  await run('apt-get', aptInstallArgs(missing), { env });
}

/**
 * Without Recommends: for chromium they are a printer and desktop stack (system-config-printer,
 * cups-pk-helper, avahi, samba-libs, upower, ...). Measured with apt's simulation: 107 packages,
 * 132 MB to download and 437 MB installed with them; 19, 117 MB and 375 MB without. Headless
 * Chromium needs none of it.
 */
export function aptInstallArgs(packages: readonly string[]): string[] {
  return ['install', '-y', '--no-install-recommends', ...packages];
}
