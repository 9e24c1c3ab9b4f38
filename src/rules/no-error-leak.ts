import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { skipTypeWrappers } from '../analysis/ast.js';
import { type ClientSink, type ErrorFlow, getErrorFlow } from '../analysis/error-flow.js';
import { getFileFacts } from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { importRuntimeHelper } from '../util/fixes.js';
import { shorten } from '../util/messages.js';

type Options = [{ sanitizers: string[] }];
type MessageIds = 'errorLeak' | 'useSanitizeError';

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
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ sanitizers: [] }],
  },
  create(context, [{ sanitizers }]) {
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

    function report(sink: ClientSink): void {
      const f = getFlow();
      const text = context.sourceCode.getText(sink.value);
      context.report({
        node: sink.value,
        messageId: 'errorLeak',
        data: {
          value: shorten(text, 40),
          what: f.taint(sink.value) === 'error' ? 'the raw error' : 'error details',
          via: sink.via,
          helper: HELPER,
        },
        suggest: sanitizeSuggestion(sink),
      });
    }

    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.arguments.length === 0) return;
        for (const sink of getFlow().callSinks(node)) if (getFlow().taint(sink.value)) report(sink);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type !== 'MemberExpression') return;
        const sink = getFlow().assignmentSink(node);
        if (sink) report(sink);
      },
      NewExpression(node: TSESTree.NewExpression) {
        if (node.arguments.length === 0) return;
        const sink = getFlow().constructionSink(node);
        if (sink) report(sink);
      },
    };
  },
});
