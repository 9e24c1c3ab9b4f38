import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode, propertyName, skipTypeWrappers } from '../analysis/ast.js';
import { AZURE_FUNCTIONS_MODULES, CONSTRUCTION_SINK_MODULES, type ClientSink, type ErrorFlow, classicAzureHandlers, getErrorFlow, proxyHandlers, returningHandlerCalls, sinkCandidates, webRouteHandlers } from '../analysis/error-flow.js';
import { getFileFacts, loads } from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { importRuntimeHelper } from '../util/fixes.js';
import { shorten } from '../util/messages.js';

type Options = [{ sanitizers: string[]; allowBehindEnvironmentSwitch: boolean }];
type MessageIds = 'errorLeak' | 'errorLeakSwitched' | 'leakOrigin' | 'useSanitizeError';

/** Sinks whose argument can simply be the sanitised error: an object where JSON is sent, a string where bytes are. */
const OBJECT_SINKS = new Set(['send', 'json', 'jsonp']);
const TEXT_SINKS = new Set(['end', 'write']);

const HELPER = 'sanitizeError';

export default createRule<Options, MessageIds>({
  name: 'no-error-leak',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending caught errors, their messages or stacks to clients',
      recommended: true,
      requiresTypeChecking: false,
      helpers: [HELPER, 'ClientError'],
      cwe: ['CWE-209', 'CWE-497'],
    },
    messages: {
      errorLeak:
        "'{{value}}' sends {{what}} to the client through {{via}}, disclosing paths, user names and internals. Log the error and send {{helper}}(err) from 'eslint-plugin-secure-fs/runtime'.",
      errorLeakSwitched:
        "'{{value}}' sends {{what}} to the client through {{via}} whenever '{{test}}' holds: one misconfigured deployment discloses paths, user names and internals. Log the error and send {{helper}}(err) from 'eslint-plugin-secure-fs/runtime' in every environment.",
      leakOrigin:
        "'{{value}}' ({{what}}) reaches the client through {{via}}{{when}}, disclosing paths, user names and internals. Log the error and send {{helper}}(err) from 'eslint-plugin-secure-fs/runtime'.",
      useSanitizeError: 'Send {{helper}}({{error}}) instead: a generic message and a request id, the details logged.',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          sanitizers: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Functions whose result is safe to send to a client, by name (`toPublicError`) or dotted callee (`errors.toPublic`); `sanitizeError` always is.',
          },
          allowBehindEnvironmentSwitch: {
            type: 'boolean',
            description:
              "Do not report details sent only behind an environment switch (`if (env === 'development')`, `DEV ? err.stack : msg`, `process.env.NODE_ENV !== 'production'`).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ sanitizers: [], allowBehindEnvironmentSwitch: false }],
  },
  create(context, [{ sanitizers, allowBehindEnvironmentSwitch }]) {
    let flow: ErrorFlow | undefined;
    const getFlow = (): ErrorFlow => (flow ??= getErrorFlow(getFileFacts(context), { sanitizers }));

    // `res.end(e.stack)`, `reply.send(e)`, `socket.write(err.message)`: the caught error itself,
    // or its stack or message, handed straight to a response or socket can be replaced by the
    // sanitised error; anything built from it needs a person to decide what the client gets.
    function sanitizeSuggestion(sink: ClientSink): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const method = /\.(\w+)\(\)$/u.exec(sink.via)?.[1];
      if ((sink.role !== 'response' && sink.role !== 'socket') || method === undefined) return [];
      if (!OBJECT_SINKS.has(method) && !TEXT_SINKS.has(method)) return [];
      const value = skipTypeWrappers(sink.value);
      const error =
        value.type === 'MemberExpression' && !value.computed && value.property.type === 'Identifier' && ['stack', 'message'].includes(value.property.name)
          ? skipTypeWrappers(value.object)
          : value;
      if (error.type !== 'Identifier' || getFlow().taint(error) !== 'error') return [];
      const sanitized = `${HELPER}(${error.name})`;
      return [
        {
          messageId: 'useSanitizeError',
          data: { helper: HELPER, error: error.name },
          fix: (fixer) => [
            fixer.replaceText(sink.value, TEXT_SINKS.has(method) ? `JSON.stringify(${sanitized})` : sanitized),
            ...importRuntimeHelper(fixer, context.sourceCode, HELPER),
          ],
        },
      ];
    }

    const reported = new Set<TSESTree.Node>();
    const describe = (node: TSESTree.Node): string => (getFlow().taint(node) === 'error' ? 'the raw error' : 'error details');
    const inside = (node: TSESTree.Node, outer: TSESTree.Node): boolean => outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
    const functionOf = (node: TSESTree.Node): TSESTree.Node | undefined => {
      for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
      return undefined;
    };

    /** Reports one value at `node`, unless it is already reported or sits behind a switch the options allow. */
    function reportAt(node: TSESTree.Node, via: string, suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[]): boolean {
      const f = getFlow();
      if (reported.has(node) || f.isExposeGuarded(node)) return false;
      // Behind a switch itself, or every detail in it is (`{ message: DEV ? err.stack : 'Failed' }`).
      const { origins } = f.provenance(node);
      const switches = origins.map((o) => f.environmentSwitch(o));
      const test = f.environmentSwitch(node) ?? (switches.length > 0 && switches.every(Boolean) ? switches[0] : undefined);
      if (test && allowBehindEnvironmentSwitch) return false;
      reported.add(node);
      const value = shorten(context.sourceCode.getText(node), 40);
      const what = describe(node);
      if (test) {
        const switchText = shorten(context.sourceCode.getText(test), 40);
        context.report({ node, messageId: 'errorLeakSwitched', data: { value, what, via, test: switchText, helper: HELPER }, suggest });
      } else {
        context.report({ node, messageId: 'errorLeak', data: { value, what, via, helper: HELPER }, suggest });
      }
      return true;
    }

    // The sink is reported where the value is handed over, or, when the value arrives only
    // through a parameter of the file's own helper (`send(res, 500, msg)`), where the helper is
    // called with it. A stack taken anywhere else, and details taken inside another function
    // whose result is sent, are reported where they are taken too: that is the line to change.
    function report(sink: ClientSink): void {
      const f = getFlow();
      if (f.isExposeGuarded(sink.value)) return;
      const { origins, entries, remote } = f.provenance(sink.value);
      const places = origins.length === 0 && entries.length > 0 ? entries : [sink.value];
      const via = places === entries ? `${sink.via} in a helper` : sink.via;
      let any = false;
      for (const place of places) any = reportAt(place, via, place === sink.value ? sanitizeSuggestion(sink) : []) || any;
      if (!any) return;
      const homes = places.map(functionOf);
      const taken = new Set<TSESTree.Node | undefined>();
      for (const origin of [...origins, ...remote]) {
        if (places.some((p) => inside(origin, p))) continue;
        const isStack = origin.type === 'MemberExpression' && propertyName(origin) === 'stack';
        const where = functionOf(origin);
        const elsewhere = homes.every((home) => where !== home && !(where && home && inside(home, where)));
        // One report per function that takes the details, at the first place it does.
        if (elsewhere && taken.has(where)) continue;
        if (elsewhere) taken.add(where);
        if ((!isStack && !elsewhere) || reported.has(origin)) continue;
        if (f.isExposeGuarded(origin)) continue;
        const test = f.environmentSwitch(origin);
        if (test && allowBehindEnvironmentSwitch) continue;
        reported.add(origin);
        context.report({
          node: origin,
          messageId: 'leakOrigin',
          data: {
            value: shorten(context.sourceCode.getText(origin), 40),
            what: origin.type === 'MemberExpression' && propertyName(origin) === 'stack' ? 'a stack trace' : describe(origin),
            via: sink.via,
            helper: HELPER,
            when: test ? ` whenever '${shorten(context.sourceCode.getText(test), 40)}' holds` : '',
          },
        });
      }
    }

    // NestJS's exceptions and route decorators: a file that loads none has no such sink.
    const nest = loads(context.sourceCode, CONSTRUCTION_SINK_MODULES);
    const azure = loads(context.sourceCode, AZURE_FUNCTIONS_MODULES);
    return {
      Program() {
        const { calls, assignments } = sinkCandidates(context.sourceCode);
        for (const call of calls) for (const sink of getFlow().callSinks(call)) if (getFlow().taint(sink.value)) report(sink);
        for (const assignment of assignments) {
          const sink = getFlow().assignmentSink(assignment);
          if (sink) report(sink);
        }
        const registrations = returningHandlerCalls(context.sourceCode);
        if (registrations.length > 0) for (const sink of getFlow().returnSinks(registrations)) report(sink);
        const handlers = webRouteHandlers(context.sourceCode);
        if (handlers.length > 0) for (const sink of getFlow().responseSinks(handlers)) report(sink);
        const proxies = proxyHandlers(context.sourceCode);
        if (proxies.length > 0) for (const sink of getFlow().proxyResponseSinks(proxies)) report(sink);
        if (nest) for (const sink of getFlow().nestRouteSinks()) report(sink);
        if (azure) for (const sink of getFlow().azureResponseSinks()) report(sink);
        const classic = classicAzureHandlers(context.sourceCode);
        if (classic.length > 0) for (const sink of getFlow().azureContextSinks(classic)) report(sink);
      },
      // The module is loaded by any file that constructs its exceptions; most `new X(…)` need no look.
      ...(nest && {
        NewExpression(node: TSESTree.NewExpression) {
          if (node.arguments.length === 0) return;
          const sink = getFlow().constructionSink(node);
          if (sink) report(sink);
        },
      }),
    };
  },
});
