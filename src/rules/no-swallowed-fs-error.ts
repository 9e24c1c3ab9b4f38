import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  type FailureHandler,
  assignedIn,
  describeHandler,
  failureHandlers,
  isEmptyBlock,
  isEmptyValue,
  resultIsUsed,
  wrapperCalls,
} from '../analysis/error-handling.js';
import { type FileFacts, type FsCall, FS_MODULES, fsNamePattern, getFileFacts, loads, mentions, optionProperty } from '../analysis/index.js';
import { propertyName } from '../analysis/ast.js';
import { createRule } from '../util/create-rule.js';
import { importRuntimeHelper } from '../util/fixes.js';

type MessageIds = 'swallowedFsError' | 'quietOption' | 'useHelper';

const HELPER = 'ignoreNotFound';
const SYNC_HELPER = 'ignoreNotFoundSync';
const LIST_HELPER = 'readdirOrEmpty';
const SYNC_LIST_HELPER = 'readdirOrEmptySync';

/** A file that names no read or listing call has nothing for this rule. */
const READ_NAMES = fsNamePattern(['read', 'list', 'read-stream']);

/** fs reads that fail on a path: watchers report errors as events, not here. */
function isReadOrListing(call: FsCall): boolean {
  return (call.info.effect === 'read' || call.info.effect === 'list') && call.info.name !== 'watch' && call.info.name !== 'watchFile';
}

function isSync(call: FsCall): boolean {
  return call.info.style === 'sync';
}

/**
 * fs-extra's `readJsonSync(p, { throws: false })`: jsonfile catches the read and the parse in
 * one `try` and answers `null` for both. (The promise and callback forms read outside that
 * `try`: only a parse error becomes `null` there.)
 */
function quietOption(call: FsCall, facts: FileFacts): TSESTree.Node | undefined {
  const options = call.node.arguments[1];
  if ((call.info.name !== 'readJson' && call.info.name !== 'readJSON') || call.info.style !== 'sync' || !options) return undefined;
  const lookup = optionProperty(facts, options, 'throws');
  if (typeof lookup !== 'object' || facts.staticValue(lookup.found) !== false) return undefined;
  // On the option where the call spells it; on the argument where it comes from a shared object.
  return options.type === 'ObjectExpression' ? lookup.found.parent : options;
}

function helperFor(call: FsCall): string {
  if (call.info.name === 'readdir') return isSync(call) ? SYNC_LIST_HELPER : LIST_HELPER;
  return isSync(call) ? SYNC_HELPER : HELPER;
}

