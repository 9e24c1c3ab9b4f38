import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  type FileFacts,
  type PathSink,
  SHARED_TMP_WORDS,
  getFileFacts,
  insecureTmpCreation,
  isSharedTempSocketUse,
  mentions,
  sharedTmpRootOf,
} from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { privateDirFix } from '../util/fixes.js';
import { shorten } from '../util/messages.js';

type Options = [{ allow: string[] }];
type MessageIds = 'hardcodedTmpPath' | 'useCreateTempDir';

const HELPER = 'createTempDir';
const SYNC_HELPER = 'createTempDirSync';

function normalisePath(text: string): string {
  return text.replace(/[\\/]+/gu, '/').replace(/\/$/u, '');
}

// Where a literal stands for a directory, so that a fresh private directory is a sound
// replacement: the base of a `path.join`, or the whole path given to mkdir or a dir option.
function isDirectoryLiteral(literal: TSESTree.Node, sinks: readonly PathSink[], facts: FileFacts): boolean {
  const parent = literal.parent;
  if (parent?.type === 'CallExpression' && parent.arguments[0] === literal && parent.arguments.length > 1) {
    const info = facts.api(parent)?.info;
    if (info?.kind === 'path' && (info.name === 'join' || info.name === 'resolve')) return true;
  }
  const whole = literal.type === 'Literal' ? literal.value : undefined;
  return sinks.every((sink) => {
    if (facts.pathValue(sink.expression).text !== whole) return false;
    if (sink.kind === 'option') return /dir|directory|folder|root|cwd|tmp|temp/iu.test(sink.key);
    return sink.ref.info.kind === 'fs' && sink.ref.info.effect === 'mkdir';
  });
}

/** The sink is the target path of a call that the temp-creation analysis judges insecure. */
function feedsInsecureCreation(sink: PathSink, facts: FileFacts): boolean {
  if (sink.kind !== 'argument' || sink.ref.node.type !== 'CallExpression') return false;
  const creation = insecureTmpCreation(facts, sink.ref.node);
  return creation !== undefined && creation.target === sink.expression;
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-tmp-path',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow shared temp directories such as `/tmp` written into paths',
      recommended: true,
      helpers: [HELPER, SYNC_HELPER, 'withTempDir'],
      cwe: ['CWE-377', 'CWE-379'],
    },
    hasSuggestions: true,
    messages: {
      hardcodedTmpPath:
        "'{{path}}' is in the shared temp directory '{{root}}', where another local user can create or symlink it first. Use a private directory from {{helper}}() in 'eslint-plugin-secure-fs/runtime'.",
      useCreateTempDir: 'Replace with a fresh private directory from {{helper}}().',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Paths that are deliberately shared (such as `/tmp/.X11-unix`): each allows itself and everything below it.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [{ allow }]) {
    if (!mentions(context.sourceCode, SHARED_TMP_WORDS)) return {};
    const allowed = allow.map(normalisePath);
    const isAllowed = (path: string): boolean => {
      const normalised = normalisePath(path);
      return allowed.some((entry) => normalised === entry || normalised.startsWith(`${entry}/`));
    };

    function check(node: TSESTree.Literal | TSESTree.TemplateLiteral, text: string): void {
      const root = sharedTmpRootOf(text);
      if (root === undefined) return;
      const facts = getFileFacts(context);
      const sinks = facts.pathSinks(node).filter((sink) => facts.pathValue(sink.expression).rootLiterals.includes(node));
      const first = sinks[0];
      if (!first) return;
      const display = facts.pathValue(first.expression).display;
      if (sinks.every((sink) => isAllowed(facts.pathValue(sink.expression).display))) return;
      // Only feeds calls that no-insecure-tmp-create or no-shared-tmp-socket reports: one defect, one report.
      if (sinks.every((sink) => feedsInsecureCreation(sink, facts) || isSharedTempSocketUse(facts, sink.expression))) return;

      const fix = node.type === 'Literal' && typeof node.value === 'string' ? privateDirFix(context.sourceCode, node, root, SYNC_HELPER) : undefined;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] =
        fix && isDirectoryLiteral(node, sinks, facts) ? [{ messageId: 'useCreateTempDir', data: { helper: SYNC_HELPER }, fix }] : [];
      context.report({
        node,
        messageId: 'hardcodedTmpPath',
        data: { path: shorten(display), root, helper: HELPER },
        suggest,
      });
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateLiteral(node) {
        const head = node.quasis[0]?.value.cooked;
        if (head) check(node, head);
      },
    };
  },
});
