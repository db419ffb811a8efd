import * as vscode from 'vscode';
import { Logger, redactingLogger, taggedLogger } from '../core/base/logger';

/**
 * The one log of the extension: a LogOutputChannel ("Spark Image"), behind a redacting wrapper so
 * that no message can carry the key, whoever writes it.
 */
export class ExtensionLog implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly root: Logger;
  private secrets: string[] = [];
  private readonly lines: string[] = [];

  /** `keepRecent` keeps the last lines written (after redaction) in memory, for tests to inspect. */
  constructor(private readonly keepRecent = false) {
    this.channel = vscode.window.createOutputChannel('Spark Image', { log: true });
    const channel = this.channel;
    const write = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') => (message: string) => {
      channel[level](message);
      if (this.keepRecent) {
        this.lines.push(`${level} ${message}`);
        this.lines.splice(0, Math.max(0, this.lines.length - 2000));
      }
    };
    this.root = redactingLogger(
      { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') },
      () => this.secrets,
    );
  }

  get recent(): readonly string[] {
    return this.lines;
  }

  /** Values that must never reach the log (the current API key). */
  setSecrets(values: Array<string | undefined>): void {
    this.secrets = values.filter((v): v is string => typeof v === 'string' && v.length > 0);
  }

  for(component: string): Logger {
    return taggedLogger(this.root, component);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
