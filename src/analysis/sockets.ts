// Unix domain sockets: where the code listens on or connects to a socket path, which path
// that is, and the "remove whatever is at the path, then listen" sequence. Rules ask about
// one node at a time; the file-wide parts (every `.listen(` call, every removal before a
// listen) are computed once per file, from the token stream and the tracked fs calls.
import type { TSESTree } from '@typescript-eslint/utils';

import { isFunctionExpression, isFunctionNode, propertyName, unwrap } from './ast.js';
import { objectLiteralOf } from './call-options.js';
import type { ApiRef } from './modules.js';
import type { FileFacts, FsCall } from './facts.js';
import type { PathRoot, PathValue } from './path-value.js';
import { sharedTmpRootOf } from './path-value.js';
import { isSamePath } from './same-path.js';

type Node = TSESTree.Node;

export type SocketSinkKind =
  /** `server.listen(path)` / `server.listen({ path })`: the process creates the socket. */
  | 'listen'
  /** `net.connect(path)`, `createConnection({ path })`, `socket.connect(path)`. */
  | 'connect'
  /** A `socketPath` option or property (http(s).request/get, Agent, undici, axios, dockerode, …). */
  | 'socket-path-option'
  /** `new WebSocket('ws+unix:/path')` from the `ws` package. */
  | 'ws-unix-url'
  /** node-ipc's `ipc.config.socketRoot`: the directory its sockets are created in. */
  | 'ipc-socket-root';

/** Where a socket lives, as far as the code shows. */
export interface SocketLocation {
  readonly root: PathRoot;
  /** A readable rendering of the path for messages. */
  readonly display: string;
  /** The whole path when it is a constant. */
  readonly text: string | undefined;
}

export interface SocketSink {
  readonly kind: SocketSinkKind;
  /** The call, `new`, property or assignment that uses the socket path. */
  readonly node: Node;
  /** The expression that holds the socket path there (an argument, an option value, a URL). */
  readonly expression: Node;
  readonly location: SocketLocation;
  /** For `listen`: the receiver, and whether the core traced it to a Node server. */
  readonly server?: { readonly expression: Node; readonly traced: boolean };
}

/** `rm`/`unlink` of a socket path, then `listen` on it, with no `lstat` of what was there. */
export interface StaleSocketRemoval {
  readonly removal: FsCall;
  /** An `existsSync`/`access`/`stat` of the same path before the removal (they follow symlinks, and race). */
  readonly check: FsCall | undefined;
  readonly listen: SocketSink;
}

/** Roots other local users can write to: a shared temp directory, however the code names it. */
const SHARED_ROOTS: ReadonlySet<PathRoot> = new Set(['shared-tmp', 'os-tmpdir', 'env-tmp']);

export function isSharedTempLocation(location: SocketLocation): boolean {
  return SHARED_ROOTS.has(location.root);
}

// `app.sock`, `app-socket`, `.s.PGSQL.5432`, `app.ipc`: names that say "Unix socket".
const SOCKET_NAME = /(?:^|[._-])(?:sock|socket)$|^\.s\.|\.ipc$/iu;

/** The last segment of a socket path looks like a socket's name. */
export function hasSocketName(location: SocketLocation): boolean {
  const segment = location.display.split(/[\\/]/u).at(-1) ?? '';
  return SOCKET_NAME.test(segment);
}

const SERVER_FACTORIES = new Set(['createServer', 'Server']);
const SERVER_MODULES = new Set(['net', 'http']); // https shares http's table
const CONNECTORS = new Set(['connect', 'createConnection']);

function isOther(ref: ApiRef | undefined, modules: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  return ref?.info.kind === 'other' && modules.has(ref.info.module) && names.has(ref.info.name);
}

function locationOf(facts: FileFacts, expression: Node): SocketLocation {
  const value: PathValue = facts.pathValue(expression);
  return { root: value.root, display: value.display, text: value.text };
}

/** The value of `key` in an options argument that is an object literal (the last one wins). */
function optionValue(facts: FileFacts, options: Node, key: string): Node | undefined {
  const object = objectLiteralOf(facts, options);
  let found: Node | undefined;
  for (const property of object?.properties ?? []) {
    if (property.type === 'Property' && propertyName(property) === key) found = property.value;
  }
  return found;
}

/** A string argument, or the `path` of an options object: what `listen`/`connect` take as a socket path. */
function socketPathArgument(facts: FileFacts, call: TSESTree.CallExpression): Node | undefined {
  const first = call.arguments[0];
  if (!first || first.type === 'SpreadElement') return undefined;
  if (objectLiteralOf(facts, first)) return optionValue(facts, first, 'path');
  const inner = unwrap(first);
  if (isFunctionExpression(inner)) return undefined;
  return first;
}

