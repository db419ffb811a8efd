import * as vscode from 'vscode';
import { withSource } from '../l10n';
import { LinkPlacer, SavedImage } from '../../core/job/ports';
import { Logger } from '../../core/base/logger';
import { LinkEditQueue } from './linkEditQueue';
import { documentLinksTo, insertLinkAt, insertLinkAtAnchor, LinkRequest, linkFor, replaceWithLink } from './linkInserter';
import { PendingTarget } from '../generation/pendingStore';
import { PlaceholderTracker } from './placeholders';

/** What only this window knows about a job's link: its placeholder, and the range a directive manages. */
export interface LinkBinding {
  placeholderId?: string;
  /**
   * The range the link takes, found again on each attempt: the image a directive manages (replaced),
   * or an empty range where the link goes as a paragraph of its own; undefined once the place is gone.
   */
  replaceRange?: (document: vscode.TextDocument) => vscode.Range | undefined;
}

/**
 * The editor's LinkPlacer, the one way a link is placed: in a directive's link place, else at the
 * placeholder's current place (after the links queued before it), else at the remembered anchor
 * (after a reload); all through the one LinkEditQueue, each place found again when the edit's turn
 * comes and on each retry. A place that is gone offers the link rather than losing it.
 */
export class EditorLinkPlacer implements LinkPlacer<PendingTarget, vscode.Uri> {
  constructor(
    private readonly queue: LinkEditQueue,
    private readonly placeholders: PlaceholderTracker,
    private readonly logger: Logger,
    private readonly binding: LinkBinding = {},
  ) {}

  async place(saved: SavedImage<vscode.Uri>, target: PendingTarget): Promise<boolean> {
    const request = linkRequest(saved, target);
    const started = Date.now();
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === target.documentUri);
    const { placeholderId, replaceRange } = this.binding;
    // The placeholder is no longer drawn once the link's turn comes: the link takes its place.
    const conceal = (): void => {
      if (placeholderId !== undefined) {
        this.placeholders.conceal(placeholderId);
      }
    };
    let placed: boolean;
    if (open && replaceRange && replaceRange(open)) {
      placed = await replaceWithLink(this.queue, request, open, (document) => {
        conceal();
        return replaceRange(document);
      });
    } else if (placeholderId !== undefined && this.placeholders.locate(placeholderId) !== undefined) {
      // Located when the edit is applied (after other links queued for this document), not before.
      placed = await insertLinkAt(this.queue, request, () => {
        conceal();
        return this.placeholders.locate(placeholderId)?.offset;
      });
    } else {
      placed = await insertLinkAtAnchor(this.queue, request, target.anchor);
    }
    const where = vscode.workspace.asRelativePath(request.documentUri);
    if (placed) {
      this.logger.info(`linked ${vscode.workspace.asRelativePath(request.imageUri)} in ${where} (${Date.now() - started} ms)`);
    } else {
      this.logger.warn(`could not place the link in ${where}: its place is gone`);
      offerLink(request);
    }
    return placed;
  }

  alreadyLinked(saved: SavedImage<vscode.Uri>, target: PendingTarget): Promise<boolean> {
    return documentLinksTo(vscode.Uri.parse(target.documentUri), saved.location);
  }
}

function linkRequest(saved: SavedImage<vscode.Uri>, target: PendingTarget): LinkRequest {
  const { prompt, width, height } = saved.link;
  return { documentUri: vscode.Uri.parse(target.documentUri), imageUri: saved.location, prompt, width, height, syntax: target.syntax, ownParagraph: target.ownParagraph };
}

/** The image is saved but its place is gone: the link is offered, never lost. */
function offerLink(request: LinkRequest): void {
  const copy = vscode.l10n.t('Copy Link');
  const open = vscode.l10n.t('Open Image');
  void vscode.window
    .showWarningMessage(withSource(vscode.l10n.t('The image was saved to {0}, but its place in {1} is gone. Copy the link to insert it yourself.', vscode.workspace.asRelativePath(request.imageUri), vscode.workspace.asRelativePath(request.documentUri))), copy, open)
    .then(async (choice) => {
      if (choice === copy) {
        await vscode.env.clipboard.writeText(linkFor(request));
      } else if (choice === open) {
        await vscode.commands.executeCommand('vscode.open', request.imageUri);
      }
    });
}
