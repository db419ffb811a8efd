import * as vscode from 'vscode';
import { payloadFor } from '../../core/job/payload';
import { GeneratedImage, ImageSink, SavedImage } from '../../core/job/ports';
import { sidecarPath } from '../../core/image/imageMetadata';
import { isAsSent, type OutputPlan } from '../../core/output/outputPlan';
import { Logger } from '../../core/base/logger';
import { SparkSettings } from '../config';
import { chooseDestination, DestinationError } from './imageWriter';
import { saveUnderExactName, saveUnderFreeName } from './claimedWrite';
import { PendingTarget } from '../generation/pendingStore';
import { originalsCache, outputPlanFor } from '../output/editorOutputPlan';
import { outputBundle } from '../output/lazyOutput';

export interface WorkspaceSinkOptions {
  folder: vscode.WorkspaceFolder;
  settings: SparkSettings;
  logger: Logger;
  /** Where an untitled document's image goes: the person chooses (undefined: they dismissed it). */
  askDestination(image: GeneratedImage): Promise<vscode.Uri>;
  /** The output a caller decided without a link target (the studio's save controls); a target's own output wins. */
  output?: OutputPlan;
}

/**
 * The editor's ImageSink, on workspace.fs (so remote and virtual workspaces work): the settings'
 * templates, never overwriting, inside the workspace; provenance inside the image or in a sidecar.
 * With an output asked for (the run's, else spark-image.json's, else the settings'), the image is
 * converted first (the file's extension follows its format) and the API's original is kept in the
 * originals cache, so a later output change costs no request.
 */
export class WorkspaceImageSink implements ImageSink<PendingTarget, vscode.Uri> {
  constructor(private readonly options: WorkspaceSinkOptions) {}

  async save(sent: GeneratedImage, target: PendingTarget | undefined): Promise<SavedImage<vscode.Uri>> {
    const { folder, settings, logger } = this.options;
    const documentUri = target ? vscode.Uri.parse(target.documentUri) : undefined;
    const plan = target?.output ?? this.options.output ?? (await outputPlanFor(documentUri, folder));
    // Converted before its name is chosen: the extension follows the format.
    const image = isAsSent(plan) ? sent : await outputBundle().convertedForSave(sent, plan, originalsCache());
    const wanted =
      documentUri?.scheme === 'untitled' ? await this.options.askDestination(image) : await chooseDestination({ documentUri, workspaceFolder: folder }, settings, image.provenance, image.info.extension);
    // A converted image carries its provenance already (PNG, JPEG and WebP all can).
    const payload = image === sent ? payloadFor(image) : { bytes: image.bytes, sidecar: undefined };
    const destination = await saveUnderFreeName(wanted, payload.bytes);
    if (payload.sidecar !== undefined) {
      const sidecar = destination.with({ path: sidecarPath(destination.path) });
      if (!(await saveUnderExactName(sidecar, new TextEncoder().encode(payload.sidecar)))) {
        throw new DestinationError(vscode.l10n.t('{0} appeared while the image was being saved; nothing was overwritten.', sidecar.path));
      }
    }
    // The provenance the caller reports is the file's (with its output transform).
    sent.provenance = image.provenance;
    const output = image === sent ? '' : `, ${plan.format}${image.provenance.output ? ` ${image.provenance.output.width} px` : ''}`;
    logger.info(`saved ${destination.path} (${payload.bytes.byteLength} bytes${output}, seed ${image.provenance.seed}, cost ${image.provenance.costUsd ?? '?'} USD)`);
    // An HTML link's width and height are the file's, not the API's (a 1200 px WebP is not shown at 2048).
    const size = image.provenance.output ? { width: image.provenance.output.width, height: image.provenance.output.height } : {};
    return { location: destination, key: destination.toString(), link: { ...image.provenance, ...size }, sidecar: payload.sidecar !== undefined };
  }

  locate(key: string): vscode.Uri {
    return vscode.Uri.parse(key);
  }
}
