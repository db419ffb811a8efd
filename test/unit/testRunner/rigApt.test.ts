// The rig installs Debian packages without their Recommends (for chromium: a printer stack).
import * as assert from 'assert';
import { aptInstallArgs } from '../../rig/debianPackages';

describe('rig: apt-get install', () => {
  it('installs only what the packages depend on, never their Recommends, unattended', () => {
    assert.deepStrictEqual(aptInstallArgs(['chromium', 'libkrb5-dev']), ['install', '-y', '--no-install-recommends', 'chromium', 'libkrb5-dev']);
  });
});
