// "Does this call run because of that one?" — a light, intra-file control-flow view for pairs of
// calls the rules already have (from `facts.fsCalls`): whether a later call is decided by the
// result of an earlier one (in a branch of an `if`/`?:`/`&&` whose test reads that result, after
// an early-exit guard on it, after a discarded throwing call in the same block or `await`ed in
// the same function, in the `catch` of a try around it, or in its callback / `.then`). It climbs
// from the later call to the root once and inspects only the tests and sibling statements on the
// way, so it never walks the whole AST.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionExpressionNode, isFunctionExpression, isFunctionNode, propertyName, unwrap } from './ast.js';
import type { FileFacts, FsCall } from './facts.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/** Where a test reads the earlier call's result, and the member read or called on it (`st.isFile()` → `isFile`). */
export interface Touch {
  readonly node: Node;
  readonly member?: string;
  /** Set when the result is read through a parameter of the call's callback: its index (`err` is 0). */
  readonly param?: number;
}

export type Relation =
  /** In a branch (`if`/`else`, `?:`, the right of `&&`/`||`) whose test reads the result. */
  | {
      readonly kind: 'branch';
      readonly statement: TSESTree.IfStatement | TSESTree.ConditionalExpression | TSESTree.LogicalExpression;
      readonly test: Node;
      readonly touches: readonly Touch[];
      /** The later call, which lies in the consequent, the alternate or the right operand. */
      readonly use: Node;
    }
  /** After `if (<reads the result>) return/throw/continue/break;` in an enclosing block. */
  | { readonly kind: 'guard'; readonly statement: TSESTree.IfStatement; readonly test: Node; readonly touches: readonly Touch[] }
  /** After the call as a statement of its own (sync, or awaited) in an enclosing block: only its throwing decides. */
  | { readonly kind: 'sequence'; readonly statement: TSESTree.ExpressionStatement }
  /** In the `catch` of a try whose block makes the call as a statement of its own. */
  | { readonly kind: 'catch'; readonly statement: TSESTree.TryStatement }
  /** Inside the callback of the call, or of a `.then`/`.catch` on its promise. */
  | { readonly kind: 'callback'; readonly callback: FunctionExpressionNode; readonly touches: readonly Touch[] };

type Context =
  | { readonly kind: 'branch'; readonly statement: TSESTree.IfStatement | TSESTree.ConditionalExpression | TSESTree.LogicalExpression; readonly test: Node }
  | { readonly kind: 'guard'; readonly statement: TSESTree.IfStatement }
  | { readonly kind: 'sequence'; readonly statement: TSESTree.ExpressionStatement }
  | { readonly kind: 'catch'; readonly statement: TSESTree.TryStatement }
  | { readonly kind: 'callback'; readonly callback: FunctionExpressionNode };

const MAX_DEPTH = 10;
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/** A statement after which control never falls through: return, throw, break, continue. */
export function alwaysExits(statement: Node): boolean {
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return true;
    case 'BlockStatement': {
      const last = statement.body.at(-1);
      return last !== undefined && alwaysExits(last);
    }
    case 'IfStatement':
      return statement.alternate !== null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    default:
      return false;
  }
}

/**
 * Whether `later`, which comes after `from` in the source of the same function, can run after
 * it: not from the other arm of an `if` or `?:` that holds `from`, nor past a statement that
 * always exits (`return`, `throw`) between the two.
 */
export function canRunAfter(from: Node, later: Node): boolean {
  for (let child: Node = from, parent = from.parent; parent && !isFunctionNode(child); child = parent, parent = parent.parent) {
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.consequent === child) {
      if (parent.alternate && isWithin(later, parent.alternate)) return false;
    }
    const body = parent.type === 'BlockStatement' || parent.type === 'Program' ? parent.body : parent.type === 'SwitchCase' ? parent.consequent : undefined;
    if (body) {
      const start = body.indexOf(child as never);
      const holding = body.findIndex((s) => isWithin(later, s));
      const between = body.slice(start, holding < 0 ? undefined : holding);
      if (between.some(alwaysExits)) return false;
    }
    if (isWithin(later, parent)) return true;
  }
  return true;
}

/** The promise `.then(…)` / `.catch(…)` calls chained on `call`, innermost first. */
function promiseChain(call: Node): TSESTree.CallExpression[] {
  const chain: TSESTree.CallExpression[] = [];
  let current: Node = call;
  for (;;) {
    const member = current.parent;
    if (member?.type !== 'MemberExpression' || member.object !== current) return chain;
    const name = propertyName(member);
    const outer = member.parent;
    if (name === undefined || !PROMISE_METHODS.has(name) || outer?.type !== 'CallExpression' || outer.callee !== member) return chain;
    chain.push(outer);
    current = outer;
  }
}

