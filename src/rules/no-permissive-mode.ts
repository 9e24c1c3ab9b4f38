import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  type CreatedEntry,
  type FileFacts,
  type FsCall,
  GROUP_OTHER_BITS,
  GROUP_OTHER_WRITE_BITS,
  OTHER_WRITE_BIT,
  createdEntryOf,
  formatMode,
  FS_MODULES,
  fsNamePattern,
  getFileFacts,
  isSamePath,
  isSharedTmpLocation,
  loads,
  mentions,
  type ModeAlternative,
  modeAlternatives,
  modeExpressionOf,
  modeValue,
  readsProcessMember,
} from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { importRuntimeHelper } from '../util/fixes.js';
import { shorten } from '../util/messages.js';

type Options = [{ maxFileMode: number; maxDirMode: number }];
type MessageIds =
  | 'permissiveMode'
  | 'worldWritableChmod'
  | 'worldWritableChmodWhen'
  | 'permissiveUmask'
  | 'chmodAfterCreate'
  | 'useNarrowerMode'
  | 'useStricterUmask'
  | 'useWriteSecretFile';

const SECRET_HELPER = 'writeSecretFile';
const SECRET_SYNC_HELPER = 'writeSecretFileSync';
const DIR_HELPER = 'ensurePrivateDir';
const TEMP_FILE_HELPER = 'createTempFile';

// Words in a path that say it holds something private (after splitting camelCase).
const SECRET_WORD = /(?:^|[^a-z0-9])(?:secrets?|keys?|tokens?|credentials?|pem|sockets?|sock)(?:$|[^a-z0-9])/u;
// Of those, the ones that name a socket without a secret.
const SOCKET_ONLY = /(?:^|[^a-z0-9])(?:sockets?|sock)(?:$|[^a-z0-9])/u;

const words = (display: string): string => display.replace(/([a-z0-9])([A-Z])/gu, '$1 $2').toLowerCase();

// File names that say the content is public: an SSH or GPG public key (`id_rsa.pub`), a
// certificate or its chain (`cert.pem`, `fullchain.pem`, `ca.crt`: certbot writes them 0644),
// unless the name also says private.
const PUBLIC_NAME = /\.pub$|(?:^|[^a-z0-9])(?:cert|certs|certificate|chain|fullchain|ca|crt|public)(?:$|[^a-z0-9])/u;
const PRIVATE_WORD = /(?:^|[^a-z0-9])(?:priv|private|privkey|keys?|secrets?|tokens?|credentials?)(?:$|[^a-z0-9])/u;

function looksSecret(display: string): boolean {
  const text = words(display);
  const name = text.slice(text.search(/[^/\\]*$/u));
  return SECRET_WORD.test(text) && !(name.endsWith('.pub') || (PUBLIC_NAME.test(name) && !PRIVATE_WORD.test(name)));
}

/**
 * A socket's permissions are who may connect (write): read bits mean nothing on it, and a
 * group that may connect is how a daemon shares itself on purpose (`chmod 0o770` for a
 * `docker`-style group). So a chmod of a socket is judged only on world write.
 */
function looksSocketOnly(display: string): boolean {
  const text = words(display);
  return SOCKET_ONLY.test(text) && !SECRET_WORD.test(text.replace(new RegExp(SOCKET_ONLY.source, 'gu'), ' '));
}

/**
 * Where a file also loads an fs module, a mode is set by one of these: chmod-family calls, a
 * `mode` option or property, and the calls that take a mode as a plain argument (mkdir and
 * its fs-extra forms, open).
 */
const MODE_WORDS = new RegExp(`\\bmode\\b|${fsNamePattern(['chmod', 'mkdir', 'open']).source}`, 'u');

/** When an alternative mode is taken, given the text that decides it. */
const WHEN: Record<ModeAlternative['when'], (text: string) => string> = {
  falsy: (text) => `'${text}' is falsy`,
  nullish: (text) => `'${text}' is null or undefined`,
  true: (text) => `'${text}' holds`,
  false: (text) => `'${text}' does not hold`,
  omitted: (text) => `a caller leaves out '${text}'`,
};

