// Positions where a string is text rather than a location: what a shared-temp string is not a
// path in. Everything else that holds a value (an argument of any call, an element, a property
// value, an initialiser, a return value, a default) treats it as one, because real code hands
// paths to its own functions and to libraries no table can enumerate.
import type { TSESTree } from '@typescript-eslint/utils';

import type { ApiInfo } from './api-table.js';
import { propertyName, skipTypeWrappers } from './ast.js';

type Node = TSESTree.Node;

/** Keys whose value is prose for people: `{ description: '/tmp/x' }` names a path, it does not use one. */
const TEXT_KEYS = new Set([
  'message', 'msg', 'description', 'desc', 'title', 'label', 'text', 'help', 'hint', 'summary', 'usage', 'example',
  'examples', 'comment', 'note', 'reason', 'detail', 'details', 'error', 'warning', 'tooltip', 'placeholder', 'caption',
]);

/** Keys of filters (`ignore`, `ignored`, `exclude`, jest's `testPathIgnorePatterns`): their values are patterns to match, not places. */
const FILTER_KEY = /ignore|exclude/iu;

/** Keys whose value is not a location: prose for people, or a filter's patterns. */
export function isNonPathKey(key: string): boolean {
  return TEXT_KEYS.has(key.toLowerCase()) || FILTER_KEY.test(key);
}

/** Methods of console and common loggers (winston, pino, bunyan, debug, log4js, npmlog): their arguments are messages. */
const LOG_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical']);

/** Assertion methods (node:assert, chai, jest, ava, tap): arguments there are expected or actual values, compared. */
const ASSERTION_METHODS = new Set([
  'equal', 'equals', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'notEqual', 'notStrictEqual', 'notDeepEqual', 'is', 'not',
  'same', 'strictSame', 'eql', 'include', 'includes', 'contain', 'contains', 'match', 'toBe', 'toEqual', 'toStrictEqual', 'toMatch',
  'toContain', 'toContainEqual', 'toMatchObject', 'toHaveProperty', 'toHaveBeenCalledWith', 'toBeCalledWith',
  'toHaveBeenLastCalledWith', 'lastCalledWith', 'toHaveBeenNthCalledWith', 'nthCalledWith', 'toHaveReturnedWith',
  'calledWith', 'calledWithExactly', 'calledWithMatch', 'toMatchInlineSnapshot', 'resolves', 'rejects',
]);

/** String and collection methods whose argument is compared or matched, never opened. */
const COMPARING_METHODS = new Set([
  'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'match', 'matchAll', 'search', 'split', 'replace',
  'replaceAll', 'localeCompare', 'has', 'test', 'exec',
]);

/** A wrapped fs's `mkdtemp` (`wrappedFs.mkdtemp(prefix)`): its argument is the prefix of a fresh private directory. */
const PREFIX_METHODS = new Set(['mkdtemp', 'mkdtempSync']);

/** Router methods whose string argument, next to a handler, is a URL route. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'use', 'route']);

/** Test-suite functions whose string argument, next to the test body, is the test's title. */
const TEST_TITLES = new Set(['describe', 'it', 'test', 'suite', 'context', 'specify']);

/** Global callees whose arguments are not file locations: errors, regular expressions, URLs, requests. */
const TEXT_GLOBALS = new Set(['RegExp', 'URL', 'fetch', 'alert', 'assert']);

function isFunctionArgument(node: Node): boolean {
  const inner = skipTypeWrappers(node);
  return inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression';
}

/**
 * Whether a call (or `new`) takes its arguments as text: a message for a log or an error, an
 * assertion's values, a comparison, a pattern, a URL or a route. `isGlobal` says whether an
 * identifier is an unshadowed global.
 */
export function isNonPathCall(call: TSESTree.CallExpression | TSESTree.NewExpression, isGlobal: (id: TSESTree.Identifier) => boolean): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === 'Identifier') {
    if (/^(?:[A-Z][A-Za-z]*)?Error$/u.test(callee.name)) return true;
    if (TEST_TITLES.has(callee.name) && call.arguments.some(isFunctionArgument)) return true;
    return TEXT_GLOBALS.has(callee.name) && isGlobal(callee);
  }
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method === undefined) return false;
  const object = skipTypeWrappers(callee.object);
  if (object.type === 'Identifier' && object.name === 'console' && isGlobal(object)) return true;
  if (LOG_METHODS.has(method) || ASSERTION_METHODS.has(method) || COMPARING_METHODS.has(method) || PREFIX_METHODS.has(method)) return true;
  if (ROUTE_METHODS.has(method) && call.arguments.some(isFunctionArgument)) return true;
  // `app.use('/tmp', router)`, `app.use('/files', express.static(dir))`: a mount path, whatever is mounted.
  if (method === 'use' && call.arguments.length >= 2) return true;
  // `expect(x).to.equal(…)`, `expect(x).not.toBe(…)`: anything called on an `expect(…)` chain.
  for (let current: Node = object; ; ) {
    if (current.type === 'MemberExpression') current = current.object;
    else if (current.type === 'CallExpression') {
      const inner = skipTypeWrappers(current.callee);
      if (inner.type === 'Identifier' && inner.name === 'expect') return true;
      current = inner;
    } else return false;
  }
}

/** A known API whose arguments are text: `node:assert` called directly tests a value and prints a message. */
export function isTextApi(info: ApiInfo): boolean {
  return info.kind === 'other' && info.module === 'assert';
}

/** Global collections: `new Set([...])`, `new Map([...])` hold their values for lookups and iteration. */
const COLLECTIONS = new Set(['Set', 'Map', 'WeakSet', 'WeakMap']);

export function isCollection(call: TSESTree.CallExpression | TSESTree.NewExpression, isGlobal: (id: TSESTree.Identifier) => boolean): boolean {
  const callee = skipTypeWrappers(call.callee);
  return call.type === 'NewExpression' && callee.type === 'Identifier' && COLLECTIONS.has(callee.name) && isGlobal(callee);
}

const ABSOLUTE = /^(?:\/|[a-z]:[\\/])/iu;

/**
 * `['/usr', '/etc', '/tmp', …]`: a bare temp root listed with other system roots is a
 * classification (a deny list, a set of places to skip), not a place the code writes.
 */
export function isSystemRootList(array: TSESTree.ArrayExpression, element: Node): boolean {
  if (element.type !== 'Literal' || typeof element.value !== 'string' || !/^\/[a-z/]*tmp\/?$/u.test(element.value)) return false;
  const others = array.elements.filter(
    (e) => e !== element && e?.type === 'Literal' && typeof e.value === 'string' && ABSOLUTE.test(e.value) && !/tmp|temp/iu.test(e.value),
  );
  return others.length >= 2;
}
