import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { sanitizeServerText } from '../core/spec/errors';
import { historyEntryOf, pendingHistoryEntries } from './studioEntries';
import { studioHtml } from './studioHtml';
import { syntaxForLanguage } from '../core/links/linkText';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../core/spec/spec';
import { validateInput } from '../core/spec/validation';
import { readSettings } from '../editor/config';
import { GenerationRecord, GenerationService } from '../editor/generation/generationService';
import { translate } from '../editor/l10n';
import { linkFor } from '../editor/links/linkInserter';
import { ExtensionLog } from '../editor/log';
import { PendingStore } from '../editor/generation/pendingStore';
import { uriExists } from '../editor/saving/uriExists';
import { HistoryEntry, HistoryStore } from './historyStore';
import { ComposeParams, describeDropped, FromWebview, HistoryView, isActivePhase, JobView, parseFromWebview, STUDIO_VIEW_TYPE, StudioProbe, ToWebview } from './protocol';
import { coreMessages, studioStrings } from './studioStrings';
import { Disposable } from '../editor/disposable';


/** Where Insert puts the link: the last text editor the user was in, and its cursor. */
interface InsertTarget {
  document: vscode.TextDocument;
  offset: number;
  viewColumn: vscode.ViewColumn | undefined;
}

interface Job {
  view: JobView;
  controller: AbortController;
}

function newId(): string {
  return randomBytes(9).toString('base64url');
}

function expansionOf(value: boolean | 'auto'): ComposeParams['expansion'] {
  return value === 'auto' ? 'auto' : value ? 'on' : 'off';
}

/**
 * The Image Studio: one webview panel to compose, run, preview, insert and find past generations.
 * Owns its panel, listeners and running jobs; the history is recorded even while the panel is closed.
 */
