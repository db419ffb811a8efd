import * as vscode from 'vscode';
import { endOfLine } from '../core/links/insertion';
import { syntaxForLanguage } from '../core/links/linkText';
import { GenerationService } from '../editor/generation/generationService';
import { linkFor } from '../editor/links/linkInserter';
import { InsertTargetTracker } from './insertTarget';
import { StudioHistory } from './history/studioHistory';

type Notify = (level: 'info' | 'error', text: string) => void;

/** What the page's buttons do with a history entry's image: insert its link, copy it, reveal the file. */
export class EntryActions {
  constructor(
    private readonly history: StudioHistory,
    private readonly editor: InsertTargetTracker,
    private readonly service: GenerationService,
    private readonly notify: Notify,
  ) {}

  /**
   * Inserts the link as every flow does: a paragraph of its own below the cursor's line in the last
   * text editor, in its document's syntax (through the window's one link queue); then shows it.
   */
  async insert(entryId: string): Promise<void> {
    const image = this.history.imageOf(entryId);
    const target = this.editor.target;
    if (!image) {
      return;
    }
    if (!target || target.document.isClosed) {
      this.notify('error', vscode.l10n.t('Open a text editor to insert into.'));
      return;
    }
    const { document } = target;
    const inserted = await this.service.insertLink(
      { ...image, documentUri: document.uri, syntax: syntaxForLanguage(document.languageId), ownParagraph: true },
      () => endOfLine(document.getText(), Math.min(target.offset, document.getText().length)),
    );
    if (!inserted) {
      this.notify('error', vscode.l10n.t('The link could not be inserted into {0}.', vscode.workspace.asRelativePath(document.uri)));
      return;
    }
    await vscode.window.showTextDocument(document, { viewColumn: target.viewColumn, preserveFocus: false });
  }

  /** Copies the link as the last text editor would get it (without one: relative to a README at the workspace root). */
  async copyMarkdown(entryId: string): Promise<void> {
    const image = this.history.imageOf(entryId);
    if (!image) {
      return;
    }
    const document = this.editor.target?.document;
    const folder = vscode.workspace.getWorkspaceFolder(image.imageUri);
    const documentUri = document?.uri ?? (folder ? vscode.Uri.joinPath(folder.uri, 'README.md') : image.imageUri);
    const syntax = document ? syntaxForLanguage(document.languageId) : 'markdown';
    await vscode.env.clipboard.writeText(linkFor({ ...image, documentUri, syntax }));
    this.notify('info', vscode.l10n.t('Copied the link to the clipboard.'));
  }

  async reveal(entryId: string): Promise<void> {
    const image = this.history.imageOf(entryId);
    if (image) {
      await vscode.commands.executeCommand('revealInExplorer', image.imageUri);
    }
  }
}
