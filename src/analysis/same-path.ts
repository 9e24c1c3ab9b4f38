import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { unwrap } from './ast.js';
import type { FileFacts } from './facts.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

const MAX_DEPTH = 10;

function memberKey(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'Literal' && (typeof node.property.value === 'string' || typeof node.property.value === 'number')) {
    return String(node.property.value);
  }
  return undefined;
}

/** A binding that keeps one value between two uses: declared once and never assigned again. */
function isStable(variable: Variable): boolean {
  if (variable.defs.length !== 1) return false;
  const def = variable.defs[0]!;
  if (def.type === 'Parameter' || def.type === 'FunctionName' || def.type === 'ImportBinding') {
    return variable.references.every((r) => !r.isWrite());
  }
  if (def.type !== 'Variable') return false;
  return variable.references.every((r) => !r.isWrite() || r.init === true);
}

/**
 * A name the file never declares nor assigns (`__dirname` without Node globals, a global of the
 * host): every read of it in the file sees the same value.
 */
function isUnassignedGlobal(facts: FileFacts, id: TSESTree.Identifier, variable: Variable | undefined): boolean {
  if (variable) return variable.defs.length === 0 && variable.references.every((r) => !r.isWrite());
  const through = facts.sourceCode.scopeManager?.globalScope?.through ?? [];
  return through.every((r) => r.identifier.name !== id.name || !r.isWrite());
}

/**
 * What `this` is bound by at a node: the nearest non-arrow function, class field or static
 * block, or the program. Two `this` under the same binder are the same object, whether the
 * function is a class method, an object-literal method or a compiled `Foo.prototype.m = function`.
 */
function thisBinder(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') return current;
    if (current.type === 'PropertyDefinition' || current.type === 'StaticBlock' || current.type === 'Program') return current;
  }
  return undefined;
}

function same(facts: FileFacts, left: Node, right: Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const a = unwrap(left);
  const b = unwrap(right);
  if (a === b) return true;
  // The same constant path, however it is spelled.
  const text = facts.pathValue(a).text;
  if (text !== undefined && text === facts.pathValue(b).text) return true;

  if (a.type === 'Identifier' && b.type === 'Identifier') {
    const va = facts.variableOf(a);
    const vb = facts.variableOf(b);
    if (va && va === vb && isStable(va)) return true;
    if (a.name === b.name && isUnassignedGlobal(facts, a, va) && isUnassignedGlobal(facts, b, vb)) return true;
  }
  // A binding and the expression it was initialised with (`const p = join(d, 'k')` vs `join(d, 'k')`).
  for (const [id, other] of [
    [a, b],
    [b, a],
  ] as const) {
    if (id.type !== 'Identifier') continue;
    const variable = facts.variableOf(id);
    const init = variable && isStable(variable) ? facts.singleValue(variable) : undefined;
    if (init && same(facts, init, other, depth + 1)) return true;
  }

  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'Literal':
      return b.type === 'Literal' && a.value === b.value && a.value !== null;
    case 'ThisExpression':
      return thisBinder(a) !== undefined && thisBinder(a) === thisBinder(b);
    case 'MemberExpression': {
      const m = b as TSESTree.MemberExpression;
      const key = memberKey(a);
      return key !== undefined && key === memberKey(m) && same(facts, a.object, m.object, depth + 1);
    }
    case 'TemplateLiteral': {
      const t = b as TSESTree.TemplateLiteral;
      return (
        a.quasis.length === t.quasis.length &&
        a.quasis.every((q, i) => q.value.cooked === t.quasis[i]!.value.cooked) &&
        a.expressions.every((e, i) => same(facts, e, t.expressions[i]!, depth + 1))
      );
    }
    case 'BinaryExpression': {
      const e = b as TSESTree.BinaryExpression;
      return (
        a.operator === '+' &&
        e.operator === '+' &&
        same(facts, a.left, e.left, depth + 1) &&
        same(facts, a.right, e.right, depth + 1)
      );
    }
    case 'CallExpression': {
      // The same `path` function over the same parts: `path.join(dir, name)` twice.
      const c = b as TSESTree.CallExpression;
      const infoA = facts.api(a)?.info;
      const infoB = facts.api(c)?.info;
      return (
        infoA?.kind === 'path' &&
        infoB?.kind === 'path' &&
        infoA.name === infoB.name &&
        infoA.name !== 'other' &&
        a.arguments.length === c.arguments.length &&
        a.arguments.every(
          (arg, i) => arg.type !== 'SpreadElement' && c.arguments[i]!.type !== 'SpreadElement' && same(facts, arg, c.arguments[i]!, depth + 1),
        )
      );
    }
    default:
      return false;
  }
}

/**
 * Whether two path expressions name the same file for sure, as far as one file shows: the
 * same never-reassigned binding, the same constant path, a binding and its initialiser, or
 * the same `path.join`/`resolve`/template/concatenation of parts that are themselves the
 * same. False when in doubt (a reassigned `let`, two calls of an unknown function).
 */
export function isSamePath(facts: FileFacts, a: Node, b: Node): boolean {
  try {
    return same(facts, a, b, 0);
  } catch {
    return false;
  }
}
