import * as vscode from 'vscode';
import type { Logger } from '../../core/base/logger';
import type { GeneratedImage } from '../../core/job/ports';
import { readSettings } from '../../editor/config';
import { askWhereToSave } from '../../editor/connection';
import { WorkspaceImageSink } from '../../editor/saving/workspaceImageSink';
import { saveAsFor } from '../saveFor';

/**
 * Use this, for a kept variation: the image is saved into the workspace as a studio run saves it
 * (sparkImage.destination and fileName for the document Insert writes into, never overwriting, its
 * provenance inside), through the editor's one workspace sink. Returns where it went.
 */
export async function saveIntoWorkspace(image: GeneratedImage, document: vscode.TextDocument | undefined, logger: Logger): Promise<vscode.Uri> {
  const folder = (document && vscode.workspace.getWorkspaceFolder(document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error(vscode.l10n.t('Open a folder first: generated images are saved in the workspace.'));
  }
  const settings = { ...readSettings(document?.uri), ...saveAsFor(document) };
  const sink = new WorkspaceImageSink({ folder, settings, logger, askDestination: (one) => askWhereToSave(folder, one) });
  return (await sink.save(image, undefined)).location;
}
