import * as path from 'path';
import * as vscode from 'vscode';
import { unitPriceUsd, UnitPrices } from '../core/spend/pricing';
import { Disposable } from '../editor/disposable';
import type { GenerationService } from '../editor/generation/generationService';
import type { PendingStore } from '../editor/generation/pendingStore';
import { priceBook } from '../editor/generation/priceMemory';
import type { ExtensionLog } from '../editor/log';
import type * as Controller from './controller/studioController';
import { STUDIO_VIEW_TYPE, type StudioProbe, type ToWebview } from './protocol';

/** The unit prices estimates use now, for the page (it cannot read the editor's price book, which lives in this bundle). */
function unitPrices(): UnitPrices {
  const book = priceBook();
  return { '1k': unitPriceUsd(book, '1k'), '2k': unitPriceUsd(book, '2k') };
}

/**
 * The Image Studio as extension.js knows it: what must exist from activation (the serializer that
 * restores a panel after a reload, the listener that records every generation in the history), and
 * the studio itself, its own bundle (dist/studio.js, esbuild.js), loaded the first time it is needed
 * (opened, restored, or a generation to record), so extension.js stays within its budget.
 */
export class StudioController extends Disposable implements StudioProbe {
  private loaded: Controller.StudioController | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: GenerationService,
    private readonly pending: PendingStore,
    private readonly log: ExtensionLog,
  ) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW_TYPE, { deserializeWebviewPanel: async (panel) => this.studio().restore(panel) }));
    this.register(service.onDidRecord((record) => void this.studio().recorded(record)));
  }

  private studio(): Controller.StudioController {
    if (!this.loaded) {
      // A computed path: esbuild leaves it alone, and Node loads the separate bundle next to this one.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
      const bundle = require(path.join(__dirname, 'studio.js')) as typeof Controller;
      this.loaded = this.register(new bundle.StudioController(this.context, this.service, this.pending, this.log, unitPrices));
    }
    return this.loaded;
  }

  get isOpen(): boolean {
    return this.loaded?.isOpen ?? false;
  }

  /** Opens the panel with a prompt to edit, or a directive's binding (Try Variations…). */
  open(argument?: unknown): void {
    this.studio().open(argument);
  }

  receive(message: unknown): Promise<boolean> {
    return this.studio().receive(message);
  }

  sent(): readonly ToWebview[] {
    return this.loaded?.sent() ?? [];
  }

  keptImage(entryId: string): string | undefined {
    return this.loaded?.keptImage(entryId);
  }
}
