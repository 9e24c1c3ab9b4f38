// How code handles the failure of an fs call: which `try` catches it (sync calls, awaited
// promises), which `.catch` handler or error-first callback branch receives it, and what that
// handler does with the error: test its code, rethrow it, hand it on, log it, or replace it
// with a default value.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, propertyName, statementsOf } from './ast.js';
import type { FileFacts, FsCall } from './facts.js';
import { localFunctions } from './local-functions.js';

type Node = TSESTree.Node;

/** Where a failure of a call is handled. */
export type FailureHandler =
  /** A `try` whose block contains the call (sync, or an awaited promise). */
  | { readonly kind: 'try'; readonly statement: TSESTree.TryStatement; readonly handler: TSESTree.CatchClause }
  /**
   * `call.catch(fn)`, also after `.then(…)` links; `fn` is the handler given in place or the
   * file's own function named there (`.catch(noop)`), `argument` what the call is given.
   */
  | { readonly kind: 'catch-method'; readonly call: TSESTree.CallExpression; readonly fn: FunctionNode; readonly argument: TSESTree.Expression }
  /** The `if (err) …` branch of an error-first callback. */
  | { readonly kind: 'callback'; readonly fn: FunctionNode; readonly branch: TSESTree.IfStatement }
  /** `err ? [] : data` in an error-first callback: the branch taken on any error. */
  | { readonly kind: 'ternary'; readonly fn: FunctionNode; readonly conditional: TSESTree.ConditionalExpression; readonly branch: Node }
  /** A `'error'` listener on a stream the call opens. */
  | { readonly kind: 'listener'; readonly fn: FunctionNode }
  /** An error-first callback that never reads the error: where it defaults the data instead (`files || []`). */
  | { readonly kind: 'ignored'; readonly fn: FunctionNode; readonly defaults: readonly TSESTree.LogicalExpression[] };

/** What a handler does with the error. */
export interface HandlerBehaviour {
  /** It throws (rethrows, wraps, or throws only for some codes). */
  readonly throws: boolean;
  /** It uses the error other than by logging it: tests its code, forwards it, returns it. */
  readonly inspects: boolean;
  /** The empty or default value it returns, assigns or hands to a callback instead. */
  readonly fallback: Node | undefined;
  /** True when the fallback is the implicit `undefined` of an empty catch around a used result. */
  readonly implicit: boolean;
}

const LOG_METHODS = new Set(['log', 'warn', 'error', 'info', 'debug', 'trace', 'fatal', 'verbose']);
/** Array methods that call their callback before returning, so a sync throw inside reaches the caller's `try`. */
const SYNC_ITERATION = new Set(['forEach', 'map', 'filter', 'flatMap', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'sort']);
const EMPTY_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object']);

/** A handler given in place, or one of the file's own functions given by name (`.catch(noop)`). */
function handlerFunction(argument: TSESTree.CallExpressionArgument, facts: FileFacts): FunctionNode | undefined {
  if (isFunctionNode(argument)) return argument;
  return argument.type === 'Identifier' ? localFunctions(facts).functionOf(argument) : undefined;
}

/** How a failure of this call surfaces: a throw, a rejected promise, a callback's error, or a stream's `'error'` event. */
function failureMode(call: FsCall): 'throw' | 'reject' | 'callback' | 'event' {
  const last = call.node.arguments.at(-1);
  if (call.info.effect === 'read-stream') return 'event';
  if (call.info.style === 'callback') return 'callback';
  if (call.info.style === 'either') return isFunctionNode(last) ? 'callback' : 'reject';
  return call.info.style === 'promise' ? 'reject' : 'throw';
}

