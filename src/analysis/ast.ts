// Small AST helpers the analysis modules share. Only types come from typescript-eslint: node
// types are compared as strings, so its runtime enum (and ESLint, TypeScript) is never loaded.
import type { TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

/** A function of any form: arrow, function expression, declaration. */
export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** A function written where a value goes (a callback): an arrow or a function expression, never a declaration. */
export type FunctionExpressionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

function isTypeWrapper(
  node: Node,
): node is TSESTree.TSAsExpression | TSESTree.TSNonNullExpression | TSESTree.TSSatisfiesExpression | TSESTree.TSTypeAssertion {
  return (
    node.type === 'TSAsExpression' ||
    node.type === 'TSNonNullExpression' ||
    node.type === 'TSSatisfiesExpression' ||
    node.type === 'TSTypeAssertion'
  );
}

/** The expression under TypeScript-only wrappers (`x as T`, `x!`, `x satisfies T`, `<T>x`), which change no value. */
export function skipTypeWrappers(node: Node): Node {
  let current = node;
  while (isTypeWrapper(current)) current = current.expression;
  return current;
}

/**
 * The value an expression stands for: under TypeScript wrappers, an optional chain's
 * `ChainExpression` and `await` (an awaited value is taken as the value itself).
 */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (isTypeWrapper(current) || current.type === 'ChainExpression') current = current.expression;
    else if (current.type === 'AwaitExpression') current = current.argument;
    else return current;
  }
}

/**
 * The static name of a property key or member: `a.b`, `a['b']`, `{ b: … }`, `{ 'b': … }`,
 * a class field `b = …`. `undefined` for computed keys other than string literals
 * (`a[b]`, `a[0]`) and for private names.
 */
export function propertyName(node: TSESTree.Property | TSESTree.MemberExpression | TSESTree.PropertyDefinition): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/** A callee as written before compilation: `(0, fs_1.readFileSync)` is `fs_1.readFileSync`. */
export function withoutInterop(node: Node): Node {
  return node.type === 'SequenceExpression' && node.expressions.length > 0 ? node.expressions[node.expressions.length - 1]! : node;
}

/**
 * `'a'.concat(b, c)`, chained or not: how TypeScript compiles a template literal for older
 * targets, so a string built this way is the same value as `${'a'}${b}${c}`. Only a chain that
 * starts at a string literal or template counts; `list.concat(more)` is an array.
 */
export function isStringConcat(node: Node): boolean {
  let current: Node = node;
  while (current.type === 'CallExpression') {
    const callee = skipTypeWrappers(current.callee);
    if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'concat') return false;
    current = skipTypeWrappers(callee.object);
  }
  return (current.type === 'Literal' && typeof current.value === 'string') || current.type === 'TemplateLiteral';
}

/** A function of any form: arrow, function expression or declaration. */
export function isFunctionNode(node: Node | undefined): node is FunctionNode {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression' || node?.type === 'FunctionDeclaration';
}

/** An arrow or function expression, not a declaration: what can stand as an argument (a callback). */
export function isFunctionExpression(node: Node | undefined): node is FunctionExpressionNode {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression';
}

/** A statement and the statements nested in it (blocks, branches, loops, `try`), functions excluded, in order. */
export function statementsOf(node: Node, into: Node[] = []): Node[] {
  into.push(node);
  switch (node.type) {
    case 'BlockStatement':
      for (const s of node.body) statementsOf(s, into);
      break;
    case 'IfStatement':
      statementsOf(node.consequent, into);
      if (node.alternate) statementsOf(node.alternate, into);
      break;
    case 'TryStatement':
      statementsOf(node.block, into);
      if (node.handler) statementsOf(node.handler.body, into);
      if (node.finalizer) statementsOf(node.finalizer, into);
      break;
    case 'SwitchStatement':
      for (const c of node.cases) for (const s of c.consequent) statementsOf(s, into);
      break;
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LabeledStatement':
      statementsOf(node.body, into);
      break;
    default:
      break;
  }
  return into;
}

/** The `return` statements of a function with a block body, nested functions excluded. */
export function returnStatementsOf(body: TSESTree.BlockStatement): TSESTree.ReturnStatement[] {
  return statementsOf(body).filter((s): s is TSESTree.ReturnStatement => s.type === 'ReturnStatement');
}

interface Located {
  readonly ast: TSESTree.Program;
  readonly text: string;
  readonly visitorKeys: Readonly<Record<string, readonly string[] | undefined>>;
}

