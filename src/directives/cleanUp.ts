import * as vscode from 'vscode';
import { withSource } from '../editor/l10n';
import { sidecarPath } from '../core/image/imageMetadata';
import { posixBasename } from '../core/naming/naming';
import { Provenance } from '../core/image/provenance';
import { uriExists } from '../editor/saving/uriExists';
import { EXCLUDE_GLOB } from './ids';
import { readProvenance } from './model';

export interface UnusedImage {
  uri: vscode.Uri;
  provenance: Provenance;
}

const IMAGE_GLOB = '**/*.{png,jpg,jpeg,webp}';
const DOCUMENT_GLOB = '**/*.{md,markdown,mdx,html,htm,rst,adoc,asciidoc,tex,txt}';

async function documentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) {
    return open.getText();
  }
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return '';
  }
}

/**
 * Generated images (known by their provenance) that no document of the workspace mentions. A
 * mention of the file name anywhere counts as a use: when in doubt, an image is kept.
 */
export async function findUnusedImages(token?: vscode.CancellationToken): Promise<UnusedImage[]> {
  const generated: UnusedImage[] = [];
  for (const uri of await vscode.workspace.findFiles(IMAGE_GLOB, EXCLUDE_GLOB, 5000, token)) {
    const provenance = await readProvenance(uri);
    if (provenance) {
      generated.push({ uri, provenance });
    }
  }
  if (generated.length === 0) {
    return [];
  }
  const texts: string[] = [];
  for (const uri of await vscode.workspace.findFiles(DOCUMENT_GLOB, EXCLUDE_GLOB, 20000, token)) {
    texts.push(await documentText(uri));
  }
  // Unsaved documents are documents too.
  for (const document of vscode.workspace.textDocuments) {
    if (document.isUntitled) {
      texts.push(document.getText());
    }
  }
  return generated.filter(({ uri }) => {
    const name = posixBasename(uri.path);
    const forms = [name, encodeURIComponent(name), name.replace(/ /g, '%20')];
    return !texts.some((text) => forms.some((form) => text.includes(form)));
  });
}

/**
 * Optional argument of Clean Up, for tests and other extensions: `select` replaces the quick pick
 * ('all' = every unused generated image; a list = those of the candidates whose workspace-relative
 * path or URI is listed; anything else is ignored, so only unused generated images can be deleted).
 */
export interface CleanUpArgs {
  select?: 'all' | string[];
}

function preselected(value: unknown): CleanUpArgs['select'] {
  const select = value && typeof value === 'object' ? (value as Record<string, unknown>).select : undefined;
  if (select === 'all') {
    return 'all';
  }
  return Array.isArray(select) ? select.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Lists unused generated images in a multi-select quick pick and deletes (to the trash) only those picked. */
export async function cleanUpUnusedImages(rawArgs?: unknown): Promise<vscode.Uri[]> {
  const select = preselected(rawArgs);
  const unused = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Looking for unused generated images…') }, () => findUnusedImages());
  if (unused.length === 0) {
    void vscode.window.showInformationMessage(withSource(vscode.l10n.t('Every generated image in the workspace is linked from a document.')));
    return [];
  }
  const items = unused.map((image) => ({
    label: posixBasename(image.uri.path),
    description: vscode.workspace.asRelativePath(image.uri),
    detail: vscode.l10n.t('“{0}” · seed {1} · {2}×{3}', image.provenance.prompt.slice(0, 80), image.provenance.seed, image.provenance.width, image.provenance.height),
    image,
  }));
  const picks =
    select === undefined
      ? await vscode.window.showQuickPick(items, {
          canPickMany: true,
          title: vscode.l10n.t('Unused generated images: pick the ones to delete'),
          placeHolder: vscode.l10n.t('{0} image(s) no document links to', unused.length),
          ignoreFocusOut: true,
        })
      : items.filter((item) => select === 'all' || select.includes(item.description) || select.includes(item.image.uri.toString()));
  if (!picks || picks.length === 0) {
    return [];
  }
  const deleted: vscode.Uri[] = [];
  // Remote file systems (SSH, WSL, containers, code-server) have no trash: the delete to the trash
  // throws there, and files go for good only after one more question (none when `select` was given).
  let permanently: boolean | undefined;
  const remove = async (uri: vscode.Uri): Promise<void> => {
    try {
      await vscode.workspace.fs.delete(uri, { useTrash: true });
    } catch (trashError) {
      permanently ??= select !== undefined || (await confirmPermanent(trashError));
      if (!permanently) {
        throw trashError;
      }
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
  };
  for (const pick of picks) {
    try {
      await remove(pick.image.uri);
      deleted.push(pick.image.uri);
      const sidecar = pick.image.uri.with({ path: sidecarPath(pick.image.uri.path) });
      if (await uriExists(sidecar)) {
        await remove(sidecar);
      }
    } catch (error) {
      void vscode.window.showErrorMessage(withSource(vscode.l10n.t('Could not delete {0}: {1}', vscode.workspace.asRelativePath(pick.image.uri), error instanceof Error ? error.message : String(error))));
    }
  }
  void vscode.window.showInformationMessage(withSource(vscode.l10n.t('Deleted {0} unused image(s).', deleted.length)));
  return deleted;
}

async function confirmPermanent(error: unknown): Promise<boolean> {
  const remove = vscode.l10n.t('Delete Permanently');
  const choice = await vscode.window.showWarningMessage(
    withSource(vscode.l10n.t('The images could not be moved to the trash. Delete them permanently?')),
    { modal: true, detail: error instanceof Error ? error.message : String(error) },
    remove,
  );
  return choice === remove;
}
