import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  type FileFacts,
  type PathSink,
  SHARED_TMP_WORDS,
  TMPDIR_WORDS,
  feedsInsecureCreation,
  getFileFacts,
  guessableTmpdirPaths,
  isCoveredPath,
  isSharedTempSocketUse,
  isTempPrefix,
  mentions,
  sharedTmpRootOf,
  withoutFileScheme,
} from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { privateDirFix } from '../util/fixes.js';
import { shorten } from '../util/messages.js';

type Options = [{ allow: string[] }];
type MessageIds = 'hardcodedTmpPath' | 'guessableTmpdirPath' | 'useCreateTempDir';

const HELPER = 'createTempDir';
const SYNC_HELPER = 'createTempDirSync';
const RUNTIME_HELPER = 'runtimeDir';

// Words around a path make a sentence (a message, a description), not a location.
const SENTENCE = /\s/u;

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
  return sinks.length > 0 && sinks.every((sink) => {
    if (facts.pathValue(sink.expression).text !== whole) return false;
    if (sink.kind === 'option') return /dir|directory|folder|root|cwd|tmp|temp/iu.test(sink.key);
    return sink.ref.info.kind === 'fs' && sink.ref.info.effect === 'mkdir';
  });
}

/** The sink is the target path of a call that the temp-creation analysis judges insecure. */
function feedsCreation(sink: PathSink, facts: FileFacts): boolean {
  return sink.kind === 'argument' && feedsInsecureCreation(facts, sink.expression, sink.ref.node);
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-tmp-path',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow shared temp directories such as `/tmp` written into paths',
      recommended: true,
      helpers: [HELPER, SYNC_HELPER, 'withTempDir', RUNTIME_HELPER],
      cwe: ['CWE-377', 'CWE-379'],
    },
    hasSuggestions: true,
    messages: {
      hardcodedTmpPath:
        "'{{path}}' is in the shared temp directory '{{root}}', where another local user can create or symlink it first. Use a private directory from {{helper}}() in 'eslint-plugin-secure-fs/runtime'.",
      guessableTmpdirPath:
        "'{{path}}' has a guessable name in the shared temp directory, so another local user can create it or a symlink there first. Use a private directory from {{helper}}() (or {{runtimeHelper}}() for sockets and runtime files) in 'eslint-plugin-secure-fs/runtime'.",
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

    let cached: FileFacts | undefined;

    function check(node: TSESTree.Literal | TSESTree.TemplateLiteral, text: string): void {
      // `new URL('file:///tmp/x')` is the path `/tmp/x` wherever it goes.
      const root = sharedTmpRootOf(withoutFileScheme(text));
      if (root === undefined || SENTENCE.test(text)) return;
      const facts = (cached ??= getFileFacts(context));
      if (facts.inTextCall(node)) return;
      // A `path.join` on its own is no use: where the whole path goes decides (isPathUse).
      const taken = facts.pathSinks(node).filter((sink) => facts.pathValue(sink.expression).rootLiterals.includes(node));
      if (taken.length > 0 && taken.every(isTempPrefix)) return;
      const sinks = taken.filter((sink) => !isTempPrefix(sink) && !(sink.kind === 'argument' && sink.ref.info.kind === 'path'));
      let display: string;
      if (sinks.length > 0) {
        display = facts.pathValue(sinks[0]!.expression).display;
        if (sinks.every((sink) => isAllowed(facts.pathValue(sink.expression).display))) return;
        // Each path it makes that no-insecure-tmp-create or no-shared-tmp-socket reports is theirs: one defect, one report.
        const byPath = new Map<string, PathSink[]>();
        for (const sink of sinks) {
          const key = facts.pathValue(sink.expression).display;
          byPath.set(key, [...(byPath.get(key) ?? []), sink]);
        }
        const isReported = (sink: PathSink): boolean => feedsCreation(sink, facts) || isSharedTempSocketUse(facts, sink.expression);
        if ([...byPath.values()].every((uses) => isCoveredPath(uses, isReported))) return;
      } else {
        // No known API takes it, but it is a path wherever a value goes that is not text.
        const top = facts.pathTop(node);
        const value = facts.pathValue(top);
        // Below a strongly random directory (`path.join('/tmp', randomBytes(8).toString('hex'))`) nobody can plant first.
        if (!value.rootLiterals.includes(node) || value.name === 'strong' || !facts.isPathUse(top) || isAllowed(value.display)) return;
        if (isSharedTempSocketUse(facts, top)) return;
        display = value.display;
      }

      // A file URL keeps its scheme: no rewrite of it to a directory path.
      const fix = node.type === 'Literal' && typeof node.value === 'string' && withoutFileScheme(node.value) === node.value ? privateDirFix(context.sourceCode, node, root, SYNC_HELPER) : undefined;
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
        if (head && node.parent.type !== 'TaggedTemplateExpression') check(node, node.quasis.map((q) => q.value.cooked ?? '').join(''));
      },
      'Program:exit'() {
        if (!mentions(context.sourceCode, TMPDIR_WORDS)) return;
        const facts = getFileFacts(context);
        const leftToSockets = (sink: TSESTree.Node): boolean => isSharedTempSocketUse(facts, sink);
        for (const { node, value } of guessableTmpdirPaths(facts, leftToSockets)) {
          if (isAllowed(value.display) || isSharedTempSocketUse(facts, node)) continue;
          context.report({
            node,
            messageId: 'guessableTmpdirPath',
            data: { path: shorten(value.display), helper: HELPER, runtimeHelper: RUNTIME_HELPER },
          });
        }
      },
    };
  },
});
