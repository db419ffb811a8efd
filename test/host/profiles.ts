/**
 * Host tests run in one extension host per profile: workspace trust is fixed for a whole window,
 * so tests of Restricted Mode live in their own folder and get their own editor.
 * A profile's folder is relative to out/test/host; the default profile takes every other folder.
 */
export interface HostProfile {
  name: string;
  /** Sub-folder of test/host holding this profile's tests; '' for the default profile. */
  dir: string;
  /** true: the workspace opens untrusted (Restricted Mode). */
  workspaceTrust: boolean;
}

export const HOST_PROFILES: readonly HostProfile[] = [
  { name: 'default', dir: '', workspaceTrust: false },
  { name: 'restricted', dir: 'restricted', workspaceTrust: true },
];

/** Folders the default profile skips: the other profiles' tests and the self-check fixture. */
export const NOT_DEFAULT_DIRS = ['selfcheck', ...HOST_PROFILES.map((profile) => profile.dir).filter((dir) => dir)];
