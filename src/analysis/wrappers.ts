// Local wrappers around fs calls: `function isLink(p) { return fs.lstatSync(p).isSymbolicLink(); }`,
// `const exists = async (p) => { try { await access(p); return true; } catch { return false; } }`,
// `util.isDir = function () { return fs.statSync(path.join.apply(path, arguments)).isDirectory(); }`.
// A call of such a function in the same file stands for the wrapped call on its first argument,
// with the member the wrapper reads on the result. Functions from other modules are out of reach.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, propertyName, returnStatementsOf, unwrap } from './ast.js';
import type { FileFacts, FsCall } from './facts.js';
import { readsResultOf } from './flow.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/** A call of a local wrapper, standing for the fs call it wraps (applied to its first argument). */
export interface WrappedCall extends FsCall {
  /** The member the wrapper reads on the wrapped call's result and returns (`isSymbolicLink`), if any. */
  readonly resultMember?: string;
}

const PASS_THROUGH_PATHS = new Set(['join', 'resolve', 'normalize']);
const MAX_DEPTH = 4;

function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

const PATH_MODULES = new Set(['path', 'node:path']);

/** A binding of the `path` module: `require('path')`, an import of it, or one the file makes tracked `path` calls through. */
function isPathModule(facts: FileFacts, node: Node): boolean {
  if (node.type !== 'Identifier') return false;
  const variable = facts.variableOf(node);
  if (!variable) return false;
  const def = variable.defs[0];
  if (def?.type === 'ImportBinding' && def.parent.type === 'ImportDeclaration' && PATH_MODULES.has(def.parent.source.value)) return true;
  const init = facts.singleValue(variable);
  const specifier = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.arguments.length === 1 ? facts.staticValue(init.arguments[0]!) : undefined;
  if (typeof specifier === 'string' && PATH_MODULES.has(specifier)) return true;
  return facts.refs.some((r) => {
    if (r.info.kind !== 'path' || r.node.type !== 'CallExpression') return false;
    const callee = unwrap(r.node.callee);
    return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && facts.variableOf(callee.object) === variable;
  });
}

/** The path argument is the wrapper's first parameter, itself or through a one-part `path.join`/`resolve`, or all of `arguments` joined. */
function isFirstParameter(facts: FileFacts, fn: FunctionNode, expression: Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unwrap(expression);
  if (node.type === 'Identifier') {
    const variable = facts.variableOf(node);
    const first = fn.params[0];
    if (first?.type === 'Identifier' && variable?.defs[0]?.name === first) return variable.references.every((r) => !r.isWrite());
    const init = variable ? facts.singleValue(variable) : undefined;
    return init !== undefined && isFirstParameter(facts, fn, init, depth + 1);
  }
  if (node.type !== 'CallExpression') return false;
  const callee = unwrap(node.callee);
  // `path.join.apply(path, arguments)`: only the single-argument calls are checked at the call site.
  if (callee.type === 'MemberExpression' && propertyName(callee) === 'apply' && fn.type !== 'ArrowFunctionExpression') {
    const method = unwrap(callee.object);
    const spread = node.arguments[1];
    if (method.type !== 'MemberExpression' || !PASS_THROUGH_PATHS.has(propertyName(method) ?? '')) return false;
    return isPathModule(facts, method.object) && spread?.type === 'Identifier' && spread.name === 'arguments' && !facts.variableOf(spread)?.defs.length;
  }
  const info = facts.api(node)?.info;
  const only = node.arguments.length === 1 ? node.arguments[0] : undefined;
  return info?.kind === 'path' && PASS_THROUGH_PATHS.has(info.name) && only !== undefined && only.type !== 'SpreadElement' && isFirstParameter(facts, fn, only, depth + 1);
}

const isBoolean = (node: Node | null | undefined, value: boolean): boolean => node?.type === 'Literal' && node.value === value;

/**
 * What a call of `fn` stands for, when `fn` wraps `call` on its first parameter: the wrapped
 * call's result or one member of it, returned (falling back to `false` in a `catch`); or
 * `true` after the call, `false` in the `catch` of a try around it (an "exists" helper).
 */
