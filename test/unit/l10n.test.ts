import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CODE_DESCRIPTIONS } from '../../src/core/spec';

/**
 * Keeps the Simplified Chinese translation complete. The English text is the key everywhere: the
 * editor calls vscode.l10n.t('…', …), the core formats through t / this.t / translate, validation
 * through issues.error(field, code, '…') / issues.warning(field, '…'), downloads through
 * refuse(t, '…'), directives through builder.text('…'), and the seed's code descriptions go through
 * t(CODE_DESCRIPTIONS[code]). The keys are read from the sources (comments and regular expressions
 * set aside), so a new string without a translation fails here, and so does a new wrapper around t
 * whose call form this file does not know yet.
 */
const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const EXCLUDED = [path.join(SRC, 'cli')]; // the CLI speaks English only
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json');

/**
 * The call forms that take an English key, and how many arguments come before it. `wraps` names the
 * functions (or methods, on any receiver) that forward a parameter to t as the key: a new such
 * function fails "every function that forwards its argument to t as the key is a known call form"
 * until its call form is added here. `translates` marks the forms that translate their key
 * argument themselves: a function that passes its own parameter to one of them is such a wrapper.
 */
const CALLS: Array<{ head: RegExp; keyIndex: number; wraps?: string; translates?: boolean }> = [
  // vscode.l10n.t(…), l10n.t(…), this.t(…), t(…): never some other object's .t(…)
  { head: /(?<![\w$.])(?:vscode\.l10n\.|l10n\.|this\.)?t\s*\(/g, keyIndex: 0, translates: true },
  { head: /(?<![\w$.])translate\s*\(/g, keyIndex: 0, wraps: 'translate', translates: true },
  { head: /(?<![\w$.])refuse\s*\(/g, keyIndex: 1, wraps: 'refuse', translates: true },
  // IssueCollector in validation.ts (issues.error / issues.warning), DirectiveBuilder in directives.ts (builder.text)
  { head: /(?<![\w$.])[A-Za-z_$][\w$.]*\.error\s*\(/g, keyIndex: 2, wraps: 'error' },
  { head: /(?<![\w$.])[A-Za-z_$][\w$.]*\.warning\s*\(/g, keyIndex: 1, wraps: 'warning' },
  { head: /(?<![\w$.])[A-Za-z_$][\w$.]*\.text\s*\(/g, keyIndex: 0, wraps: 'text' },
];
const WORD = /^[A-Za-z_$][\w$]*$/;
const NOT_A_NAME = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'typeof', 'await', 'new', 'async']);

/** One whole string literal: '…', "…" or `…` (escapes included). */
const LITERAL = /^(?:'((?:[^'\\\n]|\\[\s\S])*)'|"((?:[^"\\\n]|\\[\s\S])*)"|`((?:[^`\\]|\\[\s\S])*)`)$/;
/** {0}, {1}, … and named ones such as {id}, which must survive translation as they are. */
const PLACEHOLDER = /\{(?:\d+|[A-Za-z_]\w*)\}/g;
/** Product names, formats, protocols and identifiers that stay in English. */
const KEEP = ['Spark Image', 'spark_image_3_1', 'SecretStorage', 'use_pre_llm', 'localhost', 'API', 'URL', 'HTTP', 'PNG', 'JPEG', 'WebP', 'SVG', 'HTML', 'JSON', 'https', 'http'];
const KEEP_PATTERNS = [/\bsparkImage\.\w+/g, /\$\([\w~-]+\)/g, /(?<![\w{])-?\d[\w:×.-]*/g];
const REGEX_MAY_FOLLOW = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

interface Found {
  key: string;
  where: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return EXCLUDED.includes(full) ? [] : sourceFiles(full);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The source with comments and regular expression literals blanked out (same length, same lines),
 * so that a quote or a t('…') inside them is not mistaken for code. String and template literals stay.
 */
function maskSource(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) {
      if (out[k] !== '\n' && out[k] !== '\r') {
        out[k] = ' ';
      }
    }
  };
  const n = src.length;
  /** Open `${ … }` expressions of template literals: the brace depth inside each. */
  const templates: number[] = [];
  const templateText = (from: number): { end: number; expression: boolean } => {
    for (let j = from; j < n; j++) {
      if (src[j] === '\\') {
        j++;
      } else if (src[j] === '`') {
        return { end: j + 1, expression: false };
      } else if (src[j] === '$' && src[j + 1] === '{') {
        return { end: j + 2, expression: true };
      }
    }
    return { end: n, expression: false };
  };
  let previous = ''; // the last significant token: 'value', a keyword's stand-in '(', or a punctuator
  let i = 0;
  while (i < n) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') {
        j += src[j] === '\\' ? 2 : 1;
      }
      i = j + 1;
      previous = 'value';
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates[templates.length - 1] === 0)) {
      if (c === '}') {
        templates.pop();
      }
      const text = templateText(i + 1);
      if (text.expression) {
        templates.push(0);
      }
      i = text.end;
      previous = text.expression ? '{' : 'value';
    } else if (c === '{' || c === '}') {
      if (templates.length > 0) {
        templates[templates.length - 1] += c === '{' ? 1 : -1;
      }
      previous = c;
      i++;
    } else if (c === '/' && previous !== 'value') {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        if (src[j] === '\\') {
          j++;
        } else if (src[j] === '[') {
          inClass = true;
        } else if (src[j] === ']') {
          inClass = false;
        } else if (src[j] === '/' && !inClass) {
          break;
        }
        j++;
      }
      j++;
      while (j < n && /[a-z]/i.test(src[j])) {
        j++;
      }
      blank(i, j);
      i = j;
      previous = 'value';
    } else if (/[A-Za-z_$]/.test(c)) {
      const word = /^[\w$]+/.exec(src.slice(i, i + 64))![0];
      previous = REGEX_MAY_FOLLOW.has(word) ? '(' : 'value';
      i += word.length;
    } else if (/\d/.test(c)) {
      i += /^[\w.]+/.exec(src.slice(i, i + 64))![0].length;
      previous = 'value';
    } else {
      if (!/\s/.test(c)) {
        previous = c === ')' || c === ']' ? 'value' : c;
      }
      i++;
    }
  }
  return out.join('');
}