/** Every place the failure of an fs call is handled, innermost first; empty when it propagates. */
export function failureHandlers(call: FsCall, facts: FileFacts): FailureHandler[] {
  const mode = failureMode(call);
  if (mode === 'event') return errorListeners(call.node, facts.sourceCode);
  if (mode === 'callback') {
    const fn = call.node.arguments.at(-1);
    if (!isFunctionNode(fn) || fn.params[0]?.type !== 'Identifier') return [];
    // By the parameter: a named function expression declares its own name first.
    const err = facts.variableOf(fn.params[0]);
    if (!err) return [];
    const branch = fn.body.type === 'BlockStatement'
      ? fn.body.body.find((s): s is TSESTree.IfStatement => s.type === 'IfStatement' && isErrorTest(s.test, err))
      : undefined;
    if (branch) return [{ kind: 'callback', fn, branch }];
    // `cb(null, err ? [] : parse(data))`: a conditional on the error itself.
    for (const reference of err.references) {
      const test = errorTestAround(reference.identifier, err);
      const conditional = test?.parent;
      if (conditional?.type === 'ConditionalExpression' && conditional.test === test) {
        return [{ kind: 'ternary', fn, conditional, branch: test.type === 'UnaryExpression' ? conditional.alternate : conditional.consequent }];
      }
    }
    // `(err, files) => cb(null, files || [])`: the error dropped unread, the missing data defaulted.
    const data = err.references.length === 0 ? fn.params[1] : undefined;
    const dataVariable = data?.type === 'Identifier' ? facts.variableOf(data) : undefined;
    const defaults = (dataVariable?.references ?? []).flatMap((reference) => {
      const parent = reference.identifier.parent;
      return parent?.type === 'LogicalExpression' && parent.operator !== '&&' && parent.left === reference.identifier ? [parent] : [];
    });
    return defaults.length > 0 ? [{ kind: 'ignored', fn, defaults }] : [];
  }
  let pending = mode === 'reject';
  for (let node: Node = call.node, parent: Node | undefined = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'AwaitExpression') pending = false;
    if (pending && parent.type === 'MemberExpression' && parent.object === node && parent.parent.type === 'CallExpression' && parent.parent.callee === parent) {
      const method = propertyName(parent);
      // `.catch(handler)`, or `.then(ok, handler)`: the rejection handler.
      const argument = method === 'catch' ? parent.parent.arguments[0] : method === 'then' ? parent.parent.arguments[1] : undefined;
      const fn = argument && handlerFunction(argument, facts);
      if (fn) return [{ kind: 'catch-method', call: parent.parent, fn, argument: argument as TSESTree.Expression }];
      if (method !== 'then' && method !== 'finally') return [];
      continue;
    }
    if (parent.type === 'TryStatement' && parent.block === node) {
      if (pending) return [];
      return parent.handler ? [{ kind: 'try', statement: parent, handler: parent.handler }] : [];
    }
    if (isFunctionNode(parent)) {
      if (pending || parent.async) return [];
      const host = parent.parent;
      const method = host?.type === 'CallExpression' && host.callee.type === 'MemberExpression' ? propertyName(host.callee) : undefined;
      if (method === undefined || !SYNC_ITERATION.has(method)) return [];
    }
  }
  return [];
}

/**
 * The calls of the file's own function that a sync read or an awaited one sits in unhandled, so
 * that its failure reaches their callers: `readJSON(p) { return parse(fs.readFileSync(p)) }`
 * … `try { v = this.readJSON(p) } catch { v = fallback }`. Each is given as the read itself
 * with the wrapper's call as its node (one level of wrapping).
 */
export function wrapperCalls(call: FsCall, facts: FileFacts): FsCall[] {
  const mode = failureMode(call);
  if (mode !== 'throw' && mode !== 'reject') return [];
  let awaited = mode === 'throw';
  for (let node: Node = call.node, parent: Node | undefined = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'AwaitExpression') awaited = true;
    if (parent.type === 'TryStatement' && parent.block === node) return [];
    if (!isFunctionNode(parent)) continue;
    const host = parent.parent;
    const method = host?.type === 'CallExpression' && host.callee.type === 'MemberExpression' ? propertyName(host.callee) : undefined;
    if (mode === 'throw' && !parent.async && method !== undefined && SYNC_ITERATION.has(method)) continue;
    // A sync read in an async function rejects, which its callers would need to be read as.
    if (!awaited || parent.async !== (mode === 'reject')) return [];
    return localFunctions(facts).callsOf(parent).map((node) => ({ ...call, node }));
  }
  return [];
}

/** The error test a reference of `err` is: `err`, `!err`, `err != null` (for a conditional's test). */
function errorTestAround(identifier: Node, err: TSESLint.Scope.Variable): Node | undefined {
  const parent = identifier.parent;
  if (parent?.type === 'UnaryExpression' && parent.operator === '!') return parent;
  if (parent?.type === 'BinaryExpression' && isErrorTest(parent, err)) return parent;
  return identifier;
}

