import * as vscode from 'vscode';
import { Disposable, disposeAll } from '../editor/disposable';
import { isActivePhase, JobView, STUDIO_VIEW_TYPE, ToWebview } from './protocol';
import { studioHtml } from './studioHtml';

/**
 * The studio's one webview panel: opened or restored after a reload (the serializer), its page under
 * a strict CSP, and the ready handshake. Messages go out only while the page is ready; a hidden panel
 * loses its page, so the job endings it missed are kept and sent after the next ready.
 */
export class StudioPanelHost extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** Job endings the page missed, by job id. */
  private readonly missed = new Map<string, JobView>();
  /** Test-only (ExtensionMode.Test): every message meant for the page since the panel opened, delivered or not. */
  private readonly sentLog: ToWebview[] | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    /** The kept variations' folder, outside the workspace: the page shows their images too. */
    private readonly keptFolder: vscode.Uri,
    private readonly onMessage: (raw: unknown) => void,
  ) {
    super();
    this.sentLog = context.extensionMode === vscode.ExtensionMode.Test ? [] : undefined;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The live page's webview, for the image URIs it may load. */
  get webview(): vscode.Webview | undefined {
    return this.panel?.webview;
  }

  /** Test-only: the messages meant for the page since the panel opened (empty outside tests). */
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

  /** The page said ready: `greet` sends what a fresh page needs, then the job endings it missed follow. */
  async handshake(greet: () => Promise<void>): Promise<void> {
    this.ready = true;
    await greet();
    for (const view of [...this.missed.values()]) {
      this.missed.delete(view.id);
      this.postJob(view);
    }
  }

  post(message: ToWebview): void {
    this.sentLog?.push(message);
    if (this.panel && this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  /** A job update; an ending the page did not get is kept for its next ready (a live phase is sent again anyway). */
  postJob(view: JobView): void {
    const message: ToWebview = { type: 'job', job: view };
    this.sentLog?.push(message);
    const delivered = this.panel && this.ready ? this.panel.webview.postMessage(message) : Promise.resolve(false);
    void Promise.resolve(delivered).then((ok) => {
      if (!ok && !isActivePhase(view.phase)) {
        this.missed.set(view.id, view);
      }
    });
  }

  private localRoots(): vscode.Uri[] {
    const ext = this.context.extensionUri;
    return [vscode.Uri.joinPath(ext, 'media'), vscode.Uri.joinPath(ext, 'dist'), this.keptFolder, ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri)];
  }

  /** Takes a panel: a new one, or one VS Code restored after a reload (the serializer in studioPanel.ts). */
  attach(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    this.sentLog?.splice(0);
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'studio.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: this.localRoots() };
    panel.webview.html = studioHtml(this.context.extensionUri, panel.webview);
    // This panel's own listeners, released when it closes (an older panel closing late leaves the new one's alone).
    const listeners: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
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
        disposeAll(listeners.splice(0));
      }),
    ];
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}
