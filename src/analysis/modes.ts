import type { TSESTree } from '@typescript-eslint/utils';

import { skipTypeWrappers } from './ast.js';
import type { FileFacts } from './facts.js';

type Node = TSESTree.Node;

/** An integer the code computes: exactly, or only as an upper bound (`0o777 & ~process.umask()`). */
export interface IntegerValue {
  readonly bits: number;
  /** True when the value is `bits` masked by something only known at run time: at most `bits`. */
  readonly bounded: boolean;
}

const MAX_DEPTH = 8;

const OCTAL_STRING = /^[0-7]+$/u;

function fromParseInt(facts: FileFacts, call: TSESTree.CallExpression): IntegerValue | undefined {
  const callee = skipTypeWrappers(call.callee);
  const isParseInt =
    (callee.type === 'Identifier' && callee.name === 'parseInt' && !facts.variableOf(callee)?.defs.length) ||
    (callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      callee.object.name === 'Number' &&
      !facts.variableOf(callee.object)?.defs.length &&
      !callee.computed &&
      callee.property.type === 'Identifier' &&
      callee.property.name === 'parseInt');
  if (!isParseInt) return undefined;
  const [text, radix] = call.arguments;
  const value = text ? facts.staticValue(text) : undefined;
  const base = radix ? facts.staticValue(radix) : 10;
  if (typeof value !== 'string' || typeof base !== 'number') return undefined;
  const parsed = Number.parseInt(value, base);
  return Number.isInteger(parsed) ? { bits: parsed, bounded: false } : undefined;
}

function evaluate(facts: FileFacts, expression: Node, depth: number): IntegerValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipTypeWrappers(expression);
  const ref = facts.origin(node);
  if (ref?.info.kind === 'constant') return { bits: ref.info.value, bounded: false };
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'number' && Number.isInteger(node.value)) return { bits: node.value, bounded: false };
      // Node reads a mode string as octal digits: `'755'`.
      if (typeof node.value === 'string' && OCTAL_STRING.test(node.value)) return { bits: Number.parseInt(node.value, 8), bounded: false };
      return undefined;
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') return undefined;
      const left = evaluate(facts, node.left, depth + 1);
      const right = evaluate(facts, node.right, depth + 1);
      if (node.operator === '&') {
        // Masking by a run-time value (a umask) keeps the known side as an upper bound.
        if (left && right) return { bits: left.bits & right.bits, bounded: left.bounded || right.bounded };
        const known = left ?? right;
        return known ? { bits: known.bits, bounded: true } : undefined;
      }
      if (!left || !right) return undefined;
      const bounded = left.bounded || right.bounded;
      if (node.operator === '|') return { bits: left.bits | right.bits, bounded };
      if (node.operator === '+' && !bounded) return { bits: left.bits + right.bits, bounded };
      if (node.operator === '^' && !bounded) return { bits: left.bits ^ right.bits, bounded };
      return undefined;
    }
    case 'UnaryExpression': {
      if (node.operator !== '~') return undefined;
      const inner = evaluate(facts, node.argument, depth + 1);
      return inner && !inner.bounded ? { bits: ~inner.bits, bounded: false } : undefined;
    }
    case 'Identifier': {
      const variable = facts.variableOf(node);
      const init = variable && facts.singleValue(variable);
      if (init) return evaluate(facts, init, depth + 1);
      break;
    }
    case 'CallExpression': {
      const parsed = fromParseInt(facts, node);
      if (parsed) return parsed;
      break;
    }
    default:
      break;
  }
  const value = facts.staticValue(node);
  if (typeof value === 'number' && Number.isInteger(value)) return { bits: value, bounded: false };
  return undefined;
}

/**
 * The integer an expression evaluates to: number literals, octal mode strings (`'755'`),
 * `parseInt('755', 8)`, `fs.constants` members (as on the linting host) and `| & ^ + ~` over
 * them, through never-reassigned bindings. `undefined` when the file does not show it.
 */
export function integerValue(facts: FileFacts, expression: Node): IntegerValue | undefined {
  try {
    return evaluate(facts, expression, 0);
  } catch {
    return undefined;
  }
}

/** A permission mode (the low 12 bits) an expression gives, exactly or as an upper bound. */
export function modeValue(facts: FileFacts, expression: Node): IntegerValue | undefined {
  const value = integerValue(facts, expression);
  return value && { bits: value.bits & 0o7777, bounded: value.bounded };
}

/** A mode an expression takes only on one of its paths: the fallback of `given || 0o666`, a branch of `test ? 0o777 : 0o755`. */
export interface ModeAlternative {
  /** The expression that gives this mode (a literal, a constant). */
  readonly node: Node;
  readonly value: IntegerValue;
  /** What decides it: the left side of `||`/`??`, the test of `?:`, or a parameter with a default. */
  readonly decidedBy: Node;
  /** How `decidedBy` must come out for this mode to be taken (`omitted`: the caller does not pass it). */
  readonly when: 'falsy' | 'nullish' | 'true' | 'false' | 'omitted';
}

/**
 * The modes an expression the file cannot evaluate still takes on some path: a default after
 * `||` or `??` (`chmodSync(p, entry.attr || 0o666)` sets 0o666 whenever the attribute is
 * missing), or a branch of `?:`. Only alternatives the file spells out; through never-reassigned
 * bindings.
 */
export function modeAlternatives(facts: FileFacts, expression: Node, depth = 0): ModeAlternative[] {
  if (depth > MAX_DEPTH) return [];
  const node = skipTypeWrappers(expression);
  const known = (branch: Node, decidedBy: Node, when: ModeAlternative['when']): ModeAlternative[] => {
    const value = modeValue(facts, branch);
    return value ? [{ node: skipTypeWrappers(branch), value, decidedBy, when }] : modeAlternatives(facts, branch, depth + 1);
  };
  switch (node.type) {
    case 'LogicalExpression':
      return node.operator === '&&' ? [] : known(node.right, node.left, node.operator === '??' ? 'nullish' : 'falsy');
    case 'ConditionalExpression':
      return [...known(node.consequent, node.test, 'true'), ...known(node.alternate, node.test, 'false')];
    case 'Identifier': {
      const variable = facts.variableOf(node);
      const init = variable && facts.singleValue(variable);
      if (init) return modeAlternatives(facts, init, depth + 1);
      // `function setMode(p, mode = 0o777)`: the default whenever a caller leaves it out.
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      const pattern = def?.type === 'Parameter' ? def.name.parent : undefined;
      if (pattern?.type !== 'AssignmentPattern' || pattern.left !== def!.name) return [];
      if (variable!.references.some((r) => r.isWrite() && r.writeExpr !== pattern.right)) return [];
      return known(pattern.right, def!.name, 'omitted');
    }
    default:
      return [];
  }
}

/** Group and world permission bits. */
export const GROUP_OTHER_BITS = 0o077;
export const GROUP_OTHER_WRITE_BITS = 0o022;
export const OTHER_WRITE_BIT = 0o002;

/** `0o644`: the canonical spelling of a mode in messages and fixes. */
export function formatMode(mode: number): string {
  return `0o${mode.toString(8).padStart(3, '0')}`;
}
