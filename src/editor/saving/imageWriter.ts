import * as vscode from 'vscode';
import { promises as fs } from 'fs';
import { isInside, posixBasename, posixDirname, relativePosix, renderFileName, resolveDestination, uniquePath, fileNameVariables } from '../../core/naming/naming';
import { Provenance } from '../../core/image/provenance';
import { uriExists } from './uriExists';
import { SparkSettings } from '../config';

export class DestinationError extends Error {}

export interface SaveContext {
  /** The document the image is for; undefined when there is none (palette with no editor). */
  documentUri?: vscode.Uri;
  workspaceFolder: vscode.WorkspaceFolder;
}


/**
 * On disk, a symlink inside the workspace may point anywhere: compare real paths. Other schemes
 * (remote, virtual) have no symlinks we could follow; there the path check is the whole check.
 */
async function assertRealPathInside(folder: vscode.Uri, target: vscode.Uri): Promise<void> {
  if (target.scheme !== 'file') {
    return;
  }
  const root = await fs.realpath(folder.fsPath);
  let probe = target.fsPath;
  // The file does not exist yet: resolve the deepest folder of its path that does.
  for (;;) {
    try {
      const real = await fs.realpath(probe);
      if (!isInside(root.replace(/\\/g, '/'), real.replace(/\\/g, '/'))) {
        throw new DestinationError(vscode.l10n.t('Refused to save {0}: it leads outside the workspace folder through a link.', target.fsPath));
      }
      return;
    } catch (error) {
      if (error instanceof DestinationError) {
        throw error;
      }
      const parent = posixDirname(probe.replace(/\\/g, '/'));
      if (parent === probe || parent === '.' || parent === '/') {
        return;
      }
      probe = parent;
    }
  }
}

/** Where the image goes: the settings' templates, made unique, checked to stay in the workspace. */
export async function chooseDestination(context: SaveContext, settings: SparkSettings, provenance: Provenance, extension: string): Promise<vscode.Uri> {
  const folder = context.workspaceFolder.uri;
  const document = context.documentUri;
  const documentPath = document && document.scheme === folder.scheme && document.authority === folder.authority ? document.path : `${folder.path}/untitled`;
  const documentFileName = posixBasename(documentPath);
  const dot = documentFileName.lastIndexOf('.');
  const baseName = dot > 0 ? documentFileName.slice(0, dot) : documentFileName;
  const fileName = renderFileName(settings.fileName, fileNameVariables(provenance, new Date(), baseName), extension);
  const path = resolveDestination(settings.destination, {
    documentDirName: posixDirname(documentPath),
    documentBaseName: baseName,
    documentFileName,
    documentExtName: dot > 0 ? documentFileName.slice(dot + 1) : '',
    documentWorkspaceFolder: folder.path,
    documentRelativeDirName: relativePosix(folder.path, posixDirname(documentPath)),
    fileName,
  });
  if (!isInside(folder.path, path)) {
    throw new DestinationError(vscode.l10n.t('Refused to save the image at {0}: it is outside the workspace folder {1}. Check the sparkImage.destination setting.', path, folder.path));
  }
  const target = await uniquePath(path, (candidate) => uriExists(folder.with({ path: candidate })));
  const uri = folder.with({ path: target });
  await assertRealPathInside(folder, uri);
  return uri;
}

/** Writes through workspace.fs, so remote and virtual workspaces work too. */
export async function writeImage(uri: vscode.Uri, bytes: Uint8Array): Promise<void> {
  await vscode.workspace.fs.createDirectory(uri.with({ path: posixDirname(uri.path) }));
  if (await uriExists(uri)) {
    // Someone took the name between choosing and writing: never overwrite.
    throw new DestinationError(vscode.l10n.t('{0} appeared while the image was being saved; nothing was overwritten.', uri.path));
  }
  await vscode.workspace.fs.writeFile(uri, bytes);
}