function child(value: unknown): Node | undefined {
  return value && typeof (value as Node).type === 'string' ? (value as Node) : undefined;
}

const holds = (node: Node, index: number): boolean => node.range[0] <= index && index < node.range[1];

/** The element of a source-ordered node list whose range holds `index` (lists may have holes). */
function elementAt(list: readonly unknown[], index: number): Node | undefined {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    let at = middle;
    while (at <= high && !child(list[at])) at++;
    const node = child(list[at]);
    if (!node) high = middle - 1;
    else if (index < node.range[0]) high = middle - 1;
    else if (index >= node.range[1]) low = at + 1;
    else return node;
  }
  return undefined;
}

/**
 * The innermost node whose range holds `index`, as `SourceCode#getNodeByRangeIndex` finds it,
 * by binary search among each node's children: ESLint's own visits every sibling on the way
 * down, which in a bundle of ten thousand top-level statements is a walk of the file per call.
 * `from`, an ancestor of that node, saves the descent above it.
 */
export function nodeAt(sourceCode: Located, index: number, from: Node = sourceCode.ast): Node {
  let node = from;
  descend: for (;;) {
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const value: unknown = (node as unknown as Record<string, unknown>)[key];
      const next: Node | undefined = Array.isArray(value) ? elementAt(value, index) : child(value);
      if (next && holds(next, index)) {
        node = next;
        continue descend;
      }
    }
    return node;
  }
}

/** `text` as a pattern that matches exactly it. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');

const textMemo = new WeakMap<object, Map<RegExp, readonly Node[]>>();
// One global copy per pattern, made once: compiling a pattern again for every file costs more than its scans.
const globalCopies = new WeakMap<RegExp, RegExp>();

/**
 * Each match of `pattern` in `text`, in order: where it is (at the first capture group that
 * took part in the match, when it has groups) and that group's text, or the match's.
 */
function forEachMatch(text: string, pattern: RegExp, take: (index: number, name: string) => void): void {
  let global = globalCopies.get(pattern);
  if (!global) globalCopies.set(pattern, (global = new RegExp(pattern.source, `${pattern.flags.replace(/[gd]/gu, '')}gd`)));
  // `exec` on the one copy, not `matchAll`, which clones the pattern on every call.
  global.lastIndex = 0;
  for (let match = global.exec(text); match; match = global.exec(text)) {
    const group = match.indices?.findIndex((range, index) => index > 0 && range !== undefined) ?? -1;
    if (group > 0) take(match.indices![group]![0], match[group]!);
    else take(match.index, match[0]);
    if (match[0] === '') global.lastIndex++;
  }
}

/**
 * The innermost node at each of `indexes`, given in ascending order. Matches of a pattern come
 * mostly a few lines apart: each descent starts at the nearest ancestor of the last node found
 * that holds the next index, not at the root (in a bundle with thousands of `this.x`, descents
 * from the root were most of the time).
 */
export function nodesAt(sourceCode: Located, indexes: readonly number[]): Node[] {
  const found: Node[] = [];
  let last: Node = sourceCode.ast;
  for (const index of indexes) {
    while (last.parent && !holds(last, index)) last = last.parent;
    last = nodeAt(sourceCode, index, last);
    found.push(last);
  }
  return found;
}

/**
 * The innermost node at each match of `pattern` in the file's text (at the first capture
 * group that took part in the match, when it has groups), once per file and pattern: a way
 * to find the few nodes of one spelling without a walk of the tree. Matches in comments and
 * strings yield the comment's enclosing node or the literal, so callers check the shape.
 */
export function nodesMatching(sourceCode: Located, pattern: RegExp): readonly Node[] {
  let memo = textMemo.get(sourceCode);
  if (!memo) textMemo.set(sourceCode, (memo = new Map<RegExp, readonly Node[]>()));
  let nodes = memo.get(pattern);
  if (!nodes) {
    const indexes: number[] = [];
    forEachMatch(sourceCode.text, pattern, (index) => indexes.push(index));
    memo.set(pattern, (nodes = nodesAt(sourceCode, indexes)));
  }
  return nodes;
}

/**
 * Where each match of `pattern` is in `text`, by the text of its capture group: one scan gives
 * the places of every name, and a caller that needs the nodes of a few names descends only to
 * theirs (see nodesAt).
 */
export function matchesByName(text: string, pattern: RegExp): Map<string, number[]> {
  const places = new Map<string, number[]>();
  forEachMatch(text, pattern, (index, name) => {
    const list = places.get(name);
    if (list) list.push(index);
    else places.set(name, [index]);
  });
  return places;
}
