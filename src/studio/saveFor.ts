import * as vscode from 'vscode';
import { posixBasename, posixDirname, relativePosix, resolveDestination } from '../core/naming/naming';
import { readSettings, SparkSettings } from '../editor/config';

type SaveAs = Pick<SparkSettings, 'destination' | 'fileName'>;

/**
 * Where a studio image goes: where sparkImage.destination puts it for the document Insert writes
 * into, as every other flow saves beside its document. The studio's job has no link target, so the
 * document's part of the templates is filled in here and the rest (the file name) when it is saved.
 * Undefined (the workspace folder's own default) for an untitled document or one outside the
 * folder the job saves into.
 */
export function saveAsFor(document: vscode.TextDocument | undefined): SaveAs | undefined {
  const folder = document && vscode.workspace.getWorkspaceFolder(document.uri);
  if (!document || !folder || folder !== vscode.workspace.workspaceFolders?.[0]) {
    return undefined;
  }
  const settings = readSettings(document.uri);
  const path = document.uri.path;
  const fileName = posixBasename(path);
  const dot = fileName.lastIndexOf('.');
  const baseName = dot > 0 ? fileName.slice(0, dot) : fileName;
  const destination = resolveDestination(settings.destination, {
    documentDirName: posixDirname(path),
    documentBaseName: baseName,
    documentFileName: fileName,
    documentExtName: dot > 0 ? fileName.slice(dot + 1) : '',
    documentWorkspaceFolder: folder.uri.path,
    documentRelativeDirName: relativePosix(folder.uri.path, posixDirname(path)),
    // Kept as a variable: the saving fills it in once the image's seed and size are known.
    fileName: '${fileName}',
  });
  return { destination, fileName: settings.fileName.split('${documentBaseName}').join(baseName) };
}