/** The bodies of the `.then(onFulfilled)` links between a promise and the `.catch` at `end`: where its value is assigned. */
function fulfilledHandlers(start: TSESTree.Node, end: TSESTree.CallExpression): TSESTree.Node[] {
  const bodies: TSESTree.Node[] = [];
  for (let node: TSESTree.Node | undefined = start; node && node !== end; node = node.parent) {
    const fn = node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && propertyName(node.callee) === 'then' ? node.arguments[0] : undefined;
    if (fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression')) bodies.push(fn.body);
  }
  return bodies;
}

/** Whether a promise's value is taken: awaited or not, into a variable, an assignment, a return or an argument. */
function valueIsUsed(promise: TSESTree.Node): boolean {
  let node = promise;
  while (node.parent?.type === 'AwaitExpression' || node.parent?.type === 'ChainExpression') node = node.parent;
  const parent = node.parent;
  switch (parent?.type) {
    case 'VariableDeclarator':
      return parent.init === node;
    case 'AssignmentExpression':
      return parent.right === node;
    case 'ReturnStatement':
      return true;
    case 'ArrowFunctionExpression':
      return parent.body === node;
    case 'CallExpression':
      return parent.arguments.includes(node as TSESTree.CallExpressionArgument);
    default:
      return false;
  }
}

function unwrapAwait(node: TSESTree.Node): TSESTree.Node {
  return node.type === 'AwaitExpression' ? node.argument : node;
}

interface Finding {
  readonly node: TSESTree.Node;
  readonly call: FsCall;
  readonly fallback: string;
  readonly suggestion?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
  readonly helper: string;
}

export default createRule<[], MessageIds>({
  name: 'no-swallowed-fs-error',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow turning every failure of a file-system read or listing into an empty or default value',
      recommended: true,
      helpers: [HELPER, SYNC_HELPER, LIST_HELPER, SYNC_LIST_HELPER],
      cwe: ['CWE-390', 'CWE-755'],
    },
    hasSuggestions: true,
    messages: {
      swallowedFsError:
        "This handler turns every failure of {{call}}() into {{fallback}}, so EACCES, EPERM or EMFILE read as \"nothing there\". Fall back only when err.code is 'ENOENT' and rethrow the rest, as {{helper}}() from 'eslint-plugin-secure-fs/runtime' does.",
      quietOption:
        "{{call}}() with throws: false returns null for every failure of the read, so EACCES, EPERM or EMFILE read as \"nothing there\". Drop the option and fall back only when err.code is 'ENOENT', as {{helper}}() from 'eslint-plugin-secure-fs/runtime' does.",
      useHelper: 'Rewrite with {{helper}}(), which falls back to {{fallback}} only when the path does not exist.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    if (!loads(sourceCode, FS_MODULES) || !mentions(sourceCode, READ_NAMES)) return {};

    function errorVariable(fn: TSESTree.Node): TSESLint.Scope.Variable | undefined {
      return sourceCode.getDeclaredVariables(fn).find((v) => v.defs.some((d) => d.type === 'Parameter' || d.type === 'CatchClause'));
    }

    /** `try { return X } catch { return FB }` and `try { v = X } catch { v = FB }` as one helper call. */
    function trySuggestion(handler: Extract<FailureHandler, { kind: 'try' }>, call: FsCall, fallback: TSESTree.Node) {
      const { statement } = handler;
      const inner = statement.block.body;
      const caught = handler.handler.body.body;
      // readlink also fails with EINVAL on a path that is not a symlink, which the helpers rethrow.
      if (call.info.name === 'readlink') return undefined;
      if (statement.finalizer || inner.length !== 1 || caught.length !== 1) return undefined;
      if (handler.handler.param && errorVariable(handler.handler)?.references.length) return undefined;
      const tried = inner[0]!;
      const fell = caught[0]!;
      let expression: TSESTree.Node;
      let wrap: (value: string) => string;
      if (tried.type === 'ReturnStatement' && tried.argument && fell.type === 'ReturnStatement' && fell.argument === fallback) {
        expression = tried.argument;
        wrap = (value) => `return ${value};`;
      } else if (
        tried.type === 'ExpressionStatement' &&
        tried.expression.type === 'AssignmentExpression' &&
        tried.expression.operator === '=' &&
        fell.type === 'ExpressionStatement' &&
        fell.expression.type === 'AssignmentExpression' &&
        fell.expression.right === fallback &&
        sourceCode.getText(fell.expression.left) === sourceCode.getText(tried.expression.left)
      ) {
        expression = tried.expression.right;
        const target = sourceCode.getText(tried.expression.left);
        wrap = (value) => `${target} = ${value};`;
      } else {
        return undefined;
      }
      const fb = sourceCode.getText(fallback);
      const direct = unwrapAwait(expression) === call.node;
      const awaited = expression.type === 'AwaitExpression' || !isSync(call);
      let helper: string;
      let value: string;
      if (direct && call.info.name === 'readdir' && fallback.type === 'ArrayExpression' && fallback.elements.length === 0) {
        helper = helperFor(call);
        const args = call.node.arguments.map((a) => sourceCode.getText(a)).join(', ');
        value = isSync(call) ? `${helper}(${args})` : `await ${helper}(${args})`;
      } else if (isSync(call) && !sourceCode.getText(expression).includes('await')) {
        helper = SYNC_HELPER;
        value = `${helper}(() => ${sourceCode.getText(expression)}, ${fb})`;
      } else if (awaited) {
        helper = HELPER;
        value = direct
          ? `await ${helper}(() => ${sourceCode.getText(call.node)}, ${fb})`
          : `await ${helper}(async () => ${sourceCode.getText(expression)}, ${fb})`;
      } else {
        return undefined;
      }
      return {
        helper,
        fix: (fixer: TSESLint.RuleFixer) => [fixer.replaceText(statement, wrap(value)), ...importRuntimeHelper(fixer, sourceCode, helper)],
      };
    }

    function heldBefore(target: TSESTree.Node): boolean {
      if (target.type === 'MemberExpression') return true;
      const variable = target.type === 'Identifier' ? getFileFacts(context).variableOf(target) : undefined;
      const def = variable?.defs[0];
      return def?.type === 'Parameter' || (def?.type === 'Variable' && def.node.init !== null);
    }

    /** `try { … } catch { return null } return null`: the failure changes nothing the caller sees. */
    function returnsTheSameAfter(statement: TSESTree.TryStatement, fallback: TSESTree.Node): boolean {
      if (fallback.parent?.type !== 'ReturnStatement') return false;
      const block = statement.parent;
      const body = block?.type === 'BlockStatement' || block?.type === 'Program' ? block.body : undefined;
      const next = body?.[body.indexOf(statement) + 1];
      return next?.type === 'ReturnStatement' && next.argument !== null && sourceCode.getText(next.argument) === sourceCode.getText(fallback);
    }

    function examine(call: FsCall, handler: FailureHandler, facts: FileFacts, wrapped: boolean): Finding | undefined {
      if (handler.kind === 'try') {
        const clause = handler.handler;
        const param = clause.param;
        const error = param?.type === 'Identifier' ? errorVariable(clause) : undefined;
        if (isEmptyBlock(clause.body)) {
          // A realpath that fails leaves what it was assigned to as it was (the path unresolved), not
          // "nothing there": a property, or a variable that held a value before (not `let p;`).
          const value = call.node.parent.type === 'AwaitExpression' ? call.node.parent : call.node;
          if (call.info.name === 'realpath' && value.parent?.type === 'AssignmentExpression' && heldBefore(value.parent.left)) return undefined;
          return resultIsUsed(call.node, sourceCode) ? { node: clause, call, fallback: 'undefined', helper: helperFor(call) } : undefined;
        }
        const behaviour = describeHandler(clause.body, error, facts, { bindingIsPattern: param !== null && param.type !== 'Identifier', call: call.node, standsIn: (target) => assignedIn([handler.statement.block], clause, target, facts) });
        if (behaviour.throws || behaviour.inspects || !behaviour.fallback || returnsTheSameAfter(handler.statement, behaviour.fallback)) return undefined;
        const suggestion = wrapped ? undefined : trySuggestion(handler, call, behaviour.fallback);
        return {
          node: clause,
          call,
          fallback: display(behaviour.fallback),
          helper: suggestion?.helper ?? helperFor(call),
          ...(suggestion ? { suggestion: suggestion.fix } : {}),
        };
      }
      if (handler.kind === 'catch-method') {
        // A handler given by name (`.catch(noop)`) is reported where it is given: it may serve other calls.
        const { fn, argument } = handler;
        // `const text = await readFile(p).catch(() => {})`: the value is `undefined` on any failure.
        if (isEmptyBlock(fn.body)) return valueIsUsed(handler.call) ? { node: argument, call, fallback: 'undefined', helper: helperFor(call) } : undefined;
        const first = fn.params[0];
        const error = first?.type === 'Identifier' ? errorVariable(fn) : undefined;
        const behaviour = describeHandler(fn.body, error, facts, {
          bindingIsPattern: first !== undefined && first.type !== 'Identifier',
          standsIn: (target) => assignedIn(fulfilledHandlers(call.node, handler.call), fn, target, facts),
        });
        if (behaviour.throws || behaviour.inspects || !behaviour.fallback) return undefined;
        const fallback = behaviour.fallback;
        // `fsp.readFile(p).catch(() => FB)` → `ignoreNotFound(fsp.readFile(p), FB)`.
        const simple = !wrapped && argument === fn && handler.call.callee.type === 'MemberExpression' && propertyName(handler.call.callee) === 'catch' && handler.call.callee.object === call.node && fn.params.length === 0 && fn.body === fallback;
        const helper = call.info.name === 'readdir' && fallback.type === 'ArrayExpression' && fallback.elements.length === 0 ? LIST_HELPER : HELPER;
        return {
          node: argument,
          call,
          fallback: display(fallback),
          helper,
          ...(simple
            ? {
                suggestion: (fixer: TSESLint.RuleFixer) => [
                  fixer.replaceText(
                    handler.call,
                    helper === LIST_HELPER
                      ? `${helper}(${call.node.arguments.map((a) => sourceCode.getText(a)).join(', ')})`
                      : `${helper}(${sourceCode.getText(call.node)}, ${sourceCode.getText(fallback)})`,
                  ),
                  ...importRuntimeHelper(fixer, sourceCode, helper),
                ],
              }
            : {}),
        };
      }
      if (handler.kind === 'ternary') {
        const branch = handler.branch;
        const error = errorVariable(handler.fn);
        const used = error?.references.some((r) => branch.range[0] <= r.identifier.range[0] && r.identifier.range[1] <= branch.range[1]);
        return !used && isEmptyValue(branch, facts) ? { node: handler.conditional, call, fallback: display(branch), helper: helperFor(call) } : undefined;
      }
      if (handler.kind === 'ignored') {
        const fallback = handler.defaults.find((d) => isEmptyValue(d.right, facts));
        return fallback ? { node: fallback, call, fallback: display(fallback.right), helper: helperFor(call) } : undefined;
      }
      if (handler.kind === 'listener') {
        const behaviour = describeHandler(handler.fn.body, errorVariable(handler.fn), facts, { callbackStyle: true });
        if (behaviour.throws || behaviour.inspects || !behaviour.fallback) return undefined;
        return { node: handler.fn, call, fallback: display(behaviour.fallback), helper: HELPER };
      }
      const error = errorVariable(handler.fn);
      const ignored = new Set<TSESTree.Node>(
        (error?.references ?? []).map((r) => r.identifier as TSESTree.Node).filter((id) => handler.branch.test.range[0] <= id.range[0] && id.range[1] <= handler.branch.test.range[1]),
      );
      const { fn, branch } = handler;
      // `if (err) { text = '' }`: the data parameter, or what the rest of the callback assigns from it.
      const data = new Set(fn.params.slice(1).flatMap((p) => (p.type === 'Identifier' ? [p.name] : [])));
      const behaviour = describeHandler(branch.consequent, error, facts, {
        ignored,
        callbackStyle: true,
        standsIn: (target) => (target.type === 'Identifier' && data.has(target.name)) || assignedIn([fn.body], branch, target, facts),
      });
      if (behaviour.throws || behaviour.inspects || !behaviour.fallback) return undefined;
      return { node: handler.branch, call, fallback: display(behaviour.fallback), helper: helperFor(call) };
    }

    function display(node: TSESTree.Node): string {
      if (node.type === 'ReturnStatement') return 'undefined';
      const text = sourceCode.getText(node).replace(/\s+/gu, ' ');
      return text.length > 30 ? `${text.slice(0, 27)}...` : text;
    }

    return {
      'Program:exit'() {
        const facts = getFileFacts(context);
        const reported = new Set<TSESTree.Node>();
        for (const read of facts.fsCalls) {
          if (!isReadOrListing(read) && read.info.effect !== 'read-stream') continue;
          const quiet = quietOption(read, facts);
          if (quiet) {
            context.report({ node: quiet, messageId: 'quietOption', data: { call: `${read.info.name}Sync`, helper: SYNC_HELPER } });
            continue;
          }
          const handlers = failureHandlers(read, facts);
          const sites = handlers.length > 0 ? [{ call: read, handlers }] : wrapperCalls(read, facts).map((call) => ({ call, handlers: failureHandlers(call, facts) }));
          for (const { call, handlers: found } of sites) for (const handler of found) {
            const finding = examine(call, handler, facts, call !== read);
            if (!finding || reported.has(finding.node)) continue;
            reported.add(finding.node);
            // The API's own name, the same however the module was imported.
            const data = { call: `${call.info.name}${isSync(call) && call.info.effect !== 'read-stream' ? 'Sync' : ''}`, fallback: finding.fallback, helper: finding.helper };
            const loc = finding.node.type === 'CatchClause' || finding.node.type === 'IfStatement'
              ? { start: finding.node.loc.start, end: sourceCode.getTokenAfter(sourceCode.getFirstToken(finding.node)!)?.loc.start ?? finding.node.loc.end }
              : finding.node.loc;
            context.report({
              loc,
              messageId: 'swallowedFsError',
              data,
              suggest: finding.suggestion ? [{ messageId: 'useHelper', data: { helper: finding.helper, fallback: finding.fallback }, fix: finding.suggestion }] : [],
            });
          }
        }
      },
    };
  },
});
