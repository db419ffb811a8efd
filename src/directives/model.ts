import * as vscode from 'vscode';
import { Directive, parseDirectives } from '../core/directives/directives';
import { refuseNamedStyles } from '../core/directives/directiveStyle';
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

/** Parsed directives of a document, cached per version (CodeLens, hover and diagnostics share them). */
const cache = new WeakMap<vscode.TextDocument, { version: number; directives: Directive[] }>();

export function directivesOf(document: vscode.TextDocument): Directive[] {
  const cached = cache.get(document);
  if (cached && cached.version === document.version) {
    return cached.directives;
  }
  // Until the editor reads spark-image.json, a directive naming a style is refused, never sent without it.
  const directives = refuseNamedStyles(parseDirectives(document.getText(), translate), translate);
  cache.set(document, { version: document.version, directives });
  return directives;
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