/** `fs.createReadStream(p).on('error', fn)`, also through the variable that holds the stream. */
function errorListeners(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): FailureHandler[] {
  const handlers: FailureHandler[] = [];
  const listen = (stream: Node): void => {
    const member = stream.parent;
    if (member?.type !== 'MemberExpression' || member.object !== stream || member.parent.type !== 'CallExpression' || member.parent.callee !== member) return;
    const method = propertyName(member);
    const [event, fn] = member.parent.arguments;
    if ((method === 'on' || method === 'once') && event?.type === 'Literal' && event.value === 'error' && isFunctionNode(fn)) handlers.push({ kind: 'listener', fn });
    // `.on('open', …).on('error', …)`: listeners return the stream.
    else if (method === 'on' || method === 'once') listen(member.parent);
  };
  listen(call);
  const declarator = call.parent;
  if (declarator?.type === 'VariableDeclarator' && declarator.init === call && declarator.id.type === 'Identifier') {
    for (const variable of sourceCode.getDeclaredVariables(declarator)) for (const reference of variable.references) if (reference.isRead()) listen(reference.identifier);
  }
  return handlers;
}

/** `err`, `err != null`, `err !== null`, `err !== undefined` as an `if` test. */
function isErrorTest(test: Node, err: TSESLint.Scope.Variable): boolean {
  const isErr = (n: Node): boolean => n.type === 'Identifier' && err.references.some((r) => r.identifier === n);
  if (isErr(test)) return true;
  if (test.type === 'BinaryExpression' && (test.operator === '!=' || test.operator === '!==')) {
    const other = isErr(test.left) ? test.right : isErr(test.right) ? test.left : undefined;
    return other !== undefined && ((other.type === 'Literal' && other.value === null) || (other.type === 'Identifier' && other.name === 'undefined'));
  }
  return false;
}

/** A constant default: `[]`, `{}`, `null`, `undefined`, `''`, `0`, `new Map()`, `{ port: 80 }`, a const bound to one. */
export function isDefaultValue(node: Node | null | undefined, facts: FileFacts, nested = false, depth = 0): boolean {
  if (!node || depth > 6) return false;
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'boolean') return nested; // a bare `false` is a probe's answer, not a default
      return !('regex' in node && node.regex);
    case 'Identifier': {
      if (node.name === 'undefined') return true;
      const variable = facts.variableOf(node);
      const def = variable?.defs[0];
      if (!variable || def?.type !== 'Variable' || def.parent.kind !== 'const') return false;
      return isDefaultValue(facts.singleValue(variable), facts, true, depth + 1);
    }
    case 'UnaryExpression':
      return (node.operator === 'void' && node.argument.type === 'Literal') || (node.operator === '-' && node.argument.type === 'Literal');
    case 'TemplateLiteral':
      return node.expressions.length === 0;
    case 'ArrayExpression':
      return node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && isDefaultValue(e, facts, true, depth + 1));
    case 'ObjectExpression':
      return node.properties.every((p) =>
        p.type === 'SpreadElement' ? isDefaultValue(p.argument, facts, true, depth + 1) : !p.computed && isDefaultValue(p.value, facts, true, depth + 1),
      );
    case 'NewExpression':
      return node.callee.type === 'Identifier' && EMPTY_CONSTRUCTORS.has(node.callee.name) && node.arguments.length === 0;
    case 'CallExpression': {
      // `Buffer.alloc(0)`, `Object.create(null)`, and a frozen default: `Object.freeze({ port: 80 })`.
      const text = facts.sourceCode.getText(node).replace(/\s+/gu, '');
      if (text.startsWith('Object.freeze(') && node.arguments.length === 1) return isDefaultValue(node.arguments[0], facts, nested, depth + 1);
      return text === 'Buffer.alloc(0)' || text === 'Object.create(null)';
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return isDefaultValue(node.expression, facts, nested, depth + 1);
    default:
      return false;
  }
}

/**
 * A parameter of the enclosing function handed back instead of the result: the caller's own
 * default (`tryParse(file, fallback)`). Not an input of the failed call itself: `catch { return p }`
 * after `realpathSync(p)` keeps the path as given.
 */
