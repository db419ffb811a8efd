/**
 * File names and destinations for generated images. Paths here are POSIX strings (the path part of
 * a workspace URI), so the same rules work in local, remote and virtual workspaces.
 */
import { Provenance } from '../image/provenance';
import { slugify } from './slug';

export const DEFAULT_DESTINATION = '${documentDirName}/images/${fileName}';
export const DEFAULT_FILE_NAME = '${promptSlug}-${seed}';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export interface FileNameVariables {
  promptSlug: string;
  seed: string;
  width: string;
  height: string;
  date: string;
  time: string;
  taskId: string;
  documentBaseName: string;
}

export function fileNameVariables(provenance: Pick<Provenance, 'prompt' | 'userPrompt' | 'seed' | 'width' | 'height' | 'taskId'>, when: Date, documentBaseName = ''): FileNameVariables {
  return {
    // A styled image is named after the person's words, not the house style's template.
    promptSlug: slugify(provenance.userPrompt ?? provenance.prompt),
    seed: String(provenance.seed),
    width: String(provenance.width),
    height: String(provenance.height),
    date: `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`,
    time: `${pad(when.getHours())}${pad(when.getMinutes())}${pad(when.getSeconds())}`,
    taskId: provenance.taskId,
    documentBaseName,
  };
}

/** Characters no file system takes (Windows is the strictest), path separators, and C1 controls and line separators. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE_IN_NAME = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Device names Windows reserves whatever the extension ("con.png" cannot be created there). */
const RESERVED_ON_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

function substitute(template: string, variables: Record<string, string>): string {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : whole));
}

/** Expands the file name template (without extension) into one safe path segment. */
export function renderFileName(template: string, variables: FileNameVariables, extension: string): string {
  const raw = substitute(template || DEFAULT_FILE_NAME, variables as unknown as Record<string, string>);
  let name = raw.replace(UNSAFE_IN_NAME, '-').replace(/^[.\s-]+|[.\s]+$/g, '');
  if (name === '') {
    name = 'image';
  }
  if (RESERVED_ON_WINDOWS.test(name.split('.')[0].trimEnd())) {
    name = `_${name}`;
  }
  return `${name}.${extension}`;
}

export interface DestinationVariables {
  /** Absolute POSIX path of the folder holding the document. */
  documentDirName: string;
  documentBaseName: string;
  documentFileName: string;
  documentExtName: string;
  /** Absolute POSIX path of the document's workspace folder. */
  documentWorkspaceFolder: string;
  documentRelativeDirName: string;
  /** The generated file name, with extension. */
  fileName: string;
}

export function posixNormalize(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') {
        parts.pop();
      } else if (!absolute) {
        parts.push('..');
      }
      continue;
    }
    parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

export function posixDirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? (path.startsWith('/') ? '/' : '.') : path.slice(0, index);
}

export function posixBasename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isInside(root: string, target: string): boolean {
  const base = posixNormalize(root);
  const candidate = posixNormalize(target);
  return candidate === base || candidate.startsWith(base.endsWith('/') ? base : `${base}/`);
}

/**
 * Expands the destination template into an absolute POSIX path. A relative result is taken from the
 * document's folder, as VS Code's markdown.copyFiles.destination does; "${fileName}" is appended when
 * the template names a folder (ends with "/").
 */
export function resolveDestination(template: string, variables: DestinationVariables): string {
  let expanded = substitute(template || DEFAULT_DESTINATION, variables as unknown as Record<string, string>);
  if (expanded.endsWith('/') || !template.includes('${fileName}')) {
    expanded = `${expanded.replace(/\/+$/, '')}/${variables.fileName}`;
  }
  const absolute = expanded.startsWith('/') ? expanded : `${variables.documentDirName}/${expanded}`;
  return posixNormalize(absolute);
}

/** The path of `target` relative to the folder `fromDir`, with forward slashes. */
export function relativePosix(fromDir: string, target: string): string {
  const from = posixNormalize(fromDir).split('/').filter(Boolean);
  const to = posixNormalize(target).split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) {
    common++;
  }
  const up = from.slice(common).map(() => '..');
  const relative = [...up, ...to.slice(common)].join('/');
  return relative === '' ? '.' : relative;
}
