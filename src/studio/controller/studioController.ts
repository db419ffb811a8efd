import * as vscode from 'vscode';
import type { GenerationRecord } from '../../editor/generation/generationTypes';
import type { StyledPrompt } from '../../core/repoConfig/houseStyle';
import { boundStyled, styleChoices, styledPrompt, type StudioReads } from './studioStyles';
import { sanitizeServerText } from '../../core/spec/errors';
import { readSettings } from '../../editor/config';
import { Disposable } from '../../editor/disposable';
import { GenerationService } from '../../editor/generation/generationService';
import { PendingStore } from '../../editor/generation/pendingStore';
import { ExtensionLog } from '../../editor/log';
import { EntryActions } from '../entryActions';
import { InsertTargetTracker } from '../insertTarget';
import { StudioPanelHost } from '../panelHost';
import { ComposeParams, describeDropped, FromWebview, parseFromWebview, StudioProbe, ToWebview } from '../protocol';
import { composeDefaults, regenerateParams } from '../studioDefaults';
import { StudioHistory } from '../history/studioHistory';
import { StudioJobs } from '../studioJobs';
import { coreMessages, studioStrings } from '../studioStrings';
import { KeptImageSink, keptFolderIn, pruneKept } from '../variations/keptImages';
import { asBinding, StudioBinding } from '../variations/binding';
import { StudioOutput } from './studioOutput';

/**
 * The Image Studio: one webview panel to compose, run, preview, insert and find past generations.
 * This controller wires the parts and routes the page's messages to them; the history is recorded
 * even while the panel is closed.
 */
export class StudioController extends Disposable implements StudioProbe {
  private readonly logger;
  private readonly host: StudioPanelHost;
  private readonly editor: InsertTargetTracker;
  private readonly history: StudioHistory;
  private readonly jobs: StudioJobs;
  private readonly actions: EntryActions;
  /** The variations paid for and not used yet: outside the workspace, in a folder of their own. */
  private readonly keptFolder: vscode.Uri;
  private readonly output: StudioOutput;

  /**
   * Made by studioPanel.ts when the studio is first needed; it holds the serializer and the record
   * listener and hands them on (restore, recorded). `reads`: what lives in extension.js (the learned
   * price book, the window's spark-image.json reader): the prices estimates use now, the styles that apply.
   * in extension.js (the learned price book lives there).
   */
  constructor(context: vscode.ExtensionContext, private readonly service: GenerationService, pending: PendingStore, log: ExtensionLog, private readonly reads: StudioReads) {
    super();
    this.logger = log.for('studio');
    this.keptFolder = keptFolderIn(context.globalStorageUri);
    this.output = new StudioOutput(reads, this.logger, context.globalStorageUri);
    this.host = this.register(new StudioPanelHost(context, this.keptFolder, (raw) => void this.receive(raw)));
    this.editor = this.register(new InsertTargetTracker(() => this.postEditor()));
    this.history = new StudioHistory(context.workspaceState, pending, this.keptFolder);
    this.jobs = this.register(new StudioJobs(service, (view) => this.host.postJob(view)));
    this.actions = new EntryActions(this.history, this.editor, service, (level, text) => this.host.post({ type: 'notice', level, text }), this.logger);
    void pruneKept(this.keptFolder).then((removed) => removed > 0 && this.logger.info(`removed ${removed} kept variation file(s) older than their 30 days`));
  }

  /** A prompt the panel opened for shows in the form once the page is ready. */
  private draftPrompt: string | undefined;

  /** A generation ended (any front end's): recorded in the history. A bill teaches the price first: Generate's estimate follows it. */
  async recorded(record: GenerationRecord): Promise<void> {
    await this.history.record(record);
    await this.postHistory();
    this.host.post({ type: 'prices', prices: this.reads.unitPrices() });
  }

  /** A panel VS Code restores after a reload. */
  restore(panel: vscode.WebviewPanel): void {
    this.host.attach(panel);
  }

  get isOpen(): boolean {
    return this.host.isOpen;
  }

  /** Test-only: the messages meant for the webview since the panel opened (empty outside tests). */
  sent(): readonly ToWebview[] {
    return this.host.sent();
  }

  keptImage(entryId: string): string | undefined {
    return this.history.keptImageOf(entryId)?.toString();
  }

  /** Bound to a directive (Try Variations…) until one of its variations is used. */
  private binding: StudioBinding | undefined;

  /**
   * Opens the panel; with a prompt, the form holds it, to be edited before anything is sent. With a
   * directive's binding (Try Variations…), the form holds its request and Use this writes into it.
   */
  open(argument?: unknown): void {
    const binding = asBinding(argument);
    const prompt = typeof argument === 'string' ? argument : undefined;
    this.binding = binding;
    const fresh = !this.host.isOpen;
    this.draftPrompt = fresh ? prompt : undefined;
    this.host.open();
    if (!fresh) {
      this.postBinding();
      if (prompt !== undefined) {
        this.host.post({ type: 'compose', prompt });
      }
    }
  }

