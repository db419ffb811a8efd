import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../usageError';

const MARKDOWN = /\.(md|markdown)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) {
        walk(full, out);
      }
    } else if (entry.isFile() && MARKDOWN.test(entry.name)) {
      out.push(full);
    }
  }
}

const GLOB_CHARS = /[*?[\]{}]/;

/** A glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) as a regular expression over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === '*') {
      if (glob[index + 1] === '*') {
        index++;
        if (glob[index + 1] === '/') {
          index++;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      const close = glob.indexOf('}', index);
      if (close < 0) {
        source += '\\{';
      } else {
        source += `(?:${glob.slice(index + 1, close).split(',').map((part) => part.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        index = close;
      }
    } else if (char === '[') {
      const close = glob.indexOf(']', index);
      source += close < 0 ? '\\[' : glob.slice(index, close + 1);
      index = close < 0 ? index : close;
    } else {
      source += char.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * The markdown files the arguments name: files as given, folders searched (skipping node_modules and
 * .git), globs matched against paths relative to `cwd`. No arguments: every markdown file under cwd.
 */
export function markdownFiles(args: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const arg of args.length === 0 ? ['.'] : args) {
    const posix = arg.replace(/\\/g, '/');
    if (GLOB_CHARS.test(posix)) {
      const segments = posix.split('/');
      const firstGlob = segments.findIndex((segment) => GLOB_CHARS.test(segment));
      const base = path.resolve(cwd, segments.slice(0, firstGlob).join('/') || '.');
      const pattern = globToRegExp(path.posix.normalize(path.relative(cwd, path.resolve(cwd, posix)).replace(/\\/g, '/')));
      const candidates: string[] = [];
      walk(base, candidates);
      const matched = candidates.filter((file) => pattern.test(path.relative(cwd, file).replace(/\\/g, '/')));
      if (matched.length === 0) {
        throw new UsageError(`No markdown file matches ${JSON.stringify(arg)}.`);
      }
      matched.forEach((file) => found.add(file));
      continue;
    }
    const full = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`No such file or folder: ${arg}.`);
    }
    if (stat.isDirectory()) {
      const inFolder: string[] = [];
      walk(full, inFolder);
      inFolder.forEach((file) => found.add(file));
    } else {
      found.add(full);
    }
  }
  return [...found].sort();
}