function isCallerDefault(node: Node, call: TSESTree.CallExpression | undefined, facts: FileFacts): boolean {
  if (node.type !== 'Identifier' || !call) return false;
  const variable = facts.variableOf(node);
  if (variable?.defs.length !== 1 || variable.defs[0]!.type !== 'Parameter') return false;
  const inCall = (n: Node): boolean => call.range[0] <= n.range[0] && n.range[1] <= call.range[1];
  return !variable.references.some((r) => inCall(r.identifier));
}

/** An empty value: `[]`, `{}`, `''`, `0`, `null`, `undefined`, `new Map()` (not a built-in page or message). */
export function isEmptyValue(node: Node, facts: FileFacts): boolean {
  switch (node.type) {
    case 'Literal':
      return node.value === null || node.value === '' || node.value === 0;
    case 'ArrayExpression':
      return node.elements.length === 0;
    case 'ObjectExpression':
      return node.properties.length === 0;
    default:
      return node.type !== 'TemplateLiteral' && isDefaultValue(node, facts) && (node.type !== 'Identifier' || node.name === 'undefined');
  }
}

/** Calls that log: `console.error(e)`, `logger.warn(e)`, `this.log.debug(…)`, used as statements. */
function isLogCall(node: Node | undefined): boolean {
  if (node?.type !== 'CallExpression' || node.parent.type !== 'ExpressionStatement') return false;
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name === 'debug' || callee.name === 'log';
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return name !== undefined && LOG_METHODS.has(name);
}

/**
 * Whether an error reference only goes into a log call's arguments: `console.error(e)`,
 * `log.warn({ err: e })`, `console.error(e.stack || e)`, `logger.debug('failed: ' + e.message)`.
 */
function isLogged(reference: Node): boolean {
  let node = reference;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (isLogCall(parent)) return (parent as TSESTree.CallExpression).arguments.includes(node as TSESTree.CallExpressionArgument);
    const passes =
      (parent.type === 'MemberExpression' && parent.object === node && !parent.computed) ||
      (parent.type === 'LogicalExpression') ||
      (parent.type === 'BinaryExpression' && parent.operator === '+') ||
      parent.type === 'TemplateLiteral' ||
      (parent.type === 'ConditionalExpression' && parent.test !== node) ||
      (parent.type === 'Property' && parent.value === node) ||
      parent.type === 'ObjectExpression';
    if (!passes) return false;
  }
  return false;
}

/**
 * What a handler does with the error bound to `error` (undefined: no binding). `ignored` are
 * references that do not count as a use (the `if (err)` test of a callback branch).
 */
export function describeHandler(
  body: Node,
  error: TSESLint.Scope.Variable | undefined,
  facts: FileFacts,
  options: {
    ignored?: ReadonlySet<Node>;
    callbackStyle?: boolean;
    bindingIsPattern?: boolean;
    call?: TSESTree.CallExpression;
    /**
     * Whether assigning a default to `target` stands in for the read's value: the target is one
     * the success path assigns (or the callback's data parameter). Without it no assignment
     * does: `res.statusCode = 500` and `process.exitCode = 1` report a failure, they hide none.
     */
    standsIn?: (target: Node) => boolean;
  } = {},
): HandlerBehaviour {
  const inBody = (n: Node): boolean => body.range[0] <= n.range[0] && n.range[1] <= body.range[1];
  let inspects = options.bindingIsPattern === true;
  for (const reference of error?.references ?? []) {
    const id = reference.identifier as Node;
    if (options.ignored?.has(id) || !inBody(id)) continue;
    if (isLogged(id)) continue;
    inspects = true;
  }
  if (!body.type.endsWith('Statement') && body.type !== 'VariableDeclaration') {
    // An expression-bodied arrow: `.catch(() => [])`, `() => resolve({})`.
    const fallback = isDefaultValue(body, facts) ? body : options.callbackStyle && body.type === 'CallExpression' ? defaultArgument(body, facts) : undefined;
    return { throws: false, inspects, fallback, implicit: false };
  }
  let throws = false;
  let fallback: Node | undefined;
  for (const statement of statementsOf(body)) {
    if (statement.type === 'ThrowStatement') throws = true;
    if (fallback) continue;
    if (statement.type === 'ReturnStatement') {
      const argument = statement.argument;
      if (!argument) fallback = statement;
      else if (isDefaultValue(argument, facts) || isCallerDefault(argument, options.call, facts)) fallback = argument;
      else if (options.callbackStyle && argument.type === 'CallExpression') fallback = defaultArgument(argument, facts);
    } else if (statement.type === 'ExpressionStatement') {
      const expression = statement.expression;
      if (
        expression.type === 'AssignmentExpression' &&
        expression.operator === '=' &&
        (isDefaultValue(expression.right, facts) || isCallerDefault(expression.right, options.call, facts)) &&
        options.standsIn?.(expression.left) === true
      ) {
        fallback = expression.right;
      }
      else if (options.callbackStyle && expression.type === 'CallExpression') fallback = defaultArgument(expression, facts);
    }
  }
  return { throws, inspects, fallback, implicit: false };
}