function wrapperShape(facts: FileFacts, fn: FunctionNode, call: FsCall): { resultMember?: string; exists: boolean } | undefined {
  const path = call.node.arguments[0];
  if (!path || path.type === 'SpreadElement' || !isFirstParameter(facts, fn, path, 0)) return undefined;
  if (fn.body.type !== 'BlockStatement') {
    const touches = readsResultOf(facts, fn.body, call);
    const touch = touches.length === 1 ? touches[0] : undefined;
    return touch && touch.node === fn.body && touch.param === undefined ? { ...(touch.member ? { resultMember: touch.member } : {}), exists: false } : undefined;
  }
  const returns = returnStatementsOf(fn.body);
  const inCatch = (r: TSESTree.ReturnStatement): boolean => {
    for (let n: Node | undefined = r.parent; n && n !== fn.body; n = n.parent) if (n.type === 'CatchClause') return true;
    return false;
  };
  const fallbacks = returns.filter((r) => inCatch(r) && isBoolean(r.argument, false));
  const values = returns.filter((r) => !fallbacks.includes(r));
  if (values.length === 0) return undefined;
  // `try { await access(p); return true; } catch { return false; }`
  if (fallbacks.length > 0 && values.every((r) => isBoolean(r.argument, true) && r.parent?.parent?.type === 'TryStatement')) {
    const block = values[0]!.parent;
    const decided = block?.type === 'BlockStatement' && block.body.some((s) => s.type === 'ExpressionStatement' && unwrap(s.expression) === call.node);
    return decided && values.every((r) => r.parent === block) ? { exists: true } : undefined;
  }
  let member: string | undefined;
  for (const r of values) {
    if (!r.argument) return undefined;
    const touches = readsResultOf(facts, r.argument, call);
    const touch = touches.length === 1 ? touches[0] : undefined;
    if (!touch || touch.node !== r.argument || touch.param !== undefined) return undefined;
    if (member !== undefined && touch.member !== member) return undefined;
    member = touch.member;
  }
  return { ...(member ? { resultMember: member } : {}), exists: false };
}

/** The names a function is called by in this file: its declaration, a `const`, or `obj.key` of a never-reassigned `obj`. */
function callsOf(facts: FileFacts, fn: FunctionNode): TSESTree.CallExpression[] {
  const manager = facts.sourceCode.scopeManager;
  const parent = fn.parent;
  const direct = (variables: readonly Variable[]): TSESTree.CallExpression[] =>
    variables.flatMap((v) => v.references.map((r) => r.identifier.parent)).filter((p): p is TSESTree.CallExpression => p?.type === 'CallExpression' && p.callee.type === 'Identifier' && p.arguments.length > 0);
  if (fn.type === 'FunctionDeclaration') return manager ? direct(manager.getDeclaredVariables(fn)) : [];
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && manager) return direct(manager.getDeclaredVariables(parent));
  // `obj.key = function …` or `{ key(p) { … } }` / `{ key: function … }` held by a const.
  let holder: Node | undefined;
  let key: string | undefined;
  if (parent?.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'MemberExpression') {
    holder = parent.left.object;
    key = propertyName(parent.left);
  } else if (parent?.type === 'Property' && parent.value === fn && parent.parent.type === 'ObjectExpression' && parent.parent.parent?.type === 'VariableDeclarator') {
    holder = parent.parent.parent.id;
    key = propertyName(parent);
  }
  if (holder?.type !== 'Identifier' || key === undefined) return [];
  const variable = facts.variableOf(holder);
  if (!variable || variable.references.some((r) => r.isWrite() && !r.init)) return [];
  return variable.references.flatMap((r) => {
    const member = r.identifier.parent;
    const call = member?.parent;
    return member?.type === 'MemberExpression' && member.object === r.identifier && propertyName(member) === key && call?.type === 'CallExpression' && call.callee === member && call.arguments.length > 0
      ? [call]
      : [];
  });
}

/**
 * The calls of local wrappers around `calls` (each made directly in the wrapper on its first
 * parameter): each stands for its wrapped call, with the call's info (an "exists" helper gets the
 * `exists` effect) and the member the wrapper returns. One level: a wrapper of a wrapper is not followed.
 */
export function wrapperCalls(facts: FileFacts, calls: readonly FsCall[]): WrappedCall[] {
  const found: WrappedCall[] = [];
  for (const call of calls) {
    const fn = enclosingFunction(call.node);
    if (!fn) continue;
    const shape = wrapperShape(facts, fn, call);
    if (!shape) continue;
    const info = shape.exists ? { ...call.info, effect: 'exists' as const, style: 'sync' as const } : call.info;
    for (const outer of callsOf(facts, fn)) {
      // `arguments` joined stands for the path only when there is one argument.
      if (outer.arguments.length !== 1 && fn.params.length === 0) continue;
      found.push({ node: outer, type: 'call', info, ...(shape.resultMember ? { resultMember: shape.resultMember } : {}) });
    }
  }
  return found;
}
