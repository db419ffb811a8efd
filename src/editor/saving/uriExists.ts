import * as vscode from 'vscode';

/** Whether anything is at the URI, on any file system the workspace uses (local, remote, virtual). */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
