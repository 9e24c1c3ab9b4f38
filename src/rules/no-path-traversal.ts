import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { nodesMatching, unwrap, withoutInterop } from '../analysis/ast.js';
import { getErrorFlow } from '../analysis/error-flow.js';
import { dynamicImports, hasComputedRequire, requireCalls } from '../analysis/modules.js';
import { type FileFacts, type FsCall, type FsEffect, FS_MODULES, containing, getFileFacts, loads, mentions, objectLiteralOf, optionProperty } from '../analysis/index.js';
import { type NearMiss, type Untrusted, getUntrustedInput } from '../analysis/untrusted-input.js';
import { createRule } from '../util/create-rule.js';
import { importRuntimeHelper } from '../util/fixes.js';
import { shorten } from '../util/messages.js';

type MessageIds = 'traversal' | 'prefixWithoutSeparator' | 'unresolved' | 'beforeDecode' | 'stripDots' | 'normalizeOnly' | 'brokenContainment' | 'useHelper' | 'useSeparator';

/** The module whose calls take a `cwd`. */
const CHILD_PROCESS_MODULE: ReadonlySet<string> = new Set(['child_process']);
/** Sinks no module brings, rare enough to find from the text: `res.sendFile(`, `res.download(`. */
const SEND = /\b(?:sendFile|download)\s*\(/u;
/** What every match of SEND contains, found several times faster than SEND: most files have neither. */
const SEND_WORDS = containing('dFile', 'wnload');

/** The helper that does what an fs call of this effect does, inside a root. */
const HELPER_BY_EFFECT: Partial<Record<FsEffect, string>> = {
  read: 'readFileInside',
  'read-stream': 'createReadStreamInside',
  'write-stream': 'openInside',
  write: 'writeFileInside',
  append: 'openInside',
  open: 'openInside',
  stat: 'statInside',
  lstat: 'statInside',
  access: 'statInside',
  exists: 'statInside',
  delete: 'removeInside',
  mkdir: 'mkdirInside',
};

/** fs calls the suggestion can rewrite one for one: `readFile(p[, opts])` → `readFileInside(root, name[, opts])`, same style. */
const REWRITES: Record<string, { promise?: string; sync?: string; extra: number }> = {
  readFile: { promise: 'readFileInside', sync: 'readFileInsideSync', extra: 1 },
  writeFile: { promise: 'writeFileInside', sync: 'writeFileInsideSync', extra: 2 },
  stat: { promise: 'statInside', sync: 'statInsideSync', extra: 0 },
  mkdir: { promise: 'mkdirInside', sync: 'mkdirInsideSync', extra: 0 },
  unlink: { promise: 'removeInside', extra: 0 },
};

const NEAR_MISS_MESSAGES: Record<NearMiss, MessageIds> = {
  'prefix-without-separator': 'prefixWithoutSeparator',
  unresolved: 'unresolved',
  'before-decode': 'beforeDecode',
  'strip-dots': 'stripDots',
  'normalize-only': 'normalizeOnly',
};

const TAIL = "Use {{helper}}(root, name) from 'eslint-plugin-secure-fs/runtime', which refuses names that leave the root.";

export default createRule<[], MessageIds>({
  name: 'no-path-traversal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow file-system paths built from request data, upload or archive entry names without a containment check that holds',
      recommended: true,
      requiresTypeChecking: false,
      helpers: [
        'readFileInside', 'resolveInside', 'openInside', 'writeFileInside', 'statInside', 'removeInside', 'createReadStreamInside', 'mkdirInside',
      ],
      cwe: ['CWE-22', 'CWE-59'],
    },
    messages: {
      traversal: `{{source}} reaches {{sink}}{{through}} unchecked, so '../' or an absolute name opens any file. ${TAIL}`,
      prefixWithoutSeparator: `{{source}} reaches {{sink}}{{through}} after a prefix check without a separator: '/srv/app-secrets' passes for the root '/srv/app'. ${TAIL}`,
      unresolved: `{{source}} reaches {{sink}}{{through}} after a prefix check on a path never resolved: '../' inside it still climbs out. ${TAIL}`,
      beforeDecode: `{{source}} reaches {{sink}}{{through}} checked before it is decoded: '%2e%2e%2f' passes the check and becomes '../'. ${TAIL}`,
      stripDots: `{{source}} reaches {{sink}}{{through}} with '..' stripped in one pass, which turns '....//' into '../'. ${TAIL}`,
      normalizeOnly: `{{source}} reaches {{sink}}{{through}} with only path.normalize(), which keeps a leading '../'. ${TAIL}`,
      brokenContainment: `'{{check}}' confines '{{subject}}' without a separator, so '/srv/app-secrets' passes for the root '/srv/app', and '{{subject}}' reaches {{sink}}. ${TAIL}`,
      useHelper: 'Use {{helper}}({{root}}, {{name}}), which refuses names that leave {{root}}.',
      useSeparator: "Compare with '{{separated}}', so that only paths inside {{root}} pass.",
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    const { sourceCode } = context;
    // fs calls and commands come from modules the file loads; without them only the sinks
    // that need no module are left (`require()`, `import()`, `res.sendFile()`), and no API
    // tracking is done for the file.
    const fsSinks = loads(sourceCode, FS_MODULES);
    const commandSinks = loads(sourceCode, CHILD_PROCESS_MODULE);
    let facts: FileFacts | undefined;
    const getFacts = (): FileFacts => (facts ??= getFileFacts(context));
    const input = () => getUntrustedInput(getFacts());

    function through(value: Untrusted): string {
      const names = [...new Set(value.steps.flatMap((s) => (s.kind === 'variable' || s.kind === 'url-path' ? [] : [s.what])))].slice(0, 3);
      return names.length > 0 ? ` through ${names.join(', ')}` : '';
    }

    function suggestion(call: FsCall): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const rewrite = REWRITES[call.info.name];
      const helper = call.info.style === 'sync' ? rewrite?.sync : call.info.style === 'promise' ? rewrite?.promise : undefined;
      const path = call.node.arguments[0];
      if (!rewrite || !helper || !path || call.node.arguments.length > 1 + rewrite.extra) return [];
      const joined = unwrap(path);
      const info = getFacts().api(joined)?.info;
      if (joined.type !== 'CallExpression' || info?.kind !== 'path' || (info.name !== 'join' && info.name !== 'resolve') || joined.arguments.length !== 2) return [];
      const [root, name] = joined.arguments as [TSESTree.Node, TSESTree.Node];
      if (root.type === 'SpreadElement' || name.type === 'SpreadElement' || input().untrusted(root)) return [];
      const rest = call.node.arguments.slice(1).map((a) => {
        const text = sourceCode.getText(a);
        // `readFile(p, 'utf8')`: the helpers take the encoding in their options.
        return a.type === 'Literal' && typeof a.value === 'string' && call.info.name === 'readFile' ? `{ encoding: ${text} }` : text;
      });
      if (call.info.name === 'writeFile' && call.node.arguments[2] && !objectLiteralOf(getFacts(), call.node.arguments[2])) return [];
      const args = [sourceCode.getText(root), sourceCode.getText(name), ...rest].join(', ');
      return [
        {
          messageId: 'useHelper',
          data: { helper, root: shorten(sourceCode.getText(root), 30), name: shorten(sourceCode.getText(name), 30) },
          fix: (fixer) => [fixer.replaceText(call.node, `${helper}(${args})`), ...importRuntimeHelper(fixer, sourceCode, helper)],
        },
      ];
    }

    function report(node: TSESTree.Node, use: TSESTree.Node, sink: string, helper: string, value: Untrusted, suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = []): void {
      const verdict = input().check(use, value);
      if (verdict.safe) return;
      context.report({
        node,
        messageId: verdict.nearMiss ? NEAR_MISS_MESSAGES[verdict.nearMiss] : 'traversal',
        data: { source: `'${shorten(value.source.type === 'Identifier' ? value.source.name : sourceCode.getText(value.source), 40)}'`, sink, through: through(value), helper },
        suggest,
      });
    }

    function untrustedData(node: TSESTree.Node): Untrusted | undefined {
      const value = input().untrusted(node);
      return value?.holder === 'data' ? value : undefined;
    }

    function checkFsCall(call: FsCall): void {
      // realpath resolves a name (a step towards a containment check), it opens nothing.
      if (call.info.name === 'realpath') return;
      // One report per call: the first untrusted path argument stands for it.
      for (const index of call.info.paths) {
        const argument = call.node.arguments[index];
        if (!argument || argument.type === 'SpreadElement') continue;
        const value = untrustedData(argument);
        if (!value) continue;
        const sink = `${shorten(sourceCode.getText(withoutInterop(call.node.callee)), 30)}()`;
        report(argument, call.node, sink, HELPER_BY_EFFECT[call.info.effect] ?? 'resolveInside', value, index === 0 ? suggestion(call) : []);
        return;
      }
    }

    /** `res.sendFile(path.join(dir, name))` without `{ root }`: Express resolves nothing for it. */
    function checkSendFile(call: TSESTree.CallExpression): void {
      const [path, ...rest] = call.arguments;
      if (!path || path.type === 'SpreadElement' || call.callee.type !== 'MemberExpression') return;
      const value = untrustedData(path);
      if (!value) return;
      // A raw name is refused by Express (it requires an absolute path) and confined by
      // Fastify's reply.sendFile: only a path built here from the name is a traversal.
      const built = value.steps.some((s) => s.kind === 'resolve') || ['TemplateLiteral', 'BinaryExpression'].includes(unwrap(path).type);
      if (!built) return;
      if (rest.some((a) => a.type !== 'SpreadElement' && optionProperty(getFacts(), a, 'root') !== 'absent' && optionProperty(getFacts(), a, 'root') !== 'unknown')) return;
      if (!getErrorFlow(getFacts(), { sanitizers: [] }).receiver(call.callee.object)) return;
      report(path, call, `${shorten(sourceCode.getText(withoutInterop(call.callee)), 30)}()`, 'readFileInside', value);
    }

    function checkPathValue(node: TSESTree.Node, specifier: TSESTree.Node | undefined, what: string): void {
      if (!specifier || specifier.type === 'SpreadElement') return;
      const value = untrustedData(specifier);
      if (value) report(specifier, node, what, 'resolveInside', value);
    }

    return {
      'Program:exit'() {
        if (fsSinks) {
          for (const call of getFacts().fsCalls) checkFsCall(call);
          for (const { check, subject, sink, prefix, pathModule } of input().brokenContainments()) {
            // `root` → `root + path.sep`, spelled as the file spells the module that resolved the path.
            const separated = prefix && pathModule && ['Identifier', 'MemberExpression', 'CallExpression'].includes(prefix.type) ? `${sourceCode.getText(prefix)} + ${sourceCode.getText(pathModule)}.sep` : undefined;
            context.report({
              node: check,
              messageId: 'brokenContainment',
              data: {
                check: shorten(sourceCode.getText(check), 50),
                subject: subject.name,
                sink: `${shorten(sourceCode.getText(withoutInterop(sink.node.callee)), 30)}()`,
                helper: HELPER_BY_EFFECT[sink.info.effect] ?? 'resolveInside',
              },
              suggest: separated ? [{ messageId: 'useSeparator', data: { root: shorten(sourceCode.getText(prefix), 30), separated: shorten(separated, 50) }, fix: (fixer) => fixer.replaceText(prefix!, separated) }] : [],
            });
          }
        }
        if (!commandSinks) return;
        for (const ref of getFacts().refs) {
          if (ref.info.kind !== 'other' || ref.info.module !== 'child_process' || ref.node.type !== 'CallExpression') continue;
          for (const argument of ref.node.arguments) {
            const cwd = argument.type === 'SpreadElement' ? 'unknown' : optionProperty(getFacts(), argument, 'cwd');
            if (typeof cwd === 'object') checkPathValue(ref.node, cwd.found, `the cwd of ${shorten(sourceCode.getText(withoutInterop(ref.node.callee)), 30)}()`);
          }
        }
      },
      // Found from the text and the scope: a few per file, where visiting every call to ask its name is not.
      Program() {
        for (const node of dynamicImports(sourceCode)) checkPathValue(node, node.source, 'import()');
        for (const node of mentions(sourceCode, SEND_WORDS) ? nodesMatching(sourceCode, SEND) : []) {
          const member = node.parent;
          if (
            node.type === 'Identifier' &&
            member?.type === 'MemberExpression' &&
            member.property === node &&
            member.parent.type === 'CallExpression' &&
            member.parent.callee === member
          ) {
            checkSendFile(member.parent);
          }
        }
        for (const call of hasComputedRequire(sourceCode) ? requireCalls(sourceCode) : []) {
          // The loader the environment provides, never a `require` the file binds itself.
          const [specifier] = call.arguments;
          if (specifier && specifier.type !== 'Literal' && call.callee.type === 'Identifier' && !getFacts().variableOf(call.callee)?.defs.length) {
            checkPathValue(call, specifier, 'require()');
          }
        }
      },
    };
  },
});
