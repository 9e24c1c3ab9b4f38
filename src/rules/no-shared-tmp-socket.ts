import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  FS_MODULES,
  type FileFacts,
  SHARED_TMP_WORDS,
  SOCKET_WORDS,
  type SocketSink,
  endsWithSocketName,
  getFileFacts,
  isSharedTempLocation,
  loads,
  mayBeSharedLocation,
  mentions,
  sharedTempUnixAddress,
  sharedTmpRootOf,
  socketLocationNode,
  socketNamedPathUses,
  socketSinksAt,
  staleSocketRemovals,
} from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { importRuntimeHelper } from '../util/fixes.js';
import { shorten } from '../util/messages.js';

type MessageIds = 'sharedTmpSocket' | 'sharedTmpListen' | 'sharedTmpSocketRoot' | 'unlinkBeforeListen' | 'checkUnlinkListen' | 'useSocketPath';

const HELPER = 'socketPath';
const LISTEN_HELPER = 'listenUnixSocket';
const DIR_HELPER = 'runtimeDir';
const SYNC_HELPER = 'socketPathSync';

const APP_NAME = /^[A-Za-z0-9_][\w.-]{0,63}$/u;

/** `'/tmp/app.sock'` → `app`: the app name the socket path spells, when it is a plain one. */
function appNameOf(text: string): string | undefined {
  const root = sharedTmpRootOf(text);
  if (root === undefined) return undefined;
  const rest = text.slice(root.length).replace(/^[\\/]+/u, '');
  const match = /^([^\\/]+?)\.sock$/u.exec(rest);
  const name = match?.[1];
  return name !== undefined && APP_NAME.test(name) && !name.includes('..') ? name : undefined;
}

/**
 * The literal to replace with `socketPathSync(app)`: the sink's own string literal, or the
 * initialiser of the const it names, when it is exactly `<shared temp>/<app>.sock`.
 */
function replaceableLiteral(facts: FileFacts, sink: SocketSink): { literal: TSESTree.Literal; app: string } | undefined {
  if (sink.kind !== 'listen' && sink.kind !== 'connect' && sink.kind !== 'socket-path-option') return undefined;
  let node: TSESTree.Node = sink.expression;
  if (node.type === 'Identifier') {
    const variable = facts.variableOf(node);
    const init = variable && facts.singleValue(variable);
    if (!init || variable.defs[0]?.parent?.type !== 'VariableDeclaration' || variable.defs[0].parent.kind !== 'const') return undefined;
    node = init;
  }
  if (node.type !== 'Literal' || typeof node.value !== 'string') return undefined;
  const app = appNameOf(node.value);
  return app === undefined ? undefined : { literal: node, app };
}