function isServer(facts: FileFacts, expression: Node): boolean {
  return isOther(facts.origin(expression), SERVER_MODULES, SERVER_FACTORIES);
}

function listenSink(facts: FileFacts, call: TSESTree.CallExpression): SocketSink | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'listen') return undefined;
  const expression = socketPathArgument(facts, call);
  if (!expression) return undefined;
  const location = locationOf(facts, expression);
  const traced = isServer(facts, callee.object);
  // A receiver the file does not trace (an Express `app`, a server parameter) counts only when
  // the argument is a path that is named like a socket: `.listen(port)` is the common case.
  if (!traced && (location.root === 'unknown' || !hasSocketName(location))) return undefined;
  return { kind: 'listen', node: call, expression, location, server: { expression: callee.object, traced } };
}

function connectSink(facts: FileFacts, call: TSESTree.CallExpression): SocketSink | undefined {
  const ref = facts.api(call);
  const callee = unwrap(call.callee);
  const isConnector =
    isOther(ref, new Set(['net']), CONNECTORS) ||
    (callee.type === 'MemberExpression' &&
      propertyName(callee) === 'connect' &&
      isOther(facts.origin(callee.object), new Set(['net']), new Set(['Socket'])));
  if (!isConnector) return undefined;
  const expression = socketPathArgument(facts, call);
  return expression ? { kind: 'connect', node: call, expression, location: locationOf(facts, expression) } : undefined;
}

// ws's `ws+unix:/abs/path/to.sock:/request/path`; `ws+unix:///abs/path` is accepted too.
const WS_UNIX = /^wss?\+unix:(?:\/\/(?=\/))?/u;

/** The operands of a string built by `+` or a template, in order, through const bindings. */
function operands(facts: FileFacts, expression: Node, depth = 0): (string | Node)[] {
  const node = unwrap(expression);
  if (depth > 6) return [node];
  if (node.type === 'Literal' && typeof node.value === 'string') return [node.value];
  if (node.type === 'TemplateLiteral') {
    return node.quasis.flatMap((quasi, i) => {
      const inner = node.expressions[i];
      return [quasi.value.cooked ?? '', ...(inner ? operands(facts, inner, depth + 1) : [])];
    });
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    return [...operands(facts, node.left, depth + 1), ...operands(facts, node.right, depth + 1)];
  }
  if (node.type === 'Identifier') {
    const variable = facts.variableOf(node);
    const init = variable && facts.singleValue(variable);
    if (init) return operands(facts, init, depth + 1);
  }
  const value = facts.staticValue(node);
  return [typeof value === 'string' ? value : node];
}

/** The socket path inside a `ws+unix:` URL. */
function wsUnixLocation(facts: FileFacts, url: Node): SocketLocation | undefined {
  const parts = operands(facts, url);
  let head = '';
  let index = 0;
  for (; index < parts.length && typeof parts[index] === 'string'; index++) head += parts[index] as string;
  const scheme = WS_UNIX.exec(head);
  if (!scheme) return undefined;
  const rest = head.slice(scheme[0].length);
  if (rest !== '') {
    // The path ends at the first `:` (what follows is the request path).
    const path = rest.split(':')[0]!;
    const complete = rest.includes(':') || index === parts.length;
    const root = sharedTmpRootOf(path) !== undefined ? 'shared-tmp' : 'other';
    return { root, display: complete ? path : `${path}…`, text: complete ? path : undefined };
  }
  const next = parts[index];
  return next && typeof next !== 'string' ? locationOf(facts, next) : undefined;
}

function wsSink(facts: FileFacts, node: TSESTree.NewExpression): SocketSink | undefined {
  if (!isOther(facts.api(node), new Set(['ws']), new Set(['WebSocket']))) return undefined;
  const url = node.arguments[0];
  if (!url || url.type === 'SpreadElement') return undefined;
  const location = wsUnixLocation(facts, url);
  return location ? { kind: 'ws-unix-url', node, expression: url, location } : undefined;
}

/** `ipc.config` of node-ipc: the tracked read, a binding of it, or `.config` of a `new IPC()`. */
function isIpcConfig(facts: FileFacts, expression: Node): boolean {
  const node = unwrap(expression);
  const ipc = new Set(['node-ipc']);
  if (isOther(facts.origin(node), ipc, new Set(['config']))) return true;
  return node.type === 'MemberExpression' && propertyName(node) === 'config' && isOther(facts.origin(node.object), ipc, new Set(['IPC']));
}

