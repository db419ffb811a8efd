import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * Reads the English keys out of the sources with TypeScript's own parser, so comments, regular
 * expressions and strings in odd places are never mistaken for calls.
 *
 * A call form takes an English key at argument `keyIndex`. `wraps` names the functions (or methods,
 * on any receiver) that forward a parameter to t as the key: a new such function is reported until
 * its call form is listed. `translates` marks the forms that translate their key argument
 * themselves: a function that passes its own parameter to one of them is such a wrapper.
 */
export interface CallForm {
  /** Whether a call's callee is this form. */
  matches(callee: ts.Expression): boolean;
  keyIndex: number;
  wraps?: string;
  translates?: boolean;
}

export interface Found {
  key: string;
  where: string;
}

export interface Extraction {
  keys: Found[];
  /** Keys built at run time (`where` and the argument's source). */
  dynamic: string[];
  /** Functions that forward their parameter to t as the key but are not a known call form. */
  wrappers: string[];
}

const named = (callee: ts.Expression, name: string) => ts.isIdentifier(callee) && callee.text === name;
const method = (callee: ts.Expression, name: string) => ts.isPropertyAccessExpression(callee) && callee.name.text === name;

/** `t`, `this.t`, `l10n.t`, `vscode.l10n.t`: never some other object's `.t`. */
function isT(callee: ts.Expression): boolean {
  if (named(callee, 't')) {
    return true;
  }
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') {
    return false;
  }
  const receiver = callee.expression;
  return (
    receiver.kind === ts.SyntaxKind.ThisKeyword ||
    named(receiver, 'l10n') ||
    (ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'l10n' && named(receiver.expression, 'vscode'))
  );
}

export const CALL_FORMS: readonly CallForm[] = [
  { matches: isT, keyIndex: 0, translates: true },
  { matches: (callee) => named(callee, 'translate'), keyIndex: 0, wraps: 'translate', translates: true },
  { matches: (callee) => named(callee, 'refuse'), keyIndex: 1, wraps: 'refuse', translates: true },
  // IssueCollector in validation.ts (issues.error / issues.warning), DirectiveBuilder in directives.ts (builder.text)
  { matches: (callee) => method(callee, 'error'), keyIndex: 2, wraps: 'error' },
  { matches: (callee) => method(callee, 'warning'), keyIndex: 1, wraps: 'warning' },
  { matches: (callee) => method(callee, 'text'), keyIndex: 0, wraps: 'text' },
];

export function sourceFiles(dir: string, excluded: readonly string[]): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return excluded.includes(full) ? [] : sourceFiles(full, excluded);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function literalText(node: ts.Node): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

function containsString(node: ts.Node): boolean {
  return literalText(node) !== undefined || ts.isTemplateExpression(node) || (ts.forEachChild(node, (child) => containsString(child) || undefined) ?? false);
}

/** A key, 'dynamic' for one built at run time, or undefined for a plain expression (a variable). */
function readKey(arg: ts.Expression): string | 'dynamic' | undefined {
  // vscode.l10n.t({ message: '…', args: [...], comment: [...] })
  if (ts.isObjectLiteralExpression(arg)) {
    const message = arg.properties.find((property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && property.name.getText() === 'message');
    return message ? readKey(message.initializer) : undefined;
  }
  const text = literalText(arg);
  if (text !== undefined) {
    return text;
  }
  // A literal mixed into an expression ('a' + b, x ? 'a' : 'b', `…${x}…`) cannot be looked up.
  return containsString(arg) ? 'dynamic' : undefined;
}

function unwrap(node: ts.Expression): ts.Expression {
  return ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;
}

/**
 * A key held in a variable is usually an element of a list of English keys run through t, as in
 * `LIST.map((key) => vscode.l10n.t(key))` or `for (const key of LIST) t(key)`: the literal elements
 * of that list, declared in the same file (spreads and other expressions are left to their own calls).
 */
function keysOfList(variable: ts.Identifier): ts.Node[] {
  let list: string | undefined;
  for (let node: ts.Node | undefined = variable.parent; node && list === undefined; node = node.parent) {
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parameters.some((p) => p.name.getText() === variable.text)) {
      const call = node.parent;
      if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && ['map', 'flatMap', 'forEach', 'filter'].includes(call.expression.name.text) && ts.isIdentifier(call.expression.expression)) {
        list = call.expression.expression.text;
      }
      break;
    }
    if (ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer) && node.initializer.declarations.some((d) => d.name.getText() === variable.text)) {
      list = ts.isIdentifier(node.expression) ? node.expression.text : undefined;
      break;
    }
  }
  if (list === undefined) {
    return [];
  }
  let elements: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === list && node.initializer && ts.isArrayLiteralExpression(unwrap(node.initializer))) {
      elements = (unwrap(node.initializer) as ts.ArrayLiteralExpression).elements.filter((element) => literalText(element) !== undefined);
    } else {
      ts.forEachChild(node, visit);
    }
  };
  visit(variable.getSourceFile());
  return elements;
}

/** The name of a function-like node, when it has one (declared, or assigned to a name). */
function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) {
    return fn.name.getText();
  }
  const holder = fn.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === fn) {
    return holder.name.getText();
  }
  return undefined;
}

/** The named function that declares `parameter` and encloses it, with the parameter's position. */
function enclosingWrapper(variable: ts.Identifier): { name: string; index: number } | undefined {
  for (let node: ts.Node | undefined = variable.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node)) {
      const index = node.parameters.findIndex((p) => p.name.getText() === variable.text);
      if (index >= 0) {
        const name = functionName(node);
        return name === undefined ? undefined : { name, index };
      }
    }
  }
  return undefined;
}

export function extractKeys(root: string, dir: string, excluded: readonly string[]): Extraction {
  const result: Extraction = { keys: [], dynamic: [], wrappers: [] };
  for (const file of sourceFiles(dir, excluded)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const relative = path.relative(root, file).replace(/\\/g, '/');
    const where = (node: ts.Node) => `${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        for (const { matches, keyIndex, translates } of CALL_FORMS) {
          const arg = matches(node.expression) ? node.arguments[keyIndex] : undefined;
          if (!arg) {
            continue;
          }
          const key = readKey(arg);
          if (key === 'dynamic') {
            result.dynamic.push(`${where(node)} ${arg.getText()}`);
          } else if (key !== undefined) {
            result.keys.push({ key, where: where(node) });
          } else if (ts.isIdentifier(arg)) {
            const listed = keysOfList(arg);
            result.keys.push(...listed.map((element) => ({ key: literalText(element) ?? '', where: where(element) })));
            const wrapper = translates && listed.length === 0 ? enclosingWrapper(arg) : undefined;
            if (wrapper && !CALL_FORMS.some((form) => form.wraps === wrapper.name && form.keyIndex === wrapper.index)) {
              result.wrappers.push(`${where(node)}: ${wrapper.name}(…) passes its argument #${wrapper.index} (${arg.text}) to t as the key`);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return result;
}