export class StudioController extends Disposable implements StudioProbe {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly jobs = new Map<string, Job>();
  /** Job updates the webview missed (hidden panels lose their page); sent again on its next ready. */
  private readonly missed = new Map<string, JobView>();
  private readonly history: HistoryStore;
  private readonly logger;
  private target: InsertTarget | undefined;
  private ready = false;
  /** Test-only (ExtensionMode.Test): every message meant for the webview since the panel opened, delivered or not. */
  private readonly sentLog: ToWebview[] | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: GenerationService,
    private readonly pending: PendingStore,
    log: ExtensionLog,
  ) {
    super();
    this.logger = log.for('studio');
    this.sentLog = context.extensionMode === vscode.ExtensionMode.Test ? [] : undefined;
    this.history = new HistoryStore(context.workspaceState);
    this.rememberEditor(vscode.window.activeTextEditor);
    this.register(vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => this.attach(panel),
      }));
    this.register(service.onDidRecord((record) => void this.record(record)));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.rememberEditor(editor)));
    this.register(vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.target && event.textEditor.document === this.target.document) {
          this.target.offset = event.textEditor.document.offsetAt(event.selections[0].active);
        }
      }));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.target?.document === document) {
          this.target = undefined;
          this.post({ type: 'editor' });
        }
      }));
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Test-only: the messages meant for the webview since the panel opened (empty outside tests). */
  sent(): readonly ToWebview[] {
    return this.sentLog ?? [];
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    this.attach(vscode.window.createWebviewPanel(STUDIO_VIEW_TYPE, vscode.l10n.t('Image Studio'), column, {}));
  }

  private localRoots(): vscode.Uri[] {
    const ext = this.context.extensionUri;
    return [vscode.Uri.joinPath(ext, 'media'), vscode.Uri.joinPath(ext, 'dist'), ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri)];
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    this.sentLog?.splice(0);
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'studio.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: this.localRoots() };
    panel.webview.html = studioHtml(this.context.extensionUri, panel.webview);
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview loses its page; the new one says ready again.
        if (!panel.visible) {
          this.ready = false;
        }
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.ready = false;
        }
        this.panelDisposables.forEach((d) => d.dispose());
        this.panelDisposables = [];
      }),
    ];
  }

  private post(message: ToWebview): void {
    this.sentLog?.push(message);
    if (this.panel && this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private postJob(view: JobView): void {
    this.sentLog?.push({ type: 'job', job: view });
    const delivered = this.panel && this.ready ? this.panel.webview.postMessage({ type: 'job', job: view } satisfies ToWebview) : Promise.resolve(false);
    void Promise.resolve(delivered).then((ok) => {
      if (!ok && !isActivePhase(view.phase)) {
        this.missed.set(view.id, view);
      }
    });
  }

  /** Every inbound message goes through here: validated, or dropped and logged. */
  async receive(raw: unknown): Promise<boolean> {
    const message = parseFromWebview(raw);
    if (!message) {
      this.logger.warn(`dropped a malformed or unknown webview message (${describeDropped(raw)})`);
      return false;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.logger.error(`studio ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.post({ type: 'notice', level: 'error', text: sanitizeServerText(error instanceof Error ? error.message : String(error)) });
    }
    return true;
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'init', strings: studioStrings(), coreMessages: coreMessages(), history: await this.historyViews(), defaults: this.defaults(), hasEditor: !!this.target });
        this.postEditor();
        for (const view of [...this.jobs.values()].map((job) => job.view)) {
          this.postJob(view);
        }
        for (const view of [...this.missed.values()]) {
          this.missed.delete(view.id);
          this.postJob(view);
        }
        return;
      case 'generate':
        void this.generate(message.params);
        return;
      case 'cancel':
        this.jobs.get(message.jobId)?.controller.abort();
        return;
      case 'insert':
        return this.insert(message.entryId);
      case 'copyMarkdown':
        return this.copyMarkdown(message.entryId);
      case 'reveal': {
        const image = this.imageOf(message.entryId);
        if (image) {
          await vscode.commands.executeCommand('revealInExplorer', image);
        }
        return;
      }
      case 'resume': {
        const entry = this.history.get(message.entryId) ?? this.pendingEntry(message.entryId);
        if (entry?.taskId) {
          // The studio previews the result itself: no editor tab for it.
          void this.service.resumeById(entry.taskId, false);
        }
        return;
      }
      case 'regenerate': {
        const entry = this.history.get(message.entryId) ?? this.pendingEntry(message.entryId);
        if (entry) {
          void this.generate({
            prompt: entry.prompt,
            width: entry.width ?? DEFAULT_WIDTH,
            height: entry.height ?? DEFAULT_HEIGHT,
            seed: message.variation ? -1 : (entry.seed ?? -1),
            expansion: entry.expansion ?? 'auto',
          });
        }
        return;
      }
    }
  }

  private defaults(): ComposeParams {
    const settings = readSettings(this.target?.document.uri);
    return {
      prompt: '',
      width: settings.defaultSize?.width ?? DEFAULT_WIDTH,
      height: settings.defaultSize?.height ?? DEFAULT_HEIGHT,
      seed: settings.seed,
      expansion: expansionOf(settings.promptExpansion),
    };
  }

  private rememberEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor || (editor.document.uri.scheme !== 'file' && editor.document.uri.scheme !== 'untitled' && editor.document.uri.scheme !== 'vscode-remote')) {
      return;
    }
    this.target = { document: editor.document, offset: editor.document.offsetAt(editor.selection.active), viewColumn: editor.viewColumn };
    this.postEditor();
  }

  private postEditor(): void {
    const document = this.target?.document;
    this.post({ type: 'editor', name: document ? document.uri.path.split('/').pop() : undefined });
  }

  private async generate(params: ComposeParams): Promise<void> {
    const usePreLlm = params.expansion === 'auto' ? 'auto' : params.expansion === 'on';
    // The front-end checked already; the host never trusts it.
    const checked = validateInput({ prompt: params.prompt, width: params.width, height: params.height, seed: params.seed, usePreLlm }, translate);
    if (!checked.ok) {
      this.post({ type: 'notice', level: 'error', text: checked.errors.map((issue) => issue.message).join('\n') });
      return;
    }
    const job: Job = {
      controller: new AbortController(),
      view: { id: newId(), prompt: checked.request.prompt, width: checked.request.width, height: checked.request.height, phase: 'submitting', startedAt: Date.now() },
    };
    this.jobs.set(job.view.id, job);
    this.postJob(job.view);
    try {
      const outcome = await this.service.tryGenerate(
        { prompt: checked.request.prompt, width: checked.request.width, height: checked.request.height, seed: checked.request.seed, usePreLlm },
        {
          progress: 'none',
          signal: job.controller.signal,
          // The studio shows the image itself: no editor tab for it.
          openWithoutTarget: false,
          onProgress: (report) => {
            const { phase, progress } = report;
            if (job.view.phase !== phase || job.view.progress !== progress) {
              job.view = { ...job.view, phase, progress };
              this.postJob(job.view);
            }
          },
        },
      );
      job.view = outcome ? { ...job.view, phase: 'done', entryId: outcome.result.provenance.taskId } : { ...job.view, phase: 'cancelled' };
    } catch (error) {
      const cancelled = job.controller.signal.aborted;
      job.view = { ...job.view, phase: cancelled ? 'cancelled' : 'failed', message: sanitizeServerText(error instanceof Error ? error.message : String(error)) };
    }
    this.jobs.delete(job.view.id);
    this.postJob(job.view);
  }

  private async record(record: GenerationRecord): Promise<void> {
    await this.history.add(historyEntryOf(record, newId));
    this.post({ type: 'history', entries: await this.historyViews() });
  }

  /** Pending tasks (paid, not finished) that the history does not show yet. */
  private pendingEntries(known: ReadonlySet<string>): HistoryEntry[] {
    return pendingHistoryEntries(this.pending.list(), known);
  }

  private pendingEntry(id: string): HistoryEntry | undefined {
    return this.pendingEntries(new Set()).find((entry) => entry.id === id);
  }

  private async historyViews(): Promise<HistoryView[]> {
    const entries = this.history.list();
    const all = [...this.pendingEntries(new Set(entries.map((e) => e.taskId ?? ''))), ...entries];
    const webview = this.panel?.webview;
    return Promise.all(
      all.map(async (entry): Promise<HistoryView> => {
        const { image, documentUri: _documentUri, ...rest } = entry;
        const view: HistoryView = { ...rest };
        const uri = image ? vscode.Uri.parse(image) : undefined;
        if (uri && webview && vscode.workspace.getWorkspaceFolder(uri)) {
          view.imagePath = vscode.workspace.asRelativePath(uri);
          if (await uriExists(uri)) {
            view.imageSrc = webview.asWebviewUri(uri).toString();
          }
        }
        return view;
      }),
    );
  }

  private imageOf(entryId: string): vscode.Uri | undefined {
    const image = this.history.get(entryId)?.image;
    return image ? vscode.Uri.parse(image) : undefined;
  }

  private async insert(entryId: string): Promise<void> {
    const entry = this.history.get(entryId);
    const image = this.imageOf(entryId);
    const target = this.target;
    if (!entry || !image || entry.width === undefined || entry.height === undefined) {
      return;
    }
    if (!target || target.document.isClosed) {
      this.post({ type: 'notice', level: 'error', text: vscode.l10n.t('Open a text editor to insert into.') });
      return;
    }
    const inserted = await this.service.insertLink(
      { documentUri: target.document.uri, imageUri: image, prompt: entry.prompt, width: entry.width, height: entry.height, syntax: syntaxForLanguage(target.document.languageId), ownParagraph: false },
      target.offset,
    );
    if (!inserted) {
      this.post({ type: 'notice', level: 'error', text: vscode.l10n.t('The link could not be inserted into {0}.', vscode.workspace.asRelativePath(target.document.uri)) });
      return;
    }
    await vscode.window.showTextDocument(target.document, { viewColumn: target.viewColumn, preserveFocus: false });
  }

  private async copyMarkdown(entryId: string): Promise<void> {
    const entry = this.history.get(entryId);
    const image = this.imageOf(entryId);
    if (!entry || !image || entry.width === undefined || entry.height === undefined) {
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(image);
    const documentUri = this.target?.document.uri ?? (folder ? vscode.Uri.joinPath(folder.uri, 'README.md') : image);
    const syntax = this.target ? syntaxForLanguage(this.target.document.languageId) : 'markdown';
    await vscode.env.clipboard.writeText(linkFor({ documentUri, imageUri: image, prompt: entry.prompt, width: entry.width, height: entry.height, syntax }));
    this.post({ type: 'notice', level: 'info', text: vscode.l10n.t('Copied the link to the clipboard.') });
  }

  override dispose(): void {
    for (const job of this.jobs.values()) {
      job.controller.abort();
    }
    this.panel?.dispose();
    super.dispose();
  }
}
