/**
 * Strict JSON (RFC 8259: no comments, no trailing commas) read with the offset of every value and
 * key, so a problem in a repository file can be named by line and column. JSON.parse gives neither.
 */
export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: JsonEntry[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; value: number }
  | { kind: 'boolean'; start: number; end: number; value: boolean }
  | { kind: 'null'; start: number; end: number };

export interface JsonEntry {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** 1-based line and column of a UTF-16 offset, as editors count them. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  document(): JsonNode {
    // A byte-order mark is not JSON, but editors write one; offsets still count it.
    if (this.text.charCodeAt(0) === 0xfeff) this.at = 1;
    const value = this.value();
    this.space();
    if (this.at < this.text.length) {
      this.fail(`unexpected ${this.describe()} after the end of the JSON value`);
    }
    return value;
  }

  private value(): JsonNode {
    this.space();
    const start = this.at;
    const char = this.text[this.at];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return { kind: 'string', start, value: this.string(), end: this.at };
    for (const [word, node] of [['true', { kind: 'boolean', value: true }], ['false', { kind: 'boolean', value: false }], ['null', { kind: 'null' }]] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return { ...node, start, end: this.at } as JsonNode;
      }
    }
    NUMBER.lastIndex = this.at;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.at += number[0].length;
      return { kind: 'number', start, end: this.at, value: Number(number[0]) };
    }
    return this.fail(`expected a value, found ${this.describe()}`);
  }

  private object(): JsonNode {
    const start = this.at++;
    const entries: JsonEntry[] = [];
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return { kind: 'object', start, end: this.at, entries };
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail(`expected a property name in double quotes, found ${this.describe()}`);
      const keyStart = this.at;
      const key = this.string();
      this.space();
      if (this.text[this.at] !== ':') this.fail(`expected ":" after the property name, found ${this.describe()}`);
      this.at++;
      entries.push({ key, keyStart, value: this.value() });
      this.space();
      const next = this.text[this.at++];
      if (next === '}') return { kind: 'object', start, end: this.at, entries };
      if (next !== ',') this.fail(`expected "," or "}", found ${this.describe(-1)}`, -1);
    }
  }

  private array(): JsonNode {
    const start = this.at++;
    const items: JsonNode[] = [];
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return { kind: 'array', start, end: this.at, items };
    }
    for (;;) {
      items.push(this.value());
      this.space();
      const next = this.text[this.at++];
      if (next === ']') return { kind: 'array', start, end: this.at, items };
      if (next !== ',') this.fail(`expected "," or "]", found ${this.describe(-1)}`, -1);
    }
  }

  private string(): string {
    let value = '';
    this.at++;
    for (;;) {
      const char = this.text[this.at++];
      if (char === undefined) this.fail('a string is not closed', -1);
      if (char === '"') return value;
      if (char < ' ') this.fail('a control character inside a string must be escaped', -1);
      if (char !== '\\') {
        value += char;
        continue;
      }
      const escape = this.text[this.at++];
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at, this.at + 4))) {
        value += String.fromCharCode(parseInt(this.text.slice(this.at, this.at + 4), 16));
        this.at += 4;
      } else if (escape !== undefined && ESCAPES[escape] !== undefined) {
        value += ESCAPES[escape];
      } else {
        this.fail('an invalid escape in a string', -2);
      }
    }
  }

  /** White space; a comment is an error, named as such (strict JSON in every front end). */
  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
    if (this.text.startsWith('//', this.at) || this.text.startsWith('/*', this.at)) {
      this.fail('comments are not allowed (spark-image.json is strict JSON)');
    }
  }

  private describe(shift = 0): string {
    const char = this.text[this.at + shift];
    return char === undefined ? 'the end of the file' : JSON.stringify(char);
  }

  private fail(message: string, shift = 0): never {
    throw new JsonSyntaxError(message, Math.max(0, this.at + shift));
  }
}

/** Parses strict JSON; throws JsonSyntaxError with the offset of the first problem. */
export function parseJsonWithPositions(text: string): JsonNode {
  return new Reader(text).document();
}