  private postBinding(): void {
    this.host.post(this.binding ? { type: 'binding', label: this.binding.label, params: this.binding.params } : { type: 'binding' });
    this.postStyles().catch((error: unknown) => this.failed('styles', error));
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
      this.failed(message.type, error);
    }
    return true;
  }

  private failed(what: string, error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    this.logger.error(`studio ${what} failed: ${text}`);
    this.host.post({ type: 'notice', level: 'error', text: sanitizeServerText(text) });
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.host.handshake(() => this.greet());
      case 'generate':
        // Variations settle when all have ended: the message is handled once they are sent.
        this.generate(message.params).catch((error: unknown) => this.failed('generate', error));
        return;
      case 'cancel':
        return this.jobs.cancel(message.jobId);
      case 'insert':
        return this.actions.insert(message.entryId);
      case 'use':
        await this.use(message.entryId, message.output);
        return this.postHistory();
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
          this.generate({ ...regenerateParams(entry, message.variation, this.defaults()), ...(message.output && { output: message.output }) }).catch((error: unknown) => this.failed('regenerate', error));
        }
        return;
      }
    }
  }

  /** What a fresh page needs: strings, history, defaults, the insert target and the jobs still running. */
  private async greet(): Promise<void> {
    const history = await this.history.views(this.host.webview);
    this.host.post({ type: 'init', strings: studioStrings(), coreMessages: coreMessages(), history, defaults: this.defaults(), hasEditor: !!this.editor.target, prices: this.reads.unitPrices() });
    this.postEditor();
    this.postBinding();
    if (this.draftPrompt !== undefined) {
      this.host.post({ type: 'compose', prompt: this.draftPrompt });
      this.draftPrompt = undefined;
    }
    this.jobs.views().forEach((view) => this.host.postJob(view));
  }

  /** Starts a job; input the host refuses shows why in the page, and nothing is sent. */
  private async generate(params: ComposeParams): Promise<void> {
    try {
      const binding = this.binding;
      // The save controls are checked before anything is sent, variations too (they apply when one is used).
      const sink = await this.output.sinkFor(params.output, this.editor.target?.document);
      if ((params.count ?? 1) > 1 || binding) {
        // Kept outside the workspace until one is used: the others stay in the history, paid for and never lost.
        await this.jobs.startVariations(params, params.count ?? 1, new KeptImageSink(this.keptFolder), await this.styledFor(params));
      } else {
        void this.jobs.start(params, this.editor.target?.document, await this.styledFor(params), sink);
      }
    } catch (error) {
      // Checked by its kind, not its class: the check's error comes from extension.js, this is another bundle.
      if (!(error instanceof Error) || (error as { kind?: unknown }).kind !== 'validation') {
        throw error;
      }
      this.host.post({ type: 'notice', level: 'error', text: error.message });
    }
  }

  /**
   * The house style a run is sent with: the picker's choice (absent: the file's default), applied as
   * directives apply theirs; bound to a directive, its own style with its own prompt (an edited prompt is sent as written).
   */
  private async styledFor(params: ComposeParams): Promise<StyledPrompt | undefined> {
    const binding = this.binding;
    if (binding) {
      return boundStyled(params.prompt, binding.styled);
    }
    return styledPrompt(params.prompt, params.style, await this.reads.stylesAt(this.editor.target?.document), vscode.l10n.t);
  }

  /** The picker's styles for the document Insert writes into (none while bound: the directive's style applies). */
  private async postStyles(): Promise<void> {
    const styles = this.binding ? undefined : await this.reads.stylesAt(this.editor.target?.document);
    this.host.post({ type: 'styles', ...styleChoices(styles) });
    this.host.post({ type: 'output', preset: await this.output.preset(this.editor.target?.document) });
  }

  /** Use this: into the bound directive (then the studio is unbound), else at the insert target. */
  private async use(entryId: string, output?: ComposeParams['output']): Promise<void> {
    const binding = this.binding;
    if (!binding) {
      return this.actions.use(entryId, await this.output.planFor(output, this.editor.target?.document));
    }
    if (await this.actions.useFor(entryId, binding)) {
      this.binding = undefined;
      this.postBinding();
    }
  }

  /** The settings of the document Insert would write into. */
  private defaults(): ComposeParams {
    return composeDefaults(readSettings(this.editor.target?.document.uri));
  }

  private postEditor(): void {
    this.host.post({ type: 'editor', name: this.editor.name });
    this.postStyles().catch((error: unknown) => this.failed('styles', error));
  }

  private async postHistory(): Promise<void> {
    this.host.post({ type: 'history', entries: await this.history.views(this.host.webview) });
  }
}
