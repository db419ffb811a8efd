import { PROJECT_ROOT } from './layout';

export interface WorkbenchTarget {
  /** `127.0.0.1:PORT`: must equal the page's location.host, or the workbench rejects the payload paths. */
  authority: string;
  folder: string;
  /** Loads the extension from the project folder (dist/extension.js), as F5 does. */
  extensionDevelopmentPath?: string;
  /** A compiled module exporting run(); the workbench runs it in the extension host and reports the exit code. */
  extensionTestsPath?: string;
}

/** The workbench URL with the smoke-test payload that code-server passes to VS Code. */
export function workbenchUrl(target: WorkbenchTarget): string {
  const remote = (file: string) => `vscode-remote://${target.authority}${file}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(target.extensionDevelopmentPath ?? PROJECT_ROOT)],
    ['skipWelcome', 'true'],
  ];
  if (target.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  }
  const query = new URLSearchParams({ folder: target.folder, payload: JSON.stringify(payload) });
  return `http://${target.authority}/?${query.toString()}`;
}
