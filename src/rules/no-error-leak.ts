import type { TSESTree } from '@typescript-eslint/utils';

import { type ClientSink, type ErrorFlow, getErrorFlow } from '../analysis/error-flow.js';
import { getFileFacts } from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { shorten } from '../util/messages.js';

type Options = [{ sanitizers: string[] }];
type MessageIds = 'errorLeak';

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
    },
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
