import * as fs from 'fs';
import * as path from 'path';

export type Settings = Record<string, unknown>;

/**
 * Settings every run starts from: no welcome page, tips, update checks, AI side panels or
 * animations, so the workbench is quiet, cheap to draw and the same on every machine.
 * A run's own settings win.
 */
export const BASE_SETTINGS: Settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'files.autoSave': 'off',
  'window.confirmBeforeClose': 'never',
  // Nothing redrawn on a timer or for looks: two cores run two editors side by side.
  'editor.cursorBlinking': 'solid',
  'editor.minimap.enabled': false,
  'editor.smoothScrolling': false,
  'workbench.reduceMotion': 'on',
};

/** Writes `<user-data-dir>/User/settings.json`, where code-server reads the user's settings. */
export function writeUserSettings(userDataDir: string, settings: Settings = {}): string {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2)}\n`);
  return file;
}
