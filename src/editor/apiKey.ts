import * as vscode from 'vscode';
import { withSource } from './l10n';
import { Logger } from '../core/base/logger';
import { walkthroughKeyStored } from './walkthrough';

const SECRET_KEY = 'sparkImage.apiKey';

/**
 * The API key lives in SecretStorage only. When the secret store fails (Linux without a keyring),
 * the user may keep a key for this session, in memory; it is never written to settings or state.
 */
export class ApiKeyStore implements vscode.Disposable {
  private sessionKey: string | undefined;
  private lastKnown: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly logger: Logger,
  ) {
    this.subscriptions.push(
      this.changed,
      // Stored or cleared here or in another window: refresh what we know and tell listeners.
      secrets.onDidChange((event) => {
        if (event.key === SECRET_KEY) {
          this.logger.info('API key changed');
          void this.get().then(() => this.changed.fire());
        }
      }),
    );
  }

  /** The last key seen, for redaction only. */
  get known(): Array<string | undefined> {
    return [this.lastKnown, this.sessionKey];
  }

  async get(): Promise<string | undefined> {
    try {
      const stored = await this.secrets.get(SECRET_KEY);
      this.lastKnown = stored ?? this.lastKnown;
      walkthroughKeyStored(stored !== undefined || this.sessionKey !== undefined);
      return stored ?? this.sessionKey;
    } catch (error) {
      this.logger.warn(`secret storage could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return this.sessionKey;
    }
  }

  /** Stores the key; if the secret store fails, offers to keep it for this session only. */
  async set(key: string): Promise<'stored' | 'session' | 'notStored'> {
    this.lastKnown = key;
    try {
      await this.secrets.store(SECRET_KEY, key);
      this.sessionKey = undefined;
      walkthroughKeyStored(true);
      this.changed.fire();
      return 'stored';
    } catch (error) {
      this.logger.warn(`secret storage could not store the key: ${error instanceof Error ? error.message : String(error)}`);
      const sessionOnly = vscode.l10n.t('Use for This Session Only');
      const choice = await vscode.window.showWarningMessage(
        withSource(vscode.l10n.t('The system keychain could not store the API key. You can use it for this session only; it will be forgotten when the window closes.')),
        { modal: true },
        sessionOnly,
      );
      if (choice === sessionOnly) {
        this.sessionKey = key;
        walkthroughKeyStored(true);
        this.changed.fire();
        return 'session';
      }
      return 'notStored';
    }
  }

  async clear(): Promise<void> {
    this.sessionKey = undefined;
    try {
      await this.secrets.delete(SECRET_KEY);
    } catch (error) {
      this.logger.warn(`secret storage could not delete the key: ${error instanceof Error ? error.message : String(error)}`);
    }
    walkthroughKeyStored(false);
    this.changed.fire();
  }

  /** Asks for the key with a masked input box. Undefined when the user dismissed it. */
  async prompt(reason?: string): Promise<string | undefined> {
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('Spark Image: API Key'),
      prompt: reason ?? vscode.l10n.t('Enter your spark_image_3_1 API key (get one at vtrix.ai → Dashboard → API Keys). It is kept in the system keychain (SecretStorage), never in settings.'),
      password: true,
      ignoreFocusOut: true,
      placeHolder: vscode.l10n.t('API key'),
      validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('The key cannot be empty.') : /\s/.test(value.trim()) ? vscode.l10n.t('The key cannot contain spaces.') : undefined),
    });
    if (key === undefined) {
      return undefined;
    }
    const trimmed = key.trim();
    const outcome = await this.set(trimmed);
    return outcome === 'notStored' ? undefined : trimmed;
  }

  /** The key being asked for: generations that start together (the studio's variations) share one question. */
  private asking: Promise<string | undefined> | undefined;

  /** The stored key, or one the user enters now (one input box however many generations wait for it). */
  async ensure(): Promise<string | undefined> {
    return (await this.get()) ?? (await (this.asking ??= this.prompt().finally(() => (this.asking = undefined))));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
