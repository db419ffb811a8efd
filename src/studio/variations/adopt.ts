import * as vscode from 'vscode';
import type { Logger } from '../../core/base/logger';
import type { GeneratedImage } from '../../core/job/ports';
import type { OutputPlan } from '../../core/output/outputPlan';
import { readSettings } from '../../editor/config';
import { askWhereToSave } from '../../editor/connection';
import { WorkspaceImageSink } from '../../editor/saving/workspaceImageSink';
import { saveAsFor } from '../saveFor';

/**
 * Use this, for a kept variation: the image is saved into the workspace as a studio run saves it
 * (sparkImage.destination and fileName for the document Insert writes into, never overwriting, its
 * provenance inside), through the editor's one workspace sink. Returns where it went.
 */
export async function saveIntoWorkspace(image: GeneratedImage, document: vscode.TextDocument | undefined, logger: Logger, output?: OutputPlan): Promise<vscode.Uri> {
  return (await workspaceSinkFor(document, logger, output).save(image, undefined)).location;
}

/** The workspace sink a studio save goes through; `output`: the save controls' plan (absent: as configured). */
export function workspaceSinkFor(document: vscode.TextDocument | undefined, logger: Logger, output?: OutputPlan): WorkspaceImageSink {
  const folder = (document && vscode.workspace.getWorkspaceFolder(document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error(vscode.l10n.t('Open a folder first: generated images are saved in the workspace.'));
  }
  const settings = { ...readSettings(document?.uri), ...saveAsFor(document) };
  return new WorkspaceImageSink({ folder, settings, logger, askDestination: (one) => askWhereToSave(folder, one), ...(output && { output }) });
}