function assignmentSink(facts: FileFacts, node: TSESTree.AssignmentExpression): SocketSink | undefined {
  if (node.operator !== '=' || node.left.type !== 'MemberExpression') return undefined;
  const key = propertyName(node.left);
  if (key === 'socketPath') return { kind: 'socket-path-option', node, expression: node.right, location: locationOf(facts, node.right) };
  if (key === 'socketRoot' && isIpcConfig(facts, node.left.object)) {
    return { kind: 'ipc-socket-root', node, expression: node.right, location: locationOf(facts, node.right) };
  }
  return undefined;
}

function propertySink(facts: FileFacts, node: TSESTree.Property | TSESTree.PropertyDefinition): SocketSink | undefined {
  if (propertyName(node) !== 'socketPath' || !node.value) return undefined;
  // `{ socketPath: p }`, a default in a pattern `{ socketPath = p }`, or a class field.
  let expression: Node = node.value;
  if (expression.type === 'AssignmentPattern') expression = expression.right;
  else if (node.parent.type === 'ObjectPattern') return undefined;
  return { kind: 'socket-path-option', node, expression, location: locationOf(facts, expression) };
}

/** Every socket sink is spelled with one of these: `listen`, `connect`, `createConnection`, `socketPath`, `socketRoot`, `ws+unix:`. */
export const SOCKET_WORDS = /listen|connect|Connection|socket|ws\+unix/u;

const sinkMemo = new WeakMap<FileFacts, Map<Node, readonly SocketSink[]>>();

/**
 * The socket paths used at this node: a `listen`/`connect` call, a `new WebSocket`, a
 * `socketPath` property or assignment, a node-ipc `socketRoot` assignment. A `socketPath`
 * key names a Unix socket in every library that has one, so it counts wherever it is written.
 */
export function socketSinksAt(facts: FileFacts, node: Node): readonly SocketSink[] {
  let memo = sinkMemo.get(facts);
  if (!memo) sinkMemo.set(facts, (memo = new Map<Node, readonly SocketSink[]>()));
  let sinks = memo.get(node);
  if (sinks) return sinks;
  let sink: SocketSink | undefined;
  switch (node.type) {
    case 'CallExpression':
      sink = listenSink(facts, node) ?? connectSink(facts, node);
      break;
    case 'NewExpression':
      sink = wsSink(facts, node);
      break;
    case 'AssignmentExpression':
      sink = assignmentSink(facts, node);
      break;
    case 'Property':
    case 'PropertyDefinition':
      sink = propertySink(facts, node);
      break;
    default:
      break;
  }
  sinks = sink ? [sink] : [];
  memo.set(node, sinks);
  return sinks;
}

/** The calls an options object literal is passed to: directly, or through the const it is bound to. */
function consumersOfObject(facts: FileFacts, object: TSESTree.ObjectExpression): Node[] {
  const parent = object.parent;
  if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.arguments.includes(object)) return [parent];
  if (parent.type === 'VariableDeclarator' && parent.init === object && parent.id.type === 'Identifier') {
    const variable = facts.variableOf(parent.id);
    if (!variable || facts.singleValue(variable) !== object) return [];
    return variable.references
      .map((r) => r.identifier.parent)
      .filter((p): p is TSESTree.CallExpression | TSESTree.NewExpression => p?.type === 'CallExpression' || p?.type === 'NewExpression');
  }
  return [];
}

/** The nodes at which `expression`, where it stands, could be a socket path. */
function candidateNodes(facts: FileFacts, expression: Node): Node[] {
  const parent = expression.parent;
  if (!parent) return [];
  switch (parent.type) {
    case 'CallExpression':
    case 'NewExpression':
      return [parent];
    case 'AssignmentExpression':
    case 'PropertyDefinition':
      return [parent];
    case 'AssignmentPattern':
      return parent.right === expression && parent.parent.type === 'Property' ? [parent.parent] : [];
    case 'Property':
      if (parent.value !== expression) return [];
      return [parent, ...(parent.parent.type === 'ObjectExpression' ? consumersOfObject(facts, parent.parent) : [])];
    default:
      return [];
  }
}

/** The socket sink that uses exactly this expression as its path, if any. */
export function socketSinkOf(facts: FileFacts, expression: Node): SocketSink | undefined {
  for (const node of candidateNodes(facts, expression)) {
    const sink = socketSinksAt(facts, node).find((s) => s.expression === expression);
    if (sink) return sink;
  }
  return undefined;
}