/**
 * Whether code outside `handler` in `regions` assigns `target`: only then is the handler's value
 * a stand-in for the read (`try { v = read() } catch { v = {} }`), not a status (`exitCode = 1`).
 */
export function assignedIn(regions: readonly Node[], handler: Node, target: Node, facts: FileFacts): boolean {
  const text = facts.sourceCode.getText(target);
  return regions.some((region) =>
    statementsOf(region).some(
      (s) => {
        // An expression-bodied link (`.then((d) => (cache = d))`) is its own assignment.
        const assignment = s.type === 'ExpressionStatement' ? s.expression : s;
        return (
          !(handler.range[0] <= s.range[0] && s.range[1] <= handler.range[1]) &&
          assignment.type === 'AssignmentExpression' &&
          facts.sourceCode.getText(assignment.left) === text
        );
      },
    ),
  );
}

/** `cb(null, [])`, `resolve({})`, `done(undefined, '')`: a callback handed a default instead of the error. */
function defaultArgument(call: TSESTree.CallExpression, facts: FileFacts): Node | undefined {
  if (isLogCall(call)) return undefined;
  const args = call.arguments;
  const last = args.at(-1);
  if (!last || last.type === 'SpreadElement') return undefined;
  const leading = args.slice(0, -1);
  const nullish = (a: Node): boolean => (a.type === 'Literal' && a.value === null) || (a.type === 'Identifier' && a.name === 'undefined');
  if (!leading.every(nullish)) return undefined;
  // `resolve('')` hands the value on; `res.end('Internal Server Error')` answers with a failure.
  // A method takes the data only in the error-first form: `this.callback(null, '')`.
  if (leading.length === 0 && call.callee.type !== 'Identifier') return undefined;
  return isDefaultValue(last, facts) && !(args.length === 1 && nullish(last)) ? last : undefined;
}

/**
 * Whether the value of the call is the value of its statement in the `try` block: returned or
 * assigned, and not to the variable it was computed from (`p = realpathSync(p)` keeps `p` as
 * given when it fails), or the initialiser of a `var` read after the `try` (`try { var
 * entries = readdirSync(d) } catch {} if (entries) …`).
 */
export function resultIsUsed(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (let node: Node = call, parent: Node | undefined = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'ReturnStatement') return true;
    if (parent.type === 'VariableDeclarator' && parent.init === node && parent.parent.kind === 'var') {
      let statement: Node | undefined = parent.parent;
      while (statement && statement.type !== 'TryStatement' && !isFunctionNode(statement)) statement = statement.parent;
      const end = statement?.type === 'TryStatement' ? statement.range[1] : undefined;
      return end !== undefined && sourceCode.getDeclaredVariables(parent).some((v) => v.references.some((r) => r.isRead() && r.identifier.range[0] > end));
    }
    if (parent.type === 'AssignmentExpression') {
      if (parent.right !== node) return false;
      const target = sourceCode.getText(parent.left);
      return !call.arguments.some((a) => sourceCode.getText(a) === target);
    }
    if (parent.type === 'BlockStatement' || isFunctionNode(parent) || parent.type.endsWith('Statement') || parent.type === 'VariableDeclarator') return false;
  }
  return false;
}

export function isEmptyBlock(node: Node): boolean {
  return node.type === 'BlockStatement' && node.body.length === 0;
}