export default createRule<[], MessageIds>({
  name: 'no-shared-tmp-socket',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Unix sockets in shared temp directories and removing a socket path without checking what is there',
      recommended: true,
      helpers: [HELPER, LISTEN_HELPER, DIR_HELPER, SYNC_HELPER, 'assertValidAppName'],
      cwe: ['CWE-377', 'CWE-379', 'CWE-59'],
    },
    hasSuggestions: true,
    messages: {
      sharedTmpSocket:
        "Unix socket '{{path}}' is in a shared temp directory, where another local user can create it first and impersonate the server or read what clients send. Use {{helper}}(appName) from 'eslint-plugin-secure-fs/runtime' for a socket in a private per-user runtime directory.",
      sharedTmpListen:
        "Listening on '{{path}}' creates the socket in a shared temp directory, where another local user can take the name first, connect to it or replace it. Use {{helper}}(server, await {{pathHelper}}(appName)) from 'eslint-plugin-secure-fs/runtime'.",
      sharedTmpSocketRoot:
        "Socket directory '{{path}}' is a shared temp directory, where another local user can create the sockets first and impersonate the server. Point it at {{helper}}(appName) from 'eslint-plugin-secure-fs/runtime' (with a trailing slash for node-ipc's socketRoot).",
      unlinkBeforeListen:
        "Removing '{{path}}' before listening deletes whatever is there without an lstat check that it is a stale socket, not a symlink or another user's file. Use {{helper}}() from 'eslint-plugin-secure-fs/runtime', which removes only a stale socket.",
      checkUnlinkListen:
        "Checking '{{path}}' with {{check}}() and then removing it before listening follows symlinks and races with other users, so it deletes whatever is there by then. Use {{helper}}() from 'eslint-plugin-secure-fs/runtime', which removes only a stale socket after lstat.",
      useSocketPath: "Use {{helper}}('{{app}}'): a socket in a private 0700 per-user runtime directory.",
    },
    schema: [],
  },
  create(context) {
    // Every report is of a socket; all but a removal before listening on a path from elsewhere
    // are of one in a shared temp location, which the file must then name.
    // The removal needs an fs module: a file naming neither it nor a temp location has nothing to report.
    const namesTmp = mentions(context.sourceCode, SHARED_TMP_WORDS);
    if (!(namesTmp || loads(context.sourceCode, FS_MODULES)) || !mentions(context.sourceCode, SOCKET_WORDS)) return {};
    const reported = new Set<TSESTree.Node>();
    // Asked for at every call and property: looked up once.
    let cached: FileFacts | undefined;
    const getFacts = (): FileFacts => (cached ??= getFileFacts(context));

    function suggestionsFor(facts: FileFacts, sink: SocketSink): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const replaceable = replaceableLiteral(facts, sink);
      if (!replaceable) return [];
      const { literal, app } = replaceable;
      return [
        {
          messageId: 'useSocketPath',
          data: { helper: SYNC_HELPER, app },
          fix: (fixer) => [
            fixer.replaceText(literal, `${SYNC_HELPER}('${app}')`),
            ...importRuntimeHelper(fixer, context.sourceCode, SYNC_HELPER),
          ],
        },
      ];
    }

    function reportSinks(node: TSESTree.Node): void {
      for (const sink of socketSinksAt(getFacts(), node)) {
        if (!isSharedTempLocation(sink.location) || reported.has(sink.expression)) continue;
        reported.add(sink.expression);
        reportedPaths.add(sink.location.display);
        const path = shorten(sink.location.display);
        const suggest = suggestionsFor(getFacts(), sink);
        if (sink.kind === 'listen') {
          context.report({ node: sink.expression, messageId: 'sharedTmpListen', data: { path, helper: LISTEN_HELPER, pathHelper: HELPER }, suggest });
        } else if (sink.kind === 'socket-root') {
          context.report({ node: sink.expression, messageId: 'sharedTmpSocketRoot', data: { path, helper: DIR_HELPER }, suggest });
        } else {
          context.report({ node: sink.expression, messageId: 'sharedTmpSocket', data: { path, helper: HELPER }, suggest });
        }
      }
    }

    // Socket-named paths used where no socket API shows it, by first use; reported at the end
    // unless a socket sink or removal reported the same path.
    const named = new Map<string, TSESTree.Node>();
    const reportedPaths = new Set<string>();

    function noteSocketNamed(node: TSESTree.Literal | TSESTree.TemplateLiteral, text: string): void {
      if (!endsWithSocketName(text)) return;
      const use = socketNamedPathUses(getFacts(), node)[0];
      const display = use && getFacts().pathValue(use).display;
      if (use && display !== undefined && !named.has(display)) named.set(display, use);
    }

    function reportSocketNamed(): void {
      for (const [display, use] of named) {
        if (reportedPaths.has(display) || reported.has(use)) continue;
        const node = socketLocationNode(getFacts(), use);
        context.report({ node, messageId: 'sharedTmpSocket', data: { path: shorten(display), helper: HELPER } });
      }
    }

    function reportRemovals(): void {
      for (const { removal, check, listen } of staleSocketRemovals(getFacts())) {
        if (!mayBeSharedLocation(listen.location) || reported.has(removal.node)) continue;
        reported.add(removal.node);
        reportedPaths.add(listen.location.display);
        // A path from elsewhere reads best as written: `options.socket`, not `${options.socket}`.
        const { location } = listen;
        const path = shorten(location.root === 'unknown' ? context.sourceCode.getText(removal.node.arguments[removal.info.paths[0] ?? 0]) : location.display);
        if (check) {
          const name = check.info.style === 'sync' ? `${check.info.name}Sync` : check.info.name;
          context.report({ node: removal.node, messageId: 'checkUnlinkListen', data: { path, check: name, helper: LISTEN_HELPER } });
        } else {
          context.report({ node: removal.node, messageId: 'unlinkBeforeListen', data: { path, helper: LISTEN_HELPER } });
        }
      }
    }

    if (!namesTmp) return { 'Program:exit': reportRemovals };
    return {
      CallExpression: reportSinks,
      NewExpression: reportSinks,
      AssignmentExpression: reportSinks,
      Property: reportSinks,
      PropertyDefinition: reportSinks,
      Literal(node) {
        if (typeof node.value !== 'string') return;
        noteSocketNamed(node, node.value);
        // `'unix:/tmp/app.sock'` given to a gRPC, HTTP or Docker client: an address wherever it goes.
        const address = sharedTempUnixAddress(node.value);
        if (address !== undefined && !reported.has(node) && !getFacts().inTextCall(node)) {
          reported.add(node);
          reportedPaths.add(address);
          context.report({ node, messageId: 'sharedTmpSocket', data: { path: shorten(address), helper: HELPER } });
        }
      },
      TemplateLiteral(node) {
        const tail = node.quasis.at(-1)?.value.cooked;
        if (tail) noteSocketNamed(node, tail);
      },
      'Program:exit'() {
        reportRemovals();
        reportSocketNamed();
      },
    };
  },
});
