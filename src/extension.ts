import * as vscode from 'vscode';
import { clearApiKeyCommand, setApiKeyCommand } from './commands/apiKey';
import { generateCommand } from './commands/generate';
import { generateFromSelectionCommand } from './commands/generateFromSelection';
import { registerCommands } from './editor/commandRegistry';
import { registerDirectives } from './directives';
import { registerImageTools } from './editor/agentTool/registerImageTools';
import { resumePendingCommand } from './commands/resumePending';
import { ApiKeyStore } from './editor/apiKey';
import { GenerationService } from './editor/generation/generationService';
import { ExtensionLog } from './editor/log';
import { PendingStore } from './editor/generation/pendingStore';
import { rememberPricesIn } from './editor/generation/priceMemory';
import { PlaceholderTracker } from './editor/links/placeholders';
import { GenerationStatusBar } from './editor/generation/statusBar';
import { createTestingApi, TestingApi } from './testingApi';
import { StudioController } from './studio/studioPanel';
import { openWalkthroughSample } from './editor/walkthrough';
import { keepOriginalsIn } from './editor/output/editorOutputPlan';

/** Wires the editor layer together; every object it makes is owned by the context. */
export function activate(context: vscode.ExtensionContext): TestingApi | undefined {
  const log = new ExtensionLog(context.extensionMode === vscode.ExtensionMode.Test);
  const keys = new ApiKeyStore(context.secrets, log.for('key'));
  const pending = new PendingStore(context.workspaceState);
  const placeholders = new PlaceholderTracker();
  const statusBar = new GenerationStatusBar();
  statusBar.watchPending(pending);
  const service = new GenerationService(keys, pending, placeholders, statusBar, log);
  // Every completed generation's bill teaches the next estimates their unit price.
  rememberPricesIn(context.globalState);
  // Converted images keep their full-size originals in the global storage's own folder.
  keepOriginalsIn(context.globalStorageUri);
  context.subscriptions.push(log, keys, pending, placeholders, statusBar, service);

  const directiveCommands = registerDirectives(context, service, log);
  registerImageTools(context, service, pending);
  const studio = new StudioController(context, service, pending, log);
  context.subscriptions.push(studio);
  registerCommands(context, {
    generate: generateCommand(service),
    generateFromSelection: generateFromSelectionCommand(service),
    setApiKey: setApiKeyCommand(keys),
    clearApiKey: clearApiKeyCommand(keys),
    resumePending: resumePendingCommand(service, pending),
    showLog: () => log.channel.show(true),
    // A prompt to edit, or (Try Variations…) a directive's binding, which the studio checks.
    openStudio: (argument?: unknown) => studio.open(argument),
    openWalkthroughSample: openWalkthroughSample,
    ...directiveCommands,
  });

  context.subscriptions.push(keys.onDidChange(() => void keys.get().then(() => log.setSecrets(keys.known))));
  log.for('extension').info(`Spark Image activated (${pending.list().length} pending)`);
  // Paid tasks a reloaded or crashed window left behind are finished now; nothing else touches the network.
  if (pending.list().some((entry) => !entry.lastError)) {
    void service.resumeInterrupted();
  }
  return context.extensionMode === vscode.ExtensionMode.Test ? createTestingApi({ keys, pending, placeholders, statusBar, service, log, studio }) : undefined;
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
