import * as vscode from 'vscode';
import { ApiConfig, checkApiConfig, userAgentFor } from '../core/api/client';
import { SparkError } from '../core/spec/errors';
import { GeneratedImage } from '../core/job/ports';
import { slugify } from '../core/naming/slug';
import { ApiKeyStore } from './apiKey';
import { SparkSettings } from './config';
import { Dismissed } from './dismissed';
import { translate } from './l10n';
import { ExtensionLog } from './log';

/** What a job needs from this window before it may send anything: the API, the key, a folder. */
export class EditorConnection {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: ExtensionLog,
  ) {}

  /** The connection from user settings and the key from SecretStorage (asked for when missing). */
  async apiConfig(settings: SparkSettings): Promise<ApiConfig> {
    const config: ApiConfig = { baseUrl: settings.apiBaseUrl, createPath: settings.createPath, taskPath: settings.taskPath, requestFormat: settings.requestFormat, apiKey: 'unset', userAgent: userAgentFor(vscode.extensions.getExtension('spark-image.spark-image')?.packageJSON?.version, 'vscode') };
    checkApiConfig(config, translate);
    const key = await this.keys.ensure();
    if (!key) {
      throw new Dismissed();
    }
    this.log.setSecrets(this.keys.known);
    return { ...config, apiKey: key };
  }

  workspaceFolderFor(uri: vscode.Uri | undefined): vscode.WorkspaceFolder {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      throw new SparkError('config', vscode.l10n.t('Open a folder first: generated images are saved in the workspace.'));
    }
    return folder;
  }
}

/** An untitled document has no folder of its own: the person chooses where its image goes. */
export async function askWhereToSave(folder: vscode.WorkspaceFolder, image: GeneratedImage): Promise<vscode.Uri> {
  const extension = image.info.extension;
  const suggested = vscode.Uri.joinPath(folder.uri, 'images', `${slugify(image.provenance.prompt)}.${extension}`);
  const chosen = await vscode.window.showSaveDialog({ defaultUri: suggested, title: vscode.l10n.t('Save the generated image'), filters: { [vscode.l10n.t('Images')]: [extension] } });
  if (!chosen) {
    throw new Dismissed();
  }
  return chosen;
}
