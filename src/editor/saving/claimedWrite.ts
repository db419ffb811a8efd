import * as vscode from 'vscode';
import { FileName, noFreeName, numberedNames, splitFileName } from '../../core/naming/uniqueName';
import { posixBasename, posixDirname } from '../../core/naming/naming';

/**
 * Writes on workspace.fs (local, remote and virtual workspaces alike) without ever overwriting: the
 * bytes go to a temporary name first, and rename(…, {overwrite: false}) gives them the final one or
 * fails with FileExists. No name is checked first and written after, so two windows saving at once
 * cannot take the same file.
 */

function isFileExists(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileExists';
}

async function withTemporary<T>(folder: vscode.Uri, bytes: Uint8Array, use: (temporary: vscode.Uri) => Promise<T>): Promise<T> {
  await vscode.workspace.fs.createDirectory(folder);
  const temporary = vscode.Uri.joinPath(folder, `.spark-image-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  await vscode.workspace.fs.writeFile(temporary, bytes);
  try {
    return await use(temporary);
  } finally {
    // Renamed into place already (then there is nothing to delete), or left behind by a failure.
    await Promise.resolve(vscode.workspace.fs.delete(temporary)).catch(() => undefined);
  }
}

/** Gives the temporary file this name unless it is taken; false when it is. */
async function claim(temporary: vscode.Uri, target: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.rename(temporary, target, { overwrite: false });
    return true;
  } catch (error) {
    if (isFileExists(error)) {
      return false;
    }
    throw error;
  }
}

/** Saves under `wanted`, or the first free name after it (name-1.png, name-2.png, …); returns where. */
export async function saveUnderFreeName(wanted: vscode.Uri, bytes: Uint8Array): Promise<vscode.Uri> {
  const folder = wanted.with({ path: posixDirname(wanted.path) });
  const name: FileName = splitFileName(posixBasename(wanted.path));
  return withTemporary(folder, bytes, async (temporary) => {
    for (const candidate of numberedNames(name)) {
      const target = vscode.Uri.joinPath(folder, candidate);
      if (await claim(temporary, target)) {
        return target;
      }
    }
    throw noFreeName(name, folder.path);
  });
}

/** Saves at exactly this URI (a sidecar beside its image); false when the name is taken, and nothing is overwritten. */
export async function saveUnderExactName(uri: vscode.Uri, bytes: Uint8Array): Promise<boolean> {
  return withTemporary(uri.with({ path: posixDirname(uri.path) }), bytes, (temporary) => claim(temporary, uri));
}