/** Index just after the string or template literal that starts at i (in masked text). */
function skipLiteral(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') {
      j += 2;
    } else if (c === quote) {
      return j + 1;
    } else if (quote !== '`' && c === '\n') {
      return j;
    } else if (quote === '`' && c === '$' && text[j + 1] === '{') {
      j = closingBracket(text, j + 2) + 1;
    } else {
      j++;
    }
  }
  return j;
}

/** Index of the bracket that closes the one opened just before i. */
function closingBracket(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipLiteral(text, i);
      continue;
    }
    if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      if (depth === 0) {
        return i;
      }
      depth--;
    }
    i++;
  }
  return i;
}

/** The top-level arguments of the call whose "(" is at open, as source text. */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipLiteral(text, i);
      continue;
    }
    if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        break;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
    i++;
  }
  return args;
}

/** The value of a literal's body: \' \" \\ \n \uXXXX \u{…} \xXX and line continuations. */
function unescape(body: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '', '\r\n': '', '\u2028': '', '\u2029': '' };
  return body.replace(/\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\s\S]))/g, (_whole, point?: string, unit?: string, byte?: string, other?: string) => {
    const hex = point ?? unit ?? byte;
    if (hex !== undefined) {
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return simple[other!] ?? other!;
  });
}

/** A literal key, 'dynamic' for a key built at run time (untranslatable), or undefined for a plain expression. */
function readKey(arg: string): string | 'dynamic' | undefined {
  // vscode.l10n.t({ message: '…', args: [...], comment: [...] })
  const objectForm = /^\{[\s\S]*?\bmessage\s*:\s*('(?:[^'\\\n]|\\[\s\S])*'|"(?:[^"\\\n]|\\[\s\S])*"|`(?:[^`\\]|\\[\s\S])*`)\s*[,}]/.exec(arg);
  const candidate = objectForm ? objectForm[1] : arg;
  const literal = LITERAL.exec(candidate);
  if (literal) {
    const template = literal[3];
    if (template !== undefined && /\$\{/.test(template.replace(/\\[\s\S]/g, ''))) {
      return 'dynamic';
    }
    return unescape(literal[1] ?? literal[2] ?? template);
  }
  // A literal mixed into an expression ('a' + b, x ? 'a' : 'b', `…${x}…`) cannot be looked up.
  return /['"`]/.test(candidate) ? 'dynamic' : undefined;
}

/**
 * A key held in a variable is usually an element of a list of English keys run through t, as in
 * `LIST.map((key) => vscode.l10n.t(key))` or `for (const key of LIST) t(key)`: find that list in the
 * same file and return its literal elements (spreads and other expressions are left to their own calls).
 */
function keysOfList(text: string, callIndex: number, variable: string): Array<{ key: string; index: number }> {
  const before = text.slice(Math.max(0, callIndex - 400), callIndex);
  const name = `([A-Za-z_$][\\w$]*)`;
  const item = `${variable.replace(/\$/g, '\\$')}(?![\\w$])`;
  const loops = [
    ...before.matchAll(new RegExp(`${name}\\s*\\.\\s*(?:map|flatMap|forEach|filter)\\s*\\(\\s*\\(?\\s*${item}`, 'g')),
    ...before.matchAll(new RegExp(`for\\s*\\(\\s*(?:const|let|var)\\s+${item}\\s+of\\s+${name}`, 'g')),
  ].sort((a, b) => a.index! - b.index!);
  const list = loops.pop()?.[1];
  const declaration = list === undefined ? null : new RegExp(`(?<![\\w$])(?:const|let|var)\\s+${list.replace(/\$/g, '\\$')}(?![\\w$])[^=;]*=\\s*\\[`).exec(text);
  if (!declaration) {
    return [];
  }
  const open = declaration.index + declaration[0].length - 1;
  const found: Array<{ key: string; index: number }> = [];
  for (const element of callArguments(text, open)) {
    const key = readKey(element);
    if (key !== undefined && key !== 'dynamic' && LITERAL.test(element)) {
      found.push({ key, index: text.indexOf(element, open) });
    }
  }
  return found;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < index; k = text.indexOf('\n', k + 1)) {
    line++;
  }
  return line;
}

/** The names of the parameters in a parameter list (destructured ones are left unnamed). */
function parameterNames(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    const c = list[i];
    if (i === list.length || (c === ',' && depth === 0)) {
      const name = /^\s*(?:\.\.\.)?\s*(?:(?:public|private|protected|readonly|override)\s+)*([A-Za-z_$][\w$]*)/.exec(list.slice(start, i));
      names.push(name ? name[1] : '');
      start = i + 1;
    } else if ('([{<'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c) || (c === '>' && list[i - 1] !== '=')) {
      depth--;
    }
  }
  return names;
}

