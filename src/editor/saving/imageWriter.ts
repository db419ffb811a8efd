import * as vscode from 'vscode';
import { promises as fs } from 'fs';
import { isInside, posixBasename, posixDirname, relativePosix, renderFileName, resolveDestination, fileNameVariables } from '../../core/naming/naming';
import { Provenance } from '../../core/image/provenance';
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

/**
 * Where the image should go: the settings' templates, checked to stay in the workspace. The name may
 * be taken; saving takes the next free one (claimedWrite.ts).
 */
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
  const uri = folder.with({ path });
  // The file is named when it is saved: check the folder it goes into (the name itself is claimed new).
  await assertRealPathInside(folder, folder.with({ path: posixDirname(path) }));
  return uri;
}