/** fs calls whose callback-free forms write a whole file, so writeSecretFile can replace them. */
function secretFileReplacement(call: FsCall): string | undefined {
  const { info, node } = call;
  if (info.name !== 'writeFile' || node.arguments.length !== 2 || node.arguments.some((a) => a.type === 'SpreadElement')) return undefined;
  if (info.style === 'sync') return SECRET_SYNC_HELPER;
  if (info.style === 'promise' || info.style === 'either') return SECRET_HELPER;
  return undefined;
}

export default createRule<Options, MessageIds>({
  name: 'no-permissive-mode',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow group- and world-accessible modes on private files, world-writable chmod and permissive umasks',
      recommended: true,
      helpers: [SECRET_HELPER, SECRET_SYNC_HELPER, DIR_HELPER, 'ensurePrivateDirSync', TEMP_FILE_HELPER, 'readSecretFile'],
      cwe: ['CWE-732', 'CWE-377', 'CWE-378', 'CWE-379'],
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      permissiveMode:
        "Mode {{mode}} lets other local users {{access}} '{{path}}', {{why}}. Create it with at most {{max}}, or use {{helper}}() from 'eslint-plugin-secure-fs/runtime'.",
      worldWritableChmod:
        "chmod to {{mode}} makes '{{path}}' writable by every local user, who can then replace or plant its content. Drop the world-write bit; for private files and directories use {{helper}}() or {{dirHelper}}() from 'eslint-plugin-secure-fs/runtime'.",
      worldWritableChmodWhen:
        "chmod to {{mode}} whenever {{when}} makes '{{path}}' writable by every local user, who can then replace or plant its content. Drop the world-write bit from that mode; for private files and directories use {{helper}}() or {{dirHelper}}() from 'eslint-plugin-secure-fs/runtime'.",
      permissiveUmask:
        "process.umask({{mode}}) makes everything this process creates afterwards group- or world-writable. Keep at least 0o022 and give private files an explicit mode, or use {{helper}}() from 'eslint-plugin-secure-fs/runtime'.",
      chmodAfterCreate:
        "'{{path}}' is created {{created}} and narrowed only by the chmod on line {{line}}: until then other local users can open it, and a descriptor opened in that window keeps working. Put the mode in the creating call, or use {{helper}}() from 'eslint-plugin-secure-fs/runtime'.",
      useNarrowerMode: 'Use mode {{mode}}.',
      useStricterUmask: 'Use umask {{mode}}.',
      useWriteSecretFile: 'Write it with {{helper}}() (0600 from creation, atomic).',
    },
    schema: [
      {
        type: 'object',
        properties: {
          maxFileMode: {
            type: 'integer',
            minimum: 0,
            maximum: 0o777,
            description: 'The widest mode allowed on private files (only its group and world bits are compared), e.g. `0o640` (416) to allow group read.',
          },
          maxDirMode: {
            type: 'integer',
            minimum: 0,
            maximum: 0o777,
            description: 'The widest mode allowed on private directories (only its group and world bits are compared), e.g. `0o750` (488).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxFileMode: 0o600, maxDirMode: 0o700 }],
  },
  create(context, [{ maxFileMode, maxDirMode }]) {
    const sourceCode = context.sourceCode;
    // `process.umask(…)` is reached without any module.
    if (!readsProcessMember(sourceCode, 'umask') && !(loads(sourceCode, FS_MODULES) && mentions(sourceCode, MODE_WORDS))) return {};

    /** The group/world bits of `bits` beyond what `max` allows. */
    const excess = (bits: number, max: number): number => bits & GROUP_OTHER_BITS & ~max;

    /** The data of a `permissiveMode` report: the mode, what the extra bits allow, and why it matters here. */
    function permissiveData(bits: number, wide: number, path: string, why: string, max: number, helper: string): Record<string, string> {
      return {
        mode: formatMode(bits),
        access: (wide & GROUP_OTHER_WRITE_BITS) !== 0 ? 'write' : 'read',
        path,
        why,
        max: formatMode(max),
        helper,
      };
    }

    function modeFix(node: TSESTree.Node, fixed: number): (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix {
      return (fixer) => fixer.replaceText(node, formatMode(fixed));
    }

    function checkChmod(facts: FileFacts, call: FsCall): void {
      const modeNode = modeExpressionOf(facts, call);
      if (typeof modeNode !== 'object') return;
      const mode = modeValue(facts, modeNode);
      if (mode?.bounded) return;
      const target = call.info.paths.length > 0 ? call.node.arguments[0] : undefined;
      // Inside a directory made private (a mkdtemp result) nobody else reaches the file, whatever
      // its mode; the directory itself made world-writable is another matter.
      const value = target && facts.pathValue(target);
      if (value && value.root === 'private-temp' && value.belowRoot) return;
      const display = target ? facts.pathValue(target).display : sourceCode.getText(call.node.arguments[0] ?? call.node);
      const path = shorten(display);
      if (!mode) {
        // `chmodSync(p, entry.attr || 0o666)`: a default the file spells out is what runs whenever the value is missing.
        const open = modeAlternatives(facts, modeNode).find((a) => !a.value.bounded && (a.value.bits & OTHER_WRITE_BIT) !== 0);
        if (!open) return;
        const fixed = open.value.bits & ~GROUP_OTHER_WRITE_BITS;
        context.report({
          node: call.node,
          messageId: 'worldWritableChmodWhen',
          data: {
            mode: formatMode(open.value.bits),
            when: WHEN[open.when](shorten(sourceCode.getText(open.decidedBy), 40)),
            path,
            helper: SECRET_HELPER,
            dirHelper: DIR_HELPER,
          },
          suggest: [{ messageId: 'useNarrowerMode', data: { mode: formatMode(fixed) }, fix: modeFix(open.node, fixed) }],
        });
        return;
      }
      if (target && looksSecret(display) && !looksSocketOnly(display)) {
        const wide = excess(mode.bits, maxFileMode | maxDirMode);
        if (wide !== 0) {
          const fixed = mode.bits & ~wide;
          context.report({
            node: call.node,
            messageId: 'permissiveMode',
            data: permissiveData(mode.bits, wide, path, 'whose name says it holds a secret', maxFileMode | maxDirMode, SECRET_HELPER),
            suggest: [{ messageId: 'useNarrowerMode', data: { mode: formatMode(fixed) }, fix: modeFix(modeNode, fixed) }],
          });
          return;
        }
      }
      if ((mode.bits & OTHER_WRITE_BIT) === 0) return;
      const fixed = mode.bits & ~GROUP_OTHER_WRITE_BITS;
      context.report({
        node: call.node,
        messageId: 'worldWritableChmod',
        data: { mode: formatMode(mode.bits), path, helper: SECRET_HELPER, dirHelper: DIR_HELPER },
        suggest: [{ messageId: 'useNarrowerMode', data: { mode: formatMode(fixed) }, fix: modeFix(modeNode, fixed) }],
      });
    }

    // The file's path-taking chmod calls, found once: every creation is compared with them.
    let pathChmods: readonly FsCall[] | undefined;

    /** A later `chmod(samePath, owner-only)` that narrows what this call created. */
    function narrowingChmod(facts: FileFacts, call: FsCall, entry: CreatedEntry): FsCall | undefined {
      pathChmods ??= facts.fsCalls.filter((other) => other.info.effect === 'chmod' && other.info.paths.length > 0);
      // After the call, or inside its completion callback.
      const callback = call.node.arguments.at(-1);
      const inCallback = (node: TSESTree.Node): boolean =>
        (callback?.type === 'ArrowFunctionExpression' || callback?.type === 'FunctionExpression') &&
        callback.range[0] <= node.range[0] &&
        node.range[1] <= callback.range[1];
      return pathChmods.find((other) => {
        if (other.node.range[0] < call.node.range[1] && !inCallback(other.node)) return false;
        const target = other.node.arguments[0];
        if (!target || target.type === 'SpreadElement' || !isSamePath(facts, entry.target, target)) return false;
        const modeNode = modeExpressionOf(facts, other);
        const mode = typeof modeNode === 'object' ? modeValue(facts, modeNode) : undefined;
        return mode !== undefined && !mode.bounded && (mode.bits & GROUP_OTHER_BITS) === 0;
      });
    }

    function checkCreation(facts: FileFacts, call: FsCall, entry: CreatedEntry): void {
      const modeNode = modeExpressionOf(facts, call);
      if (modeNode === 'unknown') return;
      const mode = modeNode === 'absent' ? undefined : modeValue(facts, modeNode);
      if (modeNode !== 'absent' && (!mode || mode.bounded)) return;
      const value = facts.pathValue(entry.target);
      const path = shorten(value.display);

      if (entry.kind === 'file' && (mode === undefined || (mode.bits & GROUP_OTHER_BITS) !== 0)) {
        const chmod = narrowingChmod(facts, call, entry);
        if (chmod) {
          const helper = secretFileReplacement(call);
          context.report({
            node: call.node,
            messageId: 'chmodAfterCreate',
            data: {
              path,
              created: mode === undefined ? 'with the default mode (0o666 less the umask)' : `with mode ${formatMode(mode.bits)}`,
              line: String(chmod.node.loc.start.line),
              helper: SECRET_HELPER,
            },
            suggest: helper
              ? [
                  {
                    messageId: 'useWriteSecretFile',
                    data: { helper },
                    fix: (fixer) => {
                      // The whole callee up to the argument list, parentheses of `(0, fs_1.writeFileSync)` included.
                      const open = sourceCode.getTokenAfter(call.node.callee, (t) => t.value === '(' && t.range[0] >= call.node.callee.range[1]);
                      const end = open ? open.range[0] : call.node.callee.range[1];
                      return [fixer.replaceTextRange([call.node.range[0], end], helper), ...importRuntimeHelper(fixer, sourceCode, helper)];
                    },
                  },
                ]
              : [],
          });
          return;
        }
      }

      if (!mode || typeof modeNode !== 'object') return;
      const inTmp = isSharedTmpLocation(value);
      if (!inTmp && !looksSecret(value.display)) return;
      const max = entry.kind === 'dir' ? maxDirMode : maxFileMode;
      const wide = excess(mode.bits, max);
      if (wide === 0) return;
      const fixed = mode.bits & ~wide;
      const fix = modeFix(modeNode, fixed);
      // Lowering a literal mode of something new in a shared temp directory cannot break
      // sharing that worked: anybody could have replaced it there. Elsewhere, a suggestion.
      const autofix = inTmp && modeNode.type === 'Literal';
      context.report({
        node: call.node,
        messageId: 'permissiveMode',
        data: permissiveData(
          mode.bits,
          wide,
          path,
          inTmp ? `a new ${entry.kind === 'dir' ? 'directory' : 'file'} in the shared temp directory` : 'whose name says it holds a secret',
          max,
          entry.kind === 'dir' ? DIR_HELPER : inTmp ? TEMP_FILE_HELPER : SECRET_HELPER,
        ),
        ...(autofix ? { fix } : { suggest: [{ messageId: 'useNarrowerMode' as const, data: { mode: formatMode(fixed) }, fix }] }),
      });
    }

    function checkUmask(facts: FileFacts, node: TSESTree.CallExpression): void {
      const argument = node.arguments[0];
      if (!argument || argument.type === 'SpreadElement') return;
      const mode = modeValue(facts, argument);
      if (!mode || mode.bounded || (mode.bits & GROUP_OTHER_WRITE_BITS) === GROUP_OTHER_WRITE_BITS) return;
      const fixed = mode.bits | GROUP_OTHER_WRITE_BITS;
      context.report({
        node,
        messageId: 'permissiveUmask',
        data: { mode: formatMode(mode.bits), helper: SECRET_HELPER },
        suggest: [{ messageId: 'useStricterUmask', data: { mode: formatMode(fixed) }, fix: modeFix(argument, fixed) }],
      });
    }

    // The file's tracked calls, once the tree is complete: no visit of every other call.
    return {
      'Program:exit'() {
        const facts = getFileFacts(context);
        for (const ref of facts.refs) {
          const { info, node } = ref;
          if (ref.type !== 'call' || node.type !== 'CallExpression') continue;
          if (info.kind === 'other' && info.module === 'process' && info.name === 'umask') checkUmask(facts, node);
          else if (info.kind === 'fs' && info.effect === 'chmod') checkChmod(facts, ref as FsCall);
          else if (info.kind === 'fs') {
            const entry = createdEntryOf(facts, ref as FsCall);
            if (entry) checkCreation(facts, ref as FsCall, entry);
          }
        }
      },
    };
  },
});
