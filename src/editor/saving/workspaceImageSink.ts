import * as vscode from 'vscode';
import { payloadFor } from '../../core/job/payload';
import { GeneratedImage, ImageSink, SavedImage } from '../../core/job/ports';
import { sidecarPath } from '../../core/image/imageMetadata';
import { Logger } from '../../core/base/logger';
import { SparkSettings } from '../config';
import { chooseDestination, DestinationError } from './imageWriter';
import { saveUnderExactName, saveUnderFreeName } from './claimedWrite';
import { PendingTarget } from '../generation/pendingStore';

export interface WorkspaceSinkOptions {
  folder: vscode.WorkspaceFolder;
  settings: SparkSettings;
  logger: Logger;
  /** Where an untitled document's image goes: the person chooses (undefined: they dismissed it). */
  askDestination(image: GeneratedImage): Promise<vscode.Uri>;
}

/**
 * The editor's ImageSink, on workspace.fs (so remote and virtual workspaces work): the settings'
 * templates, never overwriting, inside the workspace; provenance inside the image or in a sidecar.
 */
export class WorkspaceImageSink implements ImageSink<PendingTarget, vscode.Uri> {
  constructor(private readonly options: WorkspaceSinkOptions) {}

  async save(image: GeneratedImage, target: PendingTarget | undefined): Promise<SavedImage<vscode.Uri>> {
    const { folder, settings, logger } = this.options;
    const documentUri = target ? vscode.Uri.parse(target.documentUri) : undefined;
    const wanted =
      documentUri?.scheme === 'untitled' ? await this.options.askDestination(image) : await chooseDestination({ documentUri, workspaceFolder: folder }, settings, image.provenance, image.info.extension);
    const payload = payloadFor(image);
    const destination = await saveUnderFreeName(wanted, payload.bytes);
    if (payload.sidecar !== undefined) {
      const sidecar = destination.with({ path: sidecarPath(destination.path) });
      if (!(await saveUnderExactName(sidecar, new TextEncoder().encode(payload.sidecar)))) {
        throw new DestinationError(vscode.l10n.t('{0} appeared while the image was being saved; nothing was overwritten.', sidecar.path));
      }
    }
    logger.info(`saved ${destination.path} (${image.bytes.byteLength} bytes, seed ${image.provenance.seed}, cost ${image.provenance.costUsd ?? '?'} USD)`);
    return { location: destination, key: destination.toString(), link: image.provenance, sidecar: payload.sidecar !== undefined };
  }

  locate(key: string): vscode.Uri {
    return vscode.Uri.parse(key);
  }
}
