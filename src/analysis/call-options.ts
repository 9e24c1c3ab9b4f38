import type { TSESTree } from '@typescript-eslint/utils';

import { isFunctionExpression, propertyName, skipTypeWrappers } from './ast.js';
import type { FileFacts, FsCall } from './facts.js';
import { type OpenFlags, DEFAULT_APPEND_FLAGS, DEFAULT_READ_FLAGS, DEFAULT_WRITE_FLAGS, parseOpenFlags } from './flags.js';
import { integerValue } from './modes.js';

type Node = TSESTree.Node;

/** What a property lookup on an options value found. */
export type OptionLookup =
  /** The property is there: its value expression. */
  | { readonly found: Node }
  /** The object is known and has no such property. */
  | 'absent'
  /** The value is not an object literal the file shows (a parameter, a spread, a computed key). */
  | 'unknown';

/** The object literal an expression is, directly or through a never-reassigned binding. */
export function objectLiteralOf(facts: FileFacts, expression: Node, depth = 0): TSESTree.ObjectExpression | undefined {
  const node = skipTypeWrappers(expression);
  if (node.type === 'ObjectExpression') return node;
  if (node.type !== 'Identifier' || depth > 4) return undefined;
  const variable = facts.variableOf(node);
  const init = variable && facts.singleValue(variable);
  return init ? objectLiteralOf(facts, init, depth + 1) : undefined;
}

/** `options.key` where `options` is an object literal (inline or a const): the last matching property wins. */
export function optionProperty(facts: FileFacts, options: Node, key: string): OptionLookup {
  const object = objectLiteralOf(facts, options);
  if (!object) return 'unknown';
  let result: OptionLookup = 'absent';
  for (const property of object.properties) {
    if (property.type === 'SpreadElement') {
      result = 'unknown';
      continue;
    }
    const name = propertyName(property);
    if (name === key) result = { found: property.value };
    else if (name === undefined) result = result === 'absent' ? 'unknown' : result;
  }
  return result;
}

/** An inline function, under any TypeScript wrappers. */
function isFunction(node: Node): boolean {
  return isFunctionExpression(skipTypeWrappers(node));
}

/**
 * The index of a call's trailing callback: the last argument of a callback-style call
 * (`writeFile(p, d, done)`, whatever expression `done` is), or of an `either` call (fs-extra)
 * when it is an inline function. Never a path position: `unlink(p)` without a callback has none.
 */
function callbackIndex(call: FsCall): number | undefined {
  const { info, node } = call;
  const index = node.arguments.length - 1;
  const last = node.arguments[index];
  if (!last || last.type === 'SpreadElement' || info.paths.includes(index) || info.target === index) return undefined;
  if (info.style === 'callback') return index;
  return info.style === 'either' && isFunction(last) ? index : undefined;
}

/**
 * The argument at `index` unless it is missing, a spread, or the trailing callback (an inline
 * function anywhere, or the last argument of a callback-style call), which is never the
 * options, flags or mode.
 */
export function argumentAt(call: FsCall, index: number | undefined): Node | 'absent' | 'unknown' {
  if (index === undefined) return 'absent';
  const { arguments: args } = call.node;
  const spread = args.findIndex((a) => a.type === 'SpreadElement');
  if (spread >= 0 && spread <= index) return 'unknown';
  const argument = args[index];
  if (!argument || isFunction(argument) || index === callbackIndex(call)) return 'absent';
  if (argument.type === 'Identifier' && argument.name === 'undefined') return 'absent';
  return argument;
}

/** A string or number that an expression is known to be (flags may be either). */
function flagValue(facts: FileFacts, node: Node): string | number | undefined {
  const value = facts.staticValue(node);
  if (typeof value === 'string') return value;
  const integer = integerValue(facts, node);
  return integer && !integer.bounded ? integer.bits : undefined;
}

/**
 * The open flags a write-capable fs call uses: its flags argument, the `flag`/`flags` of its
 * options, or Node's default for that call. `undefined` when the file does not show them
 * (a flags variable from elsewhere, an options parameter); calls without flags (mkdir, copy)
 * give `undefined` too.
 */
export function openFlagsOf(facts: FileFacts, call: FsCall): OpenFlags | undefined {
  const { info } = call;
  const argument = argumentAt(call, info.flagsAt);
  if (argument === 'unknown') return undefined;
  switch (info.effect) {
    case 'open': {
      // `open(path, flags?, mode?)`: the flags are the argument itself, default 'r'.
      if (argument === 'absent') return DEFAULT_READ_FLAGS;
      const value = flagValue(facts, argument);
      return value === undefined ? undefined : parseOpenFlags(value);
    }
    case 'write':
    case 'append':
    case 'write-stream': {
      const fallback = info.effect === 'append' ? DEFAULT_APPEND_FLAGS : DEFAULT_WRITE_FLAGS;
      if (argument === 'absent') return fallback;
      // A string in the options position is an encoding.
      if (typeof facts.staticValue(argument) === 'string') return fallback;
      const key = info.effect === 'write-stream' ? 'flags' : 'flag';
      const lookup = optionProperty(facts, argument, key);
      if (lookup === 'absent') return fallback;
      if (lookup === 'unknown') return undefined;
      const value = flagValue(facts, lookup.found);
      return value === undefined ? undefined : parseOpenFlags(value);
    }
    default:
      return undefined;
  }
}

/** The expression that gives a call's mode (a mode argument or `options.mode`), 'absent', or 'unknown'. */
export function modeExpressionOf(facts: FileFacts, call: FsCall): Node | 'absent' | 'unknown' {
  const { info } = call;
  const argument = argumentAt(call, info.modeAt);
  if (argument === 'absent' || argument === 'unknown') return argument;
  const inner = skipTypeWrappers(argument);
  // `open(p, flags, mode)`, `chmod(p, mode)`, `mkdir(p, 0o700)`: the argument may be the mode itself.
  if (objectLiteralOf(facts, inner) === undefined) {
    const value = facts.staticValue(inner);
    if (typeof value === 'string' && (info.effect === 'write' || info.effect === 'append' || info.effect === 'write-stream')) return 'absent';
    if (info.effect === 'open' || info.effect === 'chmod' || info.effect === 'mkdir') return inner;
    return typeof value === 'number' ? inner : 'unknown';
  }
  const lookup = optionProperty(facts, inner, 'mode');
  return typeof lookup === 'object' ? lookup.found : lookup;
}
