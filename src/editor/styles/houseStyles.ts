/**
 * The editor's side of spark-image.json: the nearest file from a document's folder up to its
 * workspace folder (no merging), read through vscode.workspace.fs, read again when it changes, and
 * its problems shown on the file itself. Directives are styled with what is read here (directives/
 * model.ts); the palette commands use the default style (defaultStyle.ts).
 */
import * as vscode from 'vscode';
import { HouseStyles } from '../../core/directives/directiveStyle';
import { posixDirname } from '../../core/naming/naming';
import { REPO_CONFIG_FILE } from '../../core/repoConfig/repoConfig';
import { styleReader } from './lazyStyles';
import { Disposable } from '../disposable';

/** Not read yet (a read has started), or read: the styles that apply, undefined when no file does. */
export type HouseStylesState = { loaded: false } | { loaded: true; styles: HouseStyles | undefined };

/** How long reads are gathered before one change event. */
const ANNOUNCE_MS = 100;
const NOT_LOADED: HouseStylesState = { loaded: false };
const NO_FILE: HouseStylesState = { loaded: true, styles: undefined };

function folderOf(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: posixDirname(uri.path), query: '', fragment: '' });
}

/** Reads, caches and watches the spark-image.json files of the workspace. One per window (see houseStylesOf). */
export class EditorHouseStyles extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires after a spark-image.json was created, changed or deleted and the styles were forgotten. */
  readonly onDidChange = this.changed.event;
  readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('spark-image.json'));
  /** By document folder: what applies there, once read. Cleared whenever any spark-image.json changes. */
  private readonly byFolder = new Map<string, HouseStylesState>();
  private readonly reading = new Map<string, Promise<HouseStylesState>>();
  private generation = 0;

  constructor() {
    super();
    this.register({ dispose: () => clearTimeout(this.announceTimer) });
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/${REPO_CONFIG_FILE}`));
    this.register(watcher.onDidCreate((uri) => this.fileChanged(uri, true)));
    this.register(watcher.onDidChange((uri) => this.fileChanged(uri, true)));
    this.register(watcher.onDidDelete((uri) => this.fileChanged(uri, false)));
    // A broken file is shown even before a document that uses it is opened.
    void vscode.workspace.findFiles(`**/${REPO_CONFIG_FILE}`, '**/node_modules/**', 100).then((files) => files.forEach((uri) => void this.readFile(uri)));
  }

  /** What applies to a document now; a read starts (and onDidChange fires when it ends) when it is not known yet. */
  stateOf(document: vscode.TextDocument): HouseStylesState {
    const key = folderOf(document.uri).toString();
    const known = this.byFolder.get(key);
    if (known) {
      return known;
    }
    // Fired only when no other read was started meanwhile: a change was announced already then.
    void this.ready(document).then((state) => this.byFolder.get(key) === state && this.announce());
    return NOT_LOADED;
  }

  /** Waits until what applies to the document is read (a run waits for it: nothing is sent unstyled by accident). */
  async ready(document: vscode.TextDocument): Promise<HouseStylesState> {
    const folder = folderOf(document.uri);
    const key = folder.toString();
    const known = this.byFolder.get(key);
    if (known) {
      return known;
    }
    let reading = this.reading.get(key);
    if (!reading) {
      const generation = this.generation;
      reading = this.find(document, folder).then((state) => {
        if (generation === this.generation) {
          this.byFolder.set(key, state);
        }
        this.reading.delete(key);
        return state;
      });
      this.reading.set(key, reading);
    }
    return reading;
  }

  private async find(document: vscode.TextDocument, folder: vscode.Uri): Promise<HouseStylesState> {
    // The root is the document's workspace folder; outside one, only the document's own folder is searched.
    const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri ?? folder;
    if (root.scheme !== folder.scheme || root.authority !== folder.authority) {
      return NO_FILE;
    }
    const found = await styleReader().nearestConfig(folder, root);
    if (found === undefined) {
      return NO_FILE;
    }
    const styles = await this.readFile(found);
    return { loaded: true, styles };
  }

  /** Reads one file and shows its problems on it; undefined when it cannot be read at all. */
  private async readFile(uri: vscode.Uri): Promise<HouseStyles | undefined> {
    const read = await styleReader().readConfigFile(uri);
    this.diagnostics.set(uri, read?.diagnostics ?? []);
    return read && { reading: read.reading, file: vscode.workspace.asRelativePath(uri) };
  }

  /** Runs when the reader is disposed. */
  onDispose(listener: () => void): void {
    this.register({ dispose: listener });
  }

  private fileChanged(uri: vscode.Uri, exists: boolean): void {
    this.generation++;
    this.byFolder.clear();
    this.reading.clear();
    if (exists) {
      void this.readFile(uri);
    } else {
      this.diagnostics.delete(uri);
    }
    this.announce();
  }

  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * One change event for a burst of reads: each listener re-reads every open document (and its
   * images), so a read per folder must not make as many refreshes of them all.
   */
  private announce(): void {
    if (this.announceTimer === undefined) {
      this.announceTimer = setTimeout(() => {
        this.announceTimer = undefined;
        this.changed.fire();
      }, ANNOUNCE_MS);
    }
  }
}

let current: EditorHouseStyles | undefined;

/** Starts the window's reader (registerDirectives); disposing it ends it. */
export function startHouseStyles(): EditorHouseStyles {
  current?.dispose();
  const started = new EditorHouseStyles();
  current = started;
  started.onDispose(() => current === started && (current = undefined));
  return started;
}

/** The window's reader; undefined before the directives are registered or after disposal. */
export function houseStyles(): EditorHouseStyles | undefined {
  return current;
}
