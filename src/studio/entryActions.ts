import * as vscode from 'vscode';
import { endOfLine } from '../core/links/insertion';
import { syntaxForLanguage } from '../core/links/linkText';
import { GenerationService } from '../editor/generation/generationService';
import { linkFor } from '../editor/links/linkInserter';
import { InsertTargetTracker } from './insertTarget';
import { StudioHistory } from './history/studioHistory';
import type { Logger } from '../core/base/logger';
import type { OutputPlan } from '../core/output/outputPlan';
import { readKept, removeKept } from './variations/keptImages';
import { saveIntoWorkspace } from './variations/adopt';
import type { StudioBinding } from './variations/binding';

type Notify = (level: 'info' | 'error', text: string) => void;

/** What the page's buttons do with a history entry's image: insert its link, copy it, reveal the file. */
export class EntryActions {
  constructor(
    private readonly history: StudioHistory,
    private readonly editor: InsertTargetTracker,
    private readonly service: GenerationService,
    private readonly notify: Notify,
    private readonly logger: Logger,
  ) {}

  /**
   * Use this: a kept variation is saved into the workspace first (its entry then names that file and
   * the kept copy goes), then its link is inserted at the target, once. Other entries are inserted as they are.
   */
  async use(entryId: string, output?: OutputPlan): Promise<void> {
    const kept = this.history.keptImageOf(entryId);
    const target = this.editor.target;
    if (kept) {
      if (!target || target.document.isClosed) {
        this.notify('error', vscode.l10n.t('Open a text editor to insert into.'));
        return;
      }
      const image = await readKept(kept);
      if (!image) {
        this.notify('error', vscode.l10n.t('The kept image {0} can no longer be read.', kept.fsPath));
        return;
      }
      const saved = await saveIntoWorkspace(image, target.document, this.logger, output);
      await this.history.adopted(entryId, saved, target.document.uri);
      await removeKept(kept);
    }
    await this.insert(entryId);
  }

  /** Use this, bound to a directive: the kept variation goes to the directive (saved, linked, seed pinned). True when it was placed. */
  async useFor(entryId: string, binding: StudioBinding): Promise<boolean> {
    const kept = this.history.keptImageOf(entryId);
    const image = kept && (await readKept(kept));
    if (!kept || !image) {
      this.notify('error', vscode.l10n.t('The kept image {0} can no longer be read.', kept?.fsPath ?? entryId));
      return false;
    }
    const saved = await binding.use(image);
    if (!saved) {
      return false;
    }
    await this.history.adopted(entryId, saved, undefined);
    await removeKept(kept);
    return true;
  }

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
