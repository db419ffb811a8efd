import * as vscode from 'vscode';
import { unitPriceUsd, UnitPrices } from '../core/spend/pricing';
import { priceBook } from '../editor/generation/priceMemory';
import { isSparkError, sanitizeServerText } from '../core/spec/errors';
import { readSettings } from '../editor/config';
import { Disposable } from '../editor/disposable';
import { GenerationService } from '../editor/generation/generationService';
import { PendingStore } from '../editor/generation/pendingStore';
import { ExtensionLog } from '../editor/log';
import { EntryActions } from './entryActions';
import { InsertTargetTracker } from './insertTarget';
import { StudioPanelHost } from './panelHost';
import { ComposeParams, describeDropped, FromWebview, parseFromWebview, StudioProbe, ToWebview } from './protocol';
import { composeDefaults, regenerateParams } from './studioDefaults';
import { StudioHistory } from './history/studioHistory';
import { StudioJobs } from './studioJobs';
import { coreMessages, studioStrings } from './studioStrings';

/**
 * The Image Studio: one webview panel to compose, run, preview, insert and find past generations.
 * This controller wires the parts and routes the page's messages to them; the history is recorded
 * even while the panel is closed.
 */
/** The unit prices estimates use now, for the page (it cannot read the editor's price book). */
function unitPrices(): UnitPrices {
  const book = priceBook();
  return { '1k': unitPriceUsd(book, '1k'), '2k': unitPriceUsd(book, '2k') };
}

export class StudioController extends Disposable implements StudioProbe {
  private readonly logger;
  private readonly host: StudioPanelHost;
  private readonly editor: InsertTargetTracker;
  private readonly history: StudioHistory;
  private readonly jobs: StudioJobs;
  private readonly actions: EntryActions;

  constructor(context: vscode.ExtensionContext, private readonly service: GenerationService, pending: PendingStore, log: ExtensionLog) {
    super();
    this.logger = log.for('studio');
    this.host = this.register(new StudioPanelHost(context, (raw) => void this.receive(raw)));
    this.editor = this.register(new InsertTargetTracker(() => this.postEditor()));
    this.history = new StudioHistory(context.workspaceState, pending);
    this.jobs = this.register(new StudioJobs(service, (view) => this.host.postJob(view)));
    this.actions = new EntryActions(this.history, this.editor, service, (level, text) => this.host.post({ type: 'notice', level, text }));
    // A bill teaches the price before it is recorded: Generate's estimate follows it.
    this.register(service.onDidRecord((record) => void this.history.record(record).then(() => this.postHistory()).then(() => this.host.post({ type: 'prices', prices: unitPrices() }))));
  }

  /** A prompt the panel opened for shows in the form once the page is ready. */
  private draftPrompt: string | undefined;

  get isOpen(): boolean {
    return this.host.isOpen;
  }

  /** Test-only: the messages meant for the webview since the panel opened (empty outside tests). */
  sent(): readonly ToWebview[] {
    return this.host.sent();
  }

  /** Opens the panel; with a prompt, the form holds it, to be edited before anything is sent. */
  open(prompt?: string): void {
    const fresh = !this.host.isOpen;
    this.draftPrompt = fresh ? prompt : undefined;
    this.host.open();
    if (prompt !== undefined && !fresh) {
      this.host.post({ type: 'compose', prompt });
    }
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
      const text = error instanceof Error ? error.message : String(error);
      this.logger.error(`studio ${message.type} failed: ${text}`);
      this.host.post({ type: 'notice', level: 'error', text: sanitizeServerText(text) });
    }
    return true;
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.host.handshake(() => this.greet());
      case 'generate':
        return this.generate(message.params);
      case 'cancel':
        return this.jobs.cancel(message.jobId);
      case 'insert':
        return this.actions.insert(message.entryId);
      case 'copyMarkdown':
        return this.actions.copyMarkdown(message.entryId);
      case 'reveal':
        return this.actions.reveal(message.entryId);
      case 'resume': {
        const taskId = this.history.find(message.entryId)?.taskId;
        if (taskId) {
          // The studio previews the result itself: no editor tab for it.
          void this.service.resumeById(taskId, false);
        }
        return;
      }
      case 'regenerate': {
        const entry = this.history.find(message.entryId);
        if (entry) {
          this.generate(regenerateParams(entry, message.variation, this.defaults()));
        }
        return;
      }
    }
  }

  /** What a fresh page needs: strings, history, defaults, the insert target and the jobs still running. */
  private async greet(): Promise<void> {
    const history = await this.history.views(this.host.webview);
    this.host.post({ type: 'init', strings: studioStrings(), coreMessages: coreMessages(), history, defaults: this.defaults(), hasEditor: !!this.editor.target, prices: unitPrices() });
    this.postEditor();
    if (this.draftPrompt !== undefined) {
      this.host.post({ type: 'compose', prompt: this.draftPrompt });
      this.draftPrompt = undefined;
    }
    this.jobs.views().forEach((view) => this.host.postJob(view));
  }

  /** Starts a job; input the host refuses shows why in the page, and nothing is sent. */
  private generate(params: ComposeParams): void {
    try {
      void this.jobs.start(params, this.editor.target?.document);
    } catch (error) {
      if (!isSparkError(error) || error.kind !== 'validation') {
        throw error;
      }
      this.host.post({ type: 'notice', level: 'error', text: error.message });
    }
  }

  /** The settings of the document Insert would write into. */
  private defaults(): ComposeParams {
    return composeDefaults(readSettings(this.editor.target?.document.uri));
  }

  private postEditor(): void {
    this.host.post({ type: 'editor', name: this.editor.name });
  }

  private async postHistory(): Promise<void> {
    this.host.post({ type: 'history', entries: await this.history.views(this.host.webview) });
  }
}