/**
 * The named function, method or arrow that declares `parameter` and encloses the call at callIndex,
 * with the parameter's position; undefined for anonymous callbacks.
 */
function enclosingFunction(text: string, callIndex: number, parameter: string): { name: string; index: number } | undefined {
  const from = Math.max(0, callIndex - 4000);
  for (let open = text.lastIndexOf('(', callIndex - 1); open >= from; open = text.lastIndexOf('(', open - 1)) {
    const close = closingBracket(text, open + 1);
    if (close >= callIndex || !/^\s*(?:\{|=>|:)/.test(text.slice(close + 1, close + 100))) {
      continue; // it holds the call, or it is a call itself
    }
    const index = parameterNames(text.slice(open + 1, close)).indexOf(parameter);
    if (index < 0) {
      continue;
    }
    const before = text.slice(Math.max(0, open - 200), open);
    const named = /([A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*$/.exec(before)?.[1];
    const assigned = /([A-Za-z_$][\w$]*)\s*(?::[^=;(){}]*)?=\s*(?:async\s*)?$/.exec(before)?.[1];
    const name = named ?? assigned;
    if (name !== undefined && NOT_A_NAME.has(name)) {
      continue;
    }
    return name === undefined ? undefined : { name, index };
  }
  return undefined;
}

function extract(): { keys: Found[]; dynamic: string[]; wrappers: string[] } {
  const keys: Found[] = [];
  const dynamic: string[] = [];
  const wrappers: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = maskSource(fs.readFileSync(file, 'utf8'));
    const relative = path.relative(ROOT, file).replace(/\\/g, '/');
    for (const { head, keyIndex, translates } of CALLS) {
      for (const match of text.matchAll(head)) {
        const open = match.index! + match[0].length - 1;
        const arg = callArguments(text, open)[keyIndex];
        const key = arg === undefined ? undefined : readKey(arg);
        const where = `${relative}:${lineOf(text, match.index!)}`;
        if (key === 'dynamic') {
          dynamic.push(`${where} ${arg}`);
        } else if (key !== undefined) {
          keys.push({ key, where });
        } else if (arg !== undefined && WORD.test(arg)) {
          const listed = keysOfList(text, match.index!, arg);
          keys.push(...listed.map((item) => ({ key: item.key, where: `${relative}:${lineOf(text, item.index)}` })));
          const wrapper = translates && listed.length === 0 ? enclosingFunction(text, match.index!, arg) : undefined;
          if (wrapper && !CALLS.some((call) => call.wraps === wrapper.name && call.keyIndex === wrapper.index)) {
            wrappers.push(`${where}: ${wrapper.name}(…) passes its argument #${wrapper.index} (${arg}) to t as the key`);
          }
        }
      }
    }
  }
  for (const [code, description] of Object.entries(CODE_DESCRIPTIONS)) {
    keys.push({ key: description, where: `src/core/spec.ts CODE_DESCRIPTIONS ${code}` });
  }
  return { keys, dynamic, wrappers };
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])].sort();
}

