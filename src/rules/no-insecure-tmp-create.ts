import type { TSESTree } from '@typescript-eslint/utils';

import { FS_MODULES, SHARED_TMP_WORDS, type TmpCreationDefect, getFileFacts, insecureTmpCreation, loads, mentions, sharedTmpRootOf } from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { privateDirFix } from '../util/fixes.js';
import { shorten } from '../util/messages.js';

type MessageIds = 'predictableName' | 'nonExclusive' | 'predictableDir' | 'predictableParent' | 'useCreateTempDir';

const FILE_HELPER = 'createTempFile';
const DIR_HELPER = 'createTempDir';
const SYNC_DIR_HELPER = 'createTempDirSync';
const ATOMIC_HELPER = 'writeFileAtomic';

const MESSAGE_OF: Record<TmpCreationDefect, MessageIds> = {
  'predictable-name': 'predictableName',
  'non-exclusive': 'nonExclusive',
  'predictable-dir': 'predictableDir',
  'predictable-parent': 'predictableParent',
};

export default createRule<[], MessageIds>({
  name: 'no-insecure-tmp-create',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating files and directories in shared temp locations with guessable names or without exclusive creation',
      recommended: true,
      helpers: [FILE_HELPER, 'createTempFileSync', 'withTempFile', DIR_HELPER, SYNC_DIR_HELPER, ATOMIC_HELPER],
      cwe: ['CWE-377', 'CWE-378', 'CWE-379'],
    },
    messages: {
      predictableName:
        "'{{path}}' in the shared temp directory has a guessable name, so another local user can create it or a symlink there first. Use {{helper}}() from 'eslint-plugin-secure-fs/runtime' (random name, exclusive, 0600).",
      nonExclusive:
        "'{{path}}' in the shared temp directory is opened without exclusive creation ('wx') and with the default mode: a file or symlink planted at a name that can be guessed is written through, and other local users can read what is written. Use {{helper}}() from 'eslint-plugin-secure-fs/runtime' (random name, exclusive, 0600).",
      predictableDir:
        "'{{path}}' is a directory at a guessable path in the shared temp directory; another local user can create it first and own what you put inside. Use {{helper}}() from 'eslint-plugin-secure-fs/runtime' (mkdtemp, 0700).",
      predictableParent:
        "'{{path}}' is created with its parents, and '{{parent}}' has a guessable path in the shared temp directory; another local user can create that directory first and own what you put inside. Use {{helper}}() from 'eslint-plugin-secure-fs/runtime' (mkdtemp, 0700).",
      useCreateTempDir: 'Make the directory a fresh private one from {{helper}}() where it is defined.',
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    if (!loads(context.sourceCode, FS_MODULES) || !mentions(context.sourceCode, SHARED_TMP_WORDS)) return {};
    // The file's fs calls, once the tree is complete: no visit of every other call.
    return {
      'Program:exit'() {
        const facts = getFileFacts(context);
        for (const { node } of facts.fsCalls) {
          const creation = insecureTmpCreation(facts, node);
          if (!creation) continue;
          // A directory spelled by one string literal (`'/tmp/build'`, maybe through a const): that
          // literal can become a fresh private directory, and everything below it follows.
          const [literal] = creation.value.rootLiterals;
          const root = literal?.type === 'Literal' && typeof literal.value === 'string' && literal.value === creation.value.text ? sharedTmpRootOf(literal.value) : undefined;
          const fix =
            creation.defect === 'predictable-dir' && root !== undefined
              ? privateDirFix(context.sourceCode, literal as TSESTree.StringLiteral, root, SYNC_DIR_HELPER)
              : undefined;
          context.report({
            node,
            messageId: MESSAGE_OF[creation.defect],
            data: {
              path: shorten(creation.value.display),
              parent: shorten(creation.value.display.slice(0, creation.value.display.search(/[/\\][^/\\]*$/u))),
              helper: creation.kind === 'dir' ? DIR_HELPER : FILE_HELPER,
            },
            suggest: fix ? [{ messageId: 'useCreateTempDir', data: { helper: SYNC_DIR_HELPER }, fix }] : [],
          });
        }
      },
    };
  },
});
