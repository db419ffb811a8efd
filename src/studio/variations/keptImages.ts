import * as vscode from 'vscode';
import { payloadFor } from '../../core/job/payload';
import type { GeneratedImage, ImageSink, SavedImage } from '../../core/job/ports';
import { parseSidecar, readEmbeddedProvenance, sidecarPath } from '../../core/image/imageMetadata';
import { sniffImage } from '../../core/image/imageType';
import type { PendingTarget } from '../../editor/generation/pendingStore';
import { isExpiredKept, KEPT_FOLDER, keptFileName } from './keptRules';

/**
 * The studio's variations that were paid for and not used (yet): kept outside the workspace, in the
 * extension's global storage, in a folder of their own (no other cache's eviction reaches it), for
 * KEPT_DAYS days. Use this copies one into the workspace (adopt.ts).
 */
export function keptFolderIn(globalStorage: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(globalStorage, KEPT_FOLDER);
}

/** Whether a URI is a kept variation (the history shows it with Use this). */
export function isKept(folder: vscode.Uri, uri: vscode.Uri): boolean {
  return uri.scheme === folder.scheme && uri.path.startsWith(`${folder.path}/`);
}

/** Saves a variation into the kept folder under its task id, its provenance inside the image (or beside it). */
export class KeptImageSink implements ImageSink<PendingTarget, vscode.Uri> {
  constructor(private readonly folder: vscode.Uri) {}

  async save(image: GeneratedImage): Promise<SavedImage<vscode.Uri>> {
    const payload = payloadFor(image);
    const location = vscode.Uri.joinPath(this.folder, keptFileName(image.provenance.taskId, image.info.extension));
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(location, payload.bytes);
    if (payload.sidecar !== undefined) {
      await vscode.workspace.fs.writeFile(location.with({ path: sidecarPath(location.path) }), new TextEncoder().encode(payload.sidecar));
    }
    return { location, key: location.toString(), link: image.provenance, sidecar: payload.sidecar !== undefined };
  }

  locate(key: string): vscode.Uri {
    return vscode.Uri.parse(key);
  }
}

/** A kept variation as the pipeline hands images over: its bytes and the provenance they carry. */
export async function readKept(uri: vscode.Uri): Promise<GeneratedImage | undefined> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  const info = sniffImage(bytes);
  let provenance = readEmbeddedProvenance(bytes);
  if (!provenance) {
    try {
      provenance = parseSidecar(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri.with({ path: sidecarPath(uri.path) }))));
    } catch {
      provenance = undefined;
    }
  }
  return info && provenance ? { bytes, info, finalUrl: uri.toString(), provenance } : undefined;
}

/** Removes a kept variation and its sidecar (it was used, or it expired). */
export async function removeKept(uri: vscode.Uri): Promise<void> {
  for (const file of [uri, uri.with({ path: sidecarPath(uri.path) })]) {
    try {
      await vscode.workspace.fs.delete(file);
    } catch {
      // Already gone.
    }
  }
}

/** Deletes the kept files older than KEPT_DAYS (by their modification time); returns how many. */
export async function pruneKept(folder: vscode.Uri, now = Date.now()): Promise<number> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const [name, type] of entries) {
    const uri = vscode.Uri.joinPath(folder, name);
    if (type === vscode.FileType.File && isExpiredKept((await vscode.workspace.fs.stat(uri)).mtime, now)) {
      await vscode.workspace.fs.delete(uri);
      removed += 1;
    }
  }
  return removed;
}
