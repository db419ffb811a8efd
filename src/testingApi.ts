import { ApiKeyStore } from './editor/apiKey';
import type { EditRecord } from './editor/links/linkEditQueue';
import { GenerationService } from './editor/generation/generationService';
import { ExtensionLog } from './editor/log';
import { PendingStore } from './editor/generation/pendingStore';
import { PlaceholderTracker } from './editor/links/placeholders';
import { GenerationStatusBar } from './editor/generation/statusBar';
import type { StudioProbe } from './studio/protocol';

/**
 * Returned by activate() only when VS Code runs the extension's tests (ExtensionMode.Test), so
 * host tests can observe state no command shows. Never available to users or other extensions.
 */
export interface TestingApi {
  setApiKey(key: string): Promise<void>;
  /** Polls every `ms` instead of the product's adaptive policy (undefined restores it). */
  setPollInterval(ms: number | undefined): void;
  clearApiKey(): Promise<void>;
  logLines(): readonly string[];
  placeholders(): ReturnType<PlaceholderTracker['list']>;
  /** The last link edits, oldest first, through the one queue every front end uses. */
  linkEdits(): readonly EditRecord[];
  pending: PendingStore;
  service: GenerationService;
  statusBar: { running: number; kept: number; text: string; costUsd: number; tooltip: string | undefined };
  /** The Image Studio: feeds a message to the live panel's handler as if its webview sent it. */
  studio: StudioProbe;
}

export function createTestingApi(parts: {
  studio: StudioProbe;
  keys: ApiKeyStore;
  pending: PendingStore;
  placeholders: PlaceholderTracker;
  statusBar: GenerationStatusBar;
  service: GenerationService;
  log: ExtensionLog;
}): TestingApi {
  return {
    setApiKey: async (key) => {
      await parts.keys.set(key);
      parts.log.setSecrets(parts.keys.known);
    },
    clearApiKey: () => parts.keys.clear(),
    setPollInterval: (ms) => {
      parts.service.setPollInterval(ms);
    },
    logLines: () => parts.log.recent,
    placeholders: () => parts.placeholders.list(),
    linkEdits: () => parts.service.linkEditHistory,
    pending: parts.pending,
    service: parts.service,
    studio: parts.studio,
    get statusBar() {
      return { running: parts.statusBar.runningCount, kept: parts.statusBar.keptCount, text: parts.statusBar.text, costUsd: parts.statusBar.sessionCostUsd, tooltip: parts.statusBar.tooltip };
    },
  };
}