/** The function is the callback of the call (its last function argument) or of a `.then`/`.catch` on it. */
function isCallbackOf(fn: FunctionExpressionNode, call: FsCall): boolean {
  const parent = fn.parent;
  if (parent?.type !== 'CallExpression' || !parent.arguments.includes(fn)) return false;
  if (parent === call.node) return call.info.style === 'callback' || call.info.style === 'either';
  return promiseChain(call.node).includes(parent);
}

/**
 * The one value a binding holds, and the member of it when the binding destructures it
 * (`const { size } = statSync(p)` holds `.size` of the call): its initialiser when never
 * reassigned, or the one assignment of a `let` declared without a value
 * (`let st; try { st = statSync(p); } catch { return; }`).
 */
function heldValue(facts: FileFacts, variable: Variable): { value: Node; member?: string } | undefined {
  const init = facts.singleValue(variable);
  if (init) return { value: init };
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable') return undefined;
  const declarator = def.node;
  if (declarator.id.type === 'Identifier') {
    const writes = variable.references.filter((r) => r.isWrite() && !r.init);
    const only = writes[0];
    const empty = !declarator.init || (declarator.init.type === 'Literal' && declarator.init.value === null);
    if (!empty || writes.length !== 1 || !only?.writeExpr || only.identifier.parent?.type !== 'AssignmentExpression') return undefined;
    return only.identifier.parent.operator === '=' ? { value: only.writeExpr } : undefined;
  }
  // One level of object destructuring, never reassigned.
  if (declarator.id.type !== 'ObjectPattern' || !declarator.init || variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
  const property = declarator.id.properties.find(
    (p) => p.type === 'Property' && (p.value === def.name || (p.value.type === 'AssignmentPattern' && p.value.left === def.name)),
  );
  const key = property?.type === 'Property' ? propertyName(property) : undefined;
  return key === undefined ? undefined : { value: declarator.init, member: key };
}

/**
 * Where an expression reads the result of `call` (directly, through `await`, a never-reassigned
 * binding, a member of it, a `.then` chain on it, or a parameter of its callback), with the
 * member read on the result. Only the expression itself and the initialisers of bindings it
 * names are inspected. A local wrapper's call (see wrappers.ts) reads as the member it returns.
 */
export function readsResultOf(facts: FileFacts, expression: Node, call: FsCall & { readonly resultMember?: string }): Touch[] {
  const touches: Touch[] = [];
  const visit = (node: Node, member: string | undefined, reader: Node, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const inner = unwrap(node);
    if (inner === call.node) {
      // A wrapper's result is already the member it read (`isLink(p)` is `lstatSync(p).isSymbolicLink()`).
      const read = call.resultMember ?? member;
      touches.push(read === undefined ? { node: reader } : { node: reader, member: read });
      return;
    }
    switch (inner.type) {
      case 'UnaryExpression':
        visit(inner.argument, undefined, inner.argument, depth + 1);
        return;
      case 'LogicalExpression':
      case 'BinaryExpression':
        if (inner.left.type !== 'PrivateIdentifier') visit(inner.left, undefined, inner.left, depth + 1);
        visit(inner.right, undefined, inner.right, depth + 1);
        return;
      case 'ConditionalExpression':
        visit(inner.test, undefined, inner.test, depth + 1);
        visit(inner.consequent, undefined, inner.consequent, depth + 1);
        visit(inner.alternate, undefined, inner.alternate, depth + 1);
        return;
      case 'MemberExpression':
        visit(inner.object, propertyName(inner), inner, depth + 1);
        return;
      case 'CallExpression': {
        const callee = unwrap(inner.callee);
        // `.catch(() => null)` resolves to the result itself when the call succeeds.
        if (callee.type === 'MemberExpression') {
          if (propertyName(callee) === 'catch') visit(callee.object, member, reader, depth + 1);
          else visit(callee.object, propertyName(callee), inner, depth + 1);
        }
        for (const argument of inner.arguments) {
          if (argument.type !== 'SpreadElement' && !isFunctionExpression(argument)) visit(argument, undefined, argument, depth + 1);
        }
        return;
      }
      case 'Identifier': {
        const variable = facts.variableOf(inner);
        const def = variable?.defs[0];
        if (!variable || !def) return;
        const held = heldValue(facts, variable);
        if (held) {
          visit(held.value, held.member ?? member, reader === node ? inner : reader, depth + 1);
          return;
        }
        if (def.type === 'Parameter' && isFunctionExpression(def.node) && isCallbackOf(def.node, call)) {
          const param = def.node.params.indexOf(def.name);
          // Through `.then(value => …)` the parameter is the resolved value, not an error-first pair.
          const index = def.node.parent === call.node ? param : param + 1;
          touches.push(member === undefined ? { node: reader, param: index } : { node: reader, member, param: index });
        }
        return;
      }
      default:
        return;
    }
  };
  visit(expression, undefined, expression, 0);
  return touches;
}

/** A call that, as a statement of its own, decides only by throwing or rejecting (sync, or awaited). */
function isDiscardedCall(statement: Node, call: FsCall): statement is TSESTree.ExpressionStatement {
  if (statement.type !== 'ExpressionStatement') return false;
  const expression = statement.expression;
  const awaited = expression.type === 'AwaitExpression';
  if (unwrap(expression) !== call.node) return false;
  return call.info.style === 'sync' || (awaited && call.info.style !== 'callback');
}

/** A try whose exceptions are not all swallowed: no `catch`, or one that can throw again. */
function rethrows(statement: TSESTree.TryStatement): boolean {
  const handler = statement.handler;
  if (!handler) return true;
  return handler.body.body.some((s) => s.type === 'ThrowStatement' || (s.type === 'IfStatement' && s.consequent && alwaysExits(s.consequent) && !s.alternate));
}

/** The decision points between the root and `node`, innermost first. */
function contextsOf(node: Node): Context[] {
  const contexts: Context[] = [];
  let child: Node = node;
  let siblings = true;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'IfStatement':
        if (child !== parent.test) contexts.push({ kind: 'branch', statement: parent, test: parent.test });
        break;
      case 'ConditionalExpression':
        if (child !== parent.test) contexts.push({ kind: 'branch', statement: parent, test: parent.test });
        break;
      case 'LogicalExpression':
        if (child === parent.right) contexts.push({ kind: 'branch', statement: parent, test: parent.left });
        break;
      case 'CatchClause':
        if (child === parent.body && parent.parent.type === 'TryStatement') contexts.push({ kind: 'catch', statement: parent.parent });
        break;
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        contexts.push({ kind: 'callback', callback: parent });
        break;
      case 'FunctionDeclaration':
        // Hoisted: it can run before anything that precedes it in the enclosing block.
        siblings = false;
        break;
      case 'BlockStatement':
      case 'Program':
      case 'StaticBlock':
      case 'SwitchCase': {
        if (!siblings) break;
        const list: readonly Node[] = parent.type === 'SwitchCase' ? parent.consequent : parent.body;
        const index = list.indexOf(child);
        for (let i = index - 1; i >= 0; i--) {
          const statement = list[i]!;
          if (statement.type === 'IfStatement' && alwaysExits(statement.consequent)) contexts.push({ kind: 'guard', statement });
          else if (statement.type === 'ExpressionStatement') contexts.push({ kind: 'sequence', statement });
          else if (statement.type === 'TryStatement' && rethrows(statement)) {
            // `try { const st = lstatSync(p); if (st.isSymbolicLink()) throw …; } catch (e) { if (e.code !== 'ENOENT') throw e; }`
            for (const inner of statement.block.body.toReversed()) {
              if (inner.type === 'IfStatement' && alwaysExits(inner.consequent)) contexts.push({ kind: 'guard', statement: inner });
            }
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return contexts;
}

function relationIn(facts: FileFacts, context: Context, check: FsCall, use: Node): Relation | undefined {
  switch (context.kind) {
    case 'branch': {
      const touches = readsResultOf(facts, context.test, check);
      return touches.length > 0 ? { ...context, touches, use } : undefined;
    }
    case 'guard': {
      const touches = readsResultOf(facts, context.statement.test, check);
      return touches.length > 0 ? { kind: 'guard', statement: context.statement, test: context.statement.test, touches } : undefined;
    }
    case 'sequence':
      return isDiscardedCall(context.statement, check) ? context : undefined;
    case 'catch':
      return context.statement.block.body.some((s) => isDiscardedCall(s, check)) ? context : undefined;
    case 'callback':
      return isCallbackOf(context.callback, check) ? { ...context, touches: [] } : undefined;
    default:
      return undefined;
  }
}

export function enclosingFunctionOf(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

const byFunctionMemo = new WeakMap<readonly FsCall[], Map<Node | undefined, FsCall[]>>();

/**
 * The calls among `calls` that sit directly in a function enclosing `node` (or at top level):
 * only those can decide it, since a check inside another function runs at another time. Grouped
 * once per list, so relating every use to every check stays linear in the file's size.
 */
export function callsAround(calls: readonly FsCall[], node: Node): FsCall[] {
  let groups = byFunctionMemo.get(calls);
  if (!groups) {
    groups = new Map();
    for (const call of calls) {
      const fn = enclosingFunctionOf(call.node);
      const group = groups.get(fn);
      if (group) group.push(call);
      else groups.set(fn, [call]);
    }
    byFunctionMemo.set(calls, groups);
  }
  const found: FsCall[] = [];
  for (let fn = enclosingFunctionOf(node); ; fn = enclosingFunctionOf(fn)) {
    found.push(...(groups.get(fn) ?? []));
    if (!fn) return found;
  }
}

/**
 * The earlier call among `candidates` whose result decides whether `later` runs, with how, or
 * undefined. The innermost decision wins (the nearest enclosing branch, guard or callback).
 * Candidates that start after `later` in the source (or inside it) are ignored.
 */
export function decidingCall(
  facts: FileFacts,
  later: FsCall,
  candidates: readonly FsCall[],
): { readonly check: FsCall; readonly relation: Relation } | undefined {
  // Nearest first, so that of two checks of the same path the one right before wins.
  const before = candidates
    // Earlier calls, and calls whose callback holds the later one.
    .filter((c) => c !== later && c.node.range[0] < later.node.range[0])
    .sort((a, b) => b.node.range[0] - a.node.range[0]);
  if (before.length === 0) return undefined;
  for (const context of contextsOf(later.node)) {
    for (const check of before) {
      const relation = relationIn(facts, context, check, later.node);
      if (relation) return { check, relation };
    }
  }
  return undefined;
}

/**
 * The members read on a call's result everywhere it goes (through `await`, one never-reassigned
 * binding, or the result parameter of its callback), or undefined when the result also goes
 * anywhere else (passed on, returned, stored, spread).
 */
export function resultMembers(facts: FileFacts, call: FsCall): string[] | undefined {
  const members: string[] = [];
  const fromUse = (node: Node): boolean => {
    let current = node;
    while (current.parent?.type === 'AwaitExpression' || current.parent?.type === 'TSNonNullExpression' || current.parent?.type === 'TSAsExpression') {
      current = current.parent;
    }
    const parent = current.parent;
    if (parent?.type === 'MemberExpression' && parent.object === current) {
      const name = propertyName(parent);
      if (name === undefined) return false;
      members.push(name);
      return true;
    }
    return false;
  };
  let holder: Node = call.node;
  while (holder.parent?.type === 'AwaitExpression') holder = holder.parent;
  const parent = holder.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === holder && parent.id.type === 'Identifier') {
    const variable = facts.variableOf(parent.id);
    if (!variable || facts.singleValue(variable) !== holder) return undefined;
    const reads = variable.references.filter((r) => r.isRead());
    return reads.every((r) => fromUse(r.identifier)) ? members : undefined;
  }
  if (call.info.style === 'callback' || call.info.style === 'either') {
    const callback = call.node.arguments.at(-1);
    if (callback && isFunctionExpression(callback) && holder.parent?.type === 'ExpressionStatement') {
      const param = callback.params[1];
      if (param === undefined) return members;
      if (param.type !== 'Identifier') return undefined;
      const variable = facts.variableOf(param);
      return variable?.references.every((r) => r.isRead() && fromUse(r.identifier)) ? members : undefined;
    }
  }
  return fromUse(call.node) ? members : undefined;
}

/**
 * Whether the later call runs when the touched value is truthy (true) or falsy (false), as far
 * as the test shows; undefined when both can lead there or the test is not a plain condition
 * (a comparison, a call on the value, a mix of `&&` and `||` that does not pin it down).
 */
export function truthinessFor(relation: Relation, touch: Touch): boolean | undefined {
  let required: boolean;
  if (relation.kind === 'guard') required = false;
  else if (relation.kind === 'branch') {
    const { statement } = relation;
    if (statement.type === 'LogicalExpression') {
      if (statement.operator === '??') return undefined;
      required = statement.operator === '&&';
    } else {
      // The use is in the consequent or the alternate: whichever contains it.
      required = isWithin(relation.use, statement.consequent);
    }
  } else return undefined;
  // The path from the test down to the touched value, walked top-down so each `&&`/`||` sees
  // what is required of it.
  const path: Node[] = [];
  const test = relationTest(relation);
  for (let node: Node | undefined = touch.node; node !== test; node = node.parent) {
    if (!node?.parent) return undefined;
    path.unshift(node.parent);
  }
  for (const node of path) {
    if (node.type === 'UnaryExpression' && node.operator === '!') required = !required;
    else if (node.type === 'LogicalExpression') {
      // `a && b` truthy needs both truthy; `a || b` falsy needs both falsy; the other way, either.
      if ((node.operator === '&&') !== required) return undefined;
    } else if (!(node.type === 'AwaitExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression' || node.type === 'ChainExpression')) {
      return undefined;
    }
  }
  return required;
}

function relationTest(relation: Relation): Node | undefined {
  return relation.kind === 'branch' || relation.kind === 'guard' ? relation.test : undefined;
}

export function isWithin(node: Node, branch: Node): boolean {
  return branch.range[0] <= node.range[0] && node.range[1] <= branch.range[1];
}
