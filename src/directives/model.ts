import * as vscode from 'vscode';
import { Directive, parseDirectives } from '../core/directives/directives';
import type { HouseStyles } from '../core/directives/directiveStyle';
import { NO_STYLE } from '../core/repoConfig/repoConfig';
import { styleReader } from '../editor/styles/lazyStyles';
import { parseSidecar, readEmbeddedProvenance, sidecarPath } from '../core/image/imageMetadata';
import { posixDirname, posixNormalize } from '../core/naming/naming';
import { Provenance } from '../core/image/provenance';
import { translate } from '../editor/l10n';
import { uriExists } from '../editor/saving/uriExists';
import { DIRECTIVE_LANGUAGES } from './ids';

/** Names a directive across edits and command arguments (CodeLens commands carry it). */
export interface DirectiveRef {
  uri: string;
  index: number;
  raw: string;
}

/** One directive of one document, as found when a run or batch started. */
export interface DirectiveItem {
  document: vscode.TextDocument;
  directive: Directive;
}

export function refOf(document: vscode.TextDocument, directive: Directive): DirectiveRef {
  return { uri: document.uri.toString(), index: directive.index, raw: directive.raw };
}

export function refKey(ref: Pick<DirectiveRef, 'uri' | 'raw'>): string {
  return `${ref.uri}\n${ref.raw}`;
}

export function isDirectiveDocument(document: vscode.TextDocument): boolean {
  return DIRECTIVE_LANGUAGES.includes(document.languageId);
}

/** Where directives get their house styles: the window's spark-image.json reader (houseStyles.ts). */
export type StylesState = { loaded: false } | { loaded: true; styles: HouseStyles | undefined };

export interface StylesSource {
  stateOf(document: vscode.TextDocument): StylesState;
  ready(document: vscode.TextDocument): Promise<StylesState>;
}

let stylesSource: StylesSource | undefined;
const NO_STYLES: StylesState = { loaded: true, styles: undefined };

/** Set once the reader starts (registerDirectives); undefined again when it is disposed. */
export function useStylesSource(source: StylesSource | undefined): void {
  stylesSource = source;
}

/** Parsed and styled directives of a document, cached per version and per reading of its spark-image.json. */
const cache = new WeakMap<vscode.TextDocument, { version: number; styles: StylesState; directives: Directive[] }>();

function directivesWith(document: vscode.TextDocument, state: StylesState): Directive[] {
  const cached = cache.get(document);
  if (cached && cached.version === document.version && cached.styles === state) {
    return cached.directives;
  }
  const parsed = parseDirectives(document.getText(), translate);
  // Not read yet: shown unstyled for a moment (the reader fires a change when done); runs wait (directivesReady).
  // The styling code is loaded only when there is a file, or a directive names a style (refused without one).
  const styled = state.loaded && (state.styles !== undefined || parsed.some((directive) => directive.request?.style !== undefined && directive.request.style !== NO_STYLE));
  const directives = styled ? styleReader().styleDirectives(parsed, state.styles, translate) : parsed;
  cache.set(document, { version: document.version, styles: state, directives });
  return directives;
}

export function directivesOf(document: vscode.TextDocument): Directive[] {
  return directivesWith(document, stylesSource?.stateOf(document) ?? NO_STYLES);
}

/**
 * A document's directives styled by its spark-image.json as read now: what a run sends from. The
 * state the read gives is used, even when the file changed again meanwhile (never unstyled).
 */
export async function directivesReady(document: vscode.TextDocument): Promise<Directive[]> {
  return directivesWith(document, (await stylesSource?.ready(document)) ?? NO_STYLES);
}

/** The file a directive's image link points to; undefined for URLs. */
export function imageUri(document: vscode.TextDocument, directive: Directive): vscode.Uri | undefined {
  const image = directive.image;
  if (!image || image.isUrl || image.path === '') {
    return undefined;
  }
  const path = image.path.split(/[?#]/)[0];
  if (path.startsWith('/')) {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    return folder ? folder.uri.with({ path: posixNormalize(`${folder.uri.path}/${path}`) }) : undefined;
  }
  return document.uri.with({ path: posixNormalize(`${posixDirname(document.uri.path)}/${path}`), query: '', fragment: '' });
}

/** 'none': no link; 'missing': a link to a file that is not there; 'present'; 'url': not ours. */
export type ImageState = 'none' | 'missing' | 'present' | 'url';

export async function imageState(document: vscode.TextDocument, directive: Directive): Promise<ImageState> {
  if (!directive.image) {
    return 'none';
  }
  const uri = imageUri(document, directive);
  if (!uri) {
    return 'url';
  }
  return (await uriExists(uri)) ? 'present' : 'missing';
}

const provenanceCache = new Map<string, { mtime: number; size: number; provenance: Provenance | undefined }>();

/** The provenance kept with an image: inside it (PNG/JPEG), else in its sidecar. Cached by mtime. */
export async function readProvenance(uri: vscode.Uri): Promise<Provenance | undefined> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  const key = uri.toString();
  const cached = provenanceCache.get(key);
  if (cached && cached.mtime === stat.mtime && cached.size === stat.size) {
    return cached.provenance;
  }
  let provenance: Provenance | undefined;
  try {
    provenance = readEmbeddedProvenance(await vscode.workspace.fs.readFile(uri));
    if (!provenance) {
      const sidecar = uri.with({ path: sidecarPath(uri.path) });
      if (await uriExists(sidecar)) {
        provenance = parseSidecar(Buffer.from(await vscode.workspace.fs.readFile(sidecar)).toString('utf8'));
      }
    }
  } catch {
    provenance = undefined;
  }
  provenanceCache.set(key, { mtime: stat.mtime, size: stat.size, provenance });
  if (provenanceCache.size > 500) {
    provenanceCache.delete(provenanceCache.keys().next().value as string);
  }
  return provenance;
}
