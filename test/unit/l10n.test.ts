import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CODE_DESCRIPTIONS } from '../../src/core/spec/spec';
import { Extraction, extractKeys, Found } from './l10nKeys';

/**
 * Keeps the Simplified Chinese translation complete. The English text is the key everywhere: the
 * editor calls vscode.l10n.t('…', …), the core formats through t / this.t / translate, validation
 * through issues.error(field, code, '…') / issues.warning(field, '…'), downloads through
 * refuse(t, '…'), directives through builder.text('…'), and the seed's code descriptions go through
 * t(CODE_DESCRIPTIONS[code]). The keys are read from the sources with TypeScript's parser
 * (test/unit/l10nKeys.ts, which lists the call forms), so a new string without a translation fails
 * here, and so does a new wrapper around t whose call form is not listed yet.
 */
const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const EXCLUDED = [path.join(SRC, 'cli')]; // the CLI speaks English only
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json');

/** {0}, {1}, … and named ones such as {id}, which must survive translation as they are. */
const PLACEHOLDER = /\{(?:\d+|[A-Za-z_]\w*)\}/g;
/** Product names, formats, protocols and identifiers that stay in English. */
const KEEP = ['Spark Image', 'spark_image_3_1', 'SecretStorage', 'use_pre_llm', 'localhost', 'API', 'URL', 'HTTP', 'PNG', 'JPEG', 'WebP', 'SVG', 'HTML', 'JSON', 'https', 'http'];
const KEEP_PATTERNS = [/\bsparkImage\.\w+/g, /\$\([\w~-]+\)/g, /(?<![\w{])-?\d[\w:×.-]*/g];

function extract(): Extraction {
  const extraction = extractKeys(ROOT, SRC, EXCLUDED);
  for (const [code, description] of Object.entries(CODE_DESCRIPTIONS)) {
    extraction.keys.push({ key: description, where: `src/core/spec.ts CODE_DESCRIPTIONS ${code}` });
  }
  return extraction;
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
    assert.deepStrictEqual(wrappers, [], `add these call forms to CALL_FORMS in test/unit/l10nKeys.ts, or their keys go unchecked:\n${wrappers.join('\n')}`);
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