/** The terms of a key that must appear unchanged in its translation. */
function keptTerms(key: string): string[] {
  const text = key.replace(PLACEHOLDER, ' ');
  const terms = KEEP.filter((term) => new RegExp(`(?<![\\w.])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`).test(text));
  for (const pattern of KEEP_PATTERNS) {
    terms.push(...(text.match(pattern) ?? []).map((term) => term.replace(/[.:-]+$/, '')));
  }
  return [...new Set(terms)].filter((term) => term !== '');
}

/** Whether anything of the key is left to translate once names, codes and placeholders are set aside. */
function hasWordsToTranslate(key: string): boolean {
  let rest = key.replace(PLACEHOLDER, ' ');
  for (const term of keptTerms(key)) {
    rest = rest.split(term).join(' ');
  }
  return /[A-Za-z]{2,}/.test(rest);
}

/** Empty, the key itself, or English words left where Chinese was due. */
function untranslated(key: string, value: string): boolean {
  if (value.trim() === '') {
    return true;
  }
  return hasWordsToTranslate(key) && (value === key || (!/[\u3400-\u9fff]/.test(value) && hasWordsToTranslate(value)));
}

function codeSpans(text: string): string[] {
  return [...(text.match(/`[^`]*`/g) ?? []), ...(text.match(/\$\{[^}]*\}/g) ?? [])].sort();
}

function readJson(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

describe('l10n: Simplified Chinese', function () {
  let found: Found[];
  let dynamic: string[];
  let wrappers: string[];
  let bundle: Record<string, string>;

  before(() => {
    ({ keys: found, dynamic, wrappers } = extract());
    bundle = readJson(BUNDLE);
  });

  it('finds the sources’ keys (sanity check of the extraction)', () => {
    const keys = new Set(found.map((f) => f.key));
    for (const known of ['Cancelled.', 'Spark Image: API Key', 'The prompt is empty: describe the image to generate.', 'Refused the image: more than {0} redirects.', 'Prompt missing']) {
      assert.ok(keys.has(known), `the extraction missed ${JSON.stringify(known)}; it found ${keys.size} keys`);
    }
    assert.strictEqual(Object.keys(CODE_DESCRIPTIONS).length, 14, 'the seed documents 14 codes');
  });

  it('every key is a plain literal (a key built at run time cannot be translated)', () => {
    assert.deepStrictEqual(dynamic, [], `keys built at run time:\n${dynamic.join('\n')}`);
  });

  it('every function that forwards its argument to t as the key is a known call form', () => {
    assert.deepStrictEqual(wrappers, [], `add these call forms to CALLS in test/unit/l10n.test.ts, or their keys go unchecked:\n${wrappers.join('\n')}`);
  });

  it('(a) every key has a zh-cn translation', () => {
    const missing = new Map<string, string>();
    for (const { key, where } of found) {
      if (!Object.prototype.hasOwnProperty.call(bundle, key) && !missing.has(key)) {
        missing.set(key, where);
      }
    }
    const list = [...missing].map(([key, where]) => `  ${JSON.stringify(key)}: "",  // ${where}`);
    assert.strictEqual(missing.size, 0, `${missing.size} key(s) missing from l10n/bundle.l10n.zh-cn.json:\n${list.join('\n')}`);
  });

  it('(b) every translation keeps its key’s placeholders', () => {
    const wrong = Object.entries(bundle)
      .filter(([key, value]) => typeof value !== 'string' || placeholders(key).join() !== placeholders(value).join())
      .map(([key, value]) => `  ${JSON.stringify(key)} has ${placeholders(key).join(' ') || 'none'}, its translation ${typeof value === 'string' ? placeholders(value).join(' ') || 'none' : typeof value}`);
    assert.deepStrictEqual(wrong, [], `placeholders differ:\n${wrong.join('\n')}`);
  });

  it('(b) every translation keeps product names, setting ids, codes and numbers', () => {
    const wrong: string[] = [];
    for (const [key, value] of Object.entries(bundle)) {
      const lost = keptTerms(key).filter((term) => !String(value).includes(term));
      if (lost.length > 0) {
        wrong.push(`  ${JSON.stringify(key)} → ${JSON.stringify(value)} lost ${lost.map((term) => JSON.stringify(term)).join(', ')}`);
      }
    }
    assert.deepStrictEqual(wrong, [], `terms that must stay as they are:\n${wrong.join('\n')}`);
  });

  it('(c) no translation is empty, or the English left as it was', () => {
    const wrong = Object.entries(bundle)
      .filter(([key, value]) => typeof value !== 'string' || untranslated(key, value))
      .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    assert.deepStrictEqual(wrong, [], `untranslated entries:\n${wrong.join('\n')}`);
  });

  it('(d) package.nls.zh-cn.json has exactly the keys of package.nls.json, code spans intact', () => {
    const english = readJson(path.join(ROOT, 'package.nls.json'));
    const chinese = readJson(path.join(ROOT, 'package.nls.zh-cn.json'));
    assert.deepStrictEqual(Object.keys(chinese).sort(), Object.keys(english).sort(), 'package.nls.zh-cn.json and package.nls.json have different keys');
    const wrong = Object.keys(english)
      .filter((key) => codeSpans(english[key]).join('\u0000') !== codeSpans(chinese[key]).join('\u0000') || chinese[key].trim() === '')
      .map((key) => `  ${key}: expected ${codeSpans(english[key]).join(' ')}, found ${codeSpans(chinese[key]).join(' ')}`);
    assert.deepStrictEqual(wrong, [], `code spans changed in package.nls.zh-cn.json:\n${wrong.join('\n')}`);
  });

  it('(e) the bundle has no stale keys', () => {
    const keys = new Set(found.map((f) => f.key));
    const stale = Object.keys(bundle).filter((key) => !keys.has(key));
    assert.deepStrictEqual(stale, [], `${stale.length} key(s) in l10n/bundle.l10n.zh-cn.json no longer appear in the sources:\n${stale.map((key) => `  ${JSON.stringify(key)}`).join('\n')}`);
  });
});