const listenMemo = new WeakMap<FileFacts, readonly SocketSink[]>();

/** Every `listen` socket sink in the file, found through the token stream (no tree walk). */
export function listenSinks(facts: FileFacts): readonly SocketSink[] {
  let sinks = listenMemo.get(facts);
  if (sinks) return sinks;
  const found: SocketSink[] = [];
  const { sourceCode } = facts;
  if (sourceCode.text.includes('listen')) {
    for (const token of sourceCode.ast.tokens) {
      if (token.type !== 'Identifier' || token.value !== 'listen') continue;
      const node = sourceCode.getNodeByRangeIndex(token.range[0]);
      const member = node?.parent;
      const call = member?.type === 'MemberExpression' && member.property === node ? member.parent : undefined;
      if (call?.type === 'CallExpression' && unwrap(call.callee) === member) found.push(...socketSinksAt(facts, call).filter((s) => s.kind === 'listen'));
    }
  }
  sinks = found;
  listenMemo.set(facts, sinks);
  return sinks;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

function contains(outer: Node | undefined, inner: Node): boolean {
  if (!outer) return true; // the Program
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function pathOf(call: FsCall): Node | undefined {
  const argument = call.node.arguments[call.info.paths[0] ?? 0];
  return argument && argument.type !== 'SpreadElement' ? argument : undefined;
}

const CHECK_EFFECTS = new Set(['exists', 'access', 'stat']);
const removalMemo = new WeakMap<FileFacts, readonly StaleSocketRemoval[]>();

/**
 * Removals of a socket path followed by a `listen` on the same path, in the same function
 * (or a callback inside it), with no `lstat` of the path before the removal. A removal in a
 * separate handler (`process.on('exit', …)`) is clean-up, not this sequence.
 */
export function staleSocketRemovals(facts: FileFacts): readonly StaleSocketRemoval[] {
  let result = removalMemo.get(facts);
  if (result) return result;
  const found: StaleSocketRemoval[] = [];
  const listens = listenSinks(facts);
  if (listens.length > 0) {
    for (const removal of facts.fsCalls) {
      if (removal.info.effect !== 'delete') continue;
      const path = pathOf(removal);
      if (!path) continue;
      const scope = enclosingFunction(removal.node);
      // After the path argument: `fs.unlink(p, () => server.listen(p))` counts.
      const listen = listens.find((l) => l.node.range[0] > path.range[1] && contains(scope, l.node) && isSamePath(facts, path, l.expression));
      if (!listen) continue;
      // Any lstat of the path before the removal is taken as the check the sequence needs.
      const earlier = facts.fsCalls.filter((c) => c !== removal && c.node.range[0] < removal.node.range[0]);
      const samePath = (c: FsCall): boolean => {
        const p = pathOf(c);
        return p !== undefined && isSamePath(facts, p, path);
      };
      if (earlier.some((c) => c.info.effect === 'lstat' && samePath(c))) continue;
      const check = earlier.filter((c) => CHECK_EFFECTS.has(c.info.effect) && samePath(c)).at(-1);
      found.push({ removal, check, listen });
    }
  }
  result = found;
  removalMemo.set(facts, result);
  return result;
}

/**
 * Whether this path expression is a shared-temp socket path at a socket sink, or the path of
 * a check or removal in a stale-socket sequence on a shared-temp socket: the places a
 * socket-specific report covers, so that a generic temp-path report can stand aside.
 */
export function isSharedTempSocketUse(facts: FileFacts, expression: Node): boolean {
  try {
    return sharedTempSocketUse(facts, expression, 0);
  } catch {
    return false;
  }
}

function sharedTempSocketUse(facts: FileFacts, expression: Node, depth: number): boolean {
  const parent = expression.parent;
  // `const p = path.join('/tmp', 'a.sock')` used only where the path core does not look (`listen(p)`).
  if (parent?.type === 'VariableDeclarator' && parent.init === expression && parent.id.type === 'Identifier') {
    const variable = depth < 4 ? facts.variableOf(parent.id) : undefined;
    return (variable?.references ?? []).some((r) => r.isRead() && sharedTempSocketUse(facts, r.identifier, depth + 1));
  }
  {
    const sink = socketSinkOf(facts, expression);
    if (sink) return isSharedTempLocation(sink.location);
    return staleSocketRemovals(facts).some(
      (r) => isSharedTempLocation(r.listen.location) && (pathOf(r.removal) === expression || (r.check && pathOf(r.check) === expression)),
    );
  }
}
