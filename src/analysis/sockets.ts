// Unix domain sockets: where the code listens on or connects to a socket path, which path
// that is, and the "remove whatever is at the path, then listen" sequence. Rules ask about
// one node at a time; the file-wide parts (every `.listen(` call, every removal before a
// listen) are computed once per file, from the token stream and the tracked fs calls.
import type { TSESTree } from '@typescript-eslint/utils';

import { isFunctionExpression, isFunctionNode, nodesMatching, propertyName, unwrap } from './ast.js';
import { objectLiteralOf } from './call-options.js';
import type { ApiRef } from './modules.js';
import type { FileFacts, FsCall } from './facts.js';
import type { PathRoot, PathValue, Predictability } from './path-value.js';
import { sharedTmpRootOf } from './path-value.js';
import { isSamePath } from './same-path.js';

type Node = TSESTree.Node;

export type SocketSinkKind =
  /** `server.listen(path)` / `server.listen({ path })`: the process creates the socket. */
  | 'listen'
  /** `net.connect(path)`, `createConnection({ path })`, `socket.connect(path)`. */
  | 'connect'
  /** A socket option or field: `socketPath` (http(s).request/get, Agent, undici, axios), `socket`, `sock`, `ipcPath`, … */
  | 'socket-path-option'
  /** `new WebSocket('ws+unix:/path')` from the `ws` package. */
  | 'ws-unix-url'
  /** The directory an IPC library creates its sockets in: node-ipc's `socketRoot`, a `socketDir`. */
  | 'socket-root';

/** Where a socket lives, as far as the code shows. */
export interface SocketLocation {
  readonly root: PathRoot;
  /** A readable rendering of the path for messages. */
  readonly display: string;
  /** The whole path when it is a constant. */
  readonly text: string | undefined;
  /** How guessable the name below the root is. */
  readonly name: Predictability;
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

/** A socket in a shared temp directory under a name other users can guess (a strong random name they cannot take first). */
export function isSharedTempLocation(location: SocketLocation): boolean {
  return SHARED_ROOTS.has(location.root) && location.name !== 'strong';
}

/**
 * A location the code does not show to be private or owned by the system: a shared temp
 * directory, or a path from a parameter or a configuration. Removing what is there needs a
 * check that it is a stale socket.
 */
export function mayBeSharedLocation(location: SocketLocation): boolean {
  return location.root === 'unknown' || isSharedTempLocation(location);
}

// `app.sock`, `app-socket`, `.s.PGSQL.5432`, `app.ipc`: names that say "Unix socket".
const SOCKET_NAME = /(?:^|[._-])(?:sock|socket)$|^\.s\.|\.ipc$/iu;

/** The last segment of a socket path looks like a socket's name. */
export function hasSocketName(location: SocketLocation): boolean {
  return endsWithSocketName(location.display);
}

// Keys whose value is a Unix socket's path in any library or defaults object (`socket`,
// `socketPath`, `sock`, `ipcPath`, `unix_socket`), and keys whose value is the directory
// sockets are made in (`socketRoot`, `socketDir`). Matched on the whole key, so `socketTimeout`
// or `ipcMode` are not.
const SOCKET_PATH_KEY = /^(?:unix[_-]?)?(?:socket|sock|ipc)(?:[_-]?(?:path|file))?$/iu;
const SOCKET_ROOT_KEY = /^(?:unix[_-]?)?(?:socket|sock|ipc)[_-]?(?:root|dir|directory|folder)$/iu;

function socketKeyKind(key: string | undefined): SocketSinkKind | undefined {
  if (key === undefined) return undefined;
  if (SOCKET_PATH_KEY.test(key)) return 'socket-path-option';
  return SOCKET_ROOT_KEY.test(key) ? 'socket-root' : undefined;
}

/** `options.socket`, `this.ipcPath`: a read of a socket-path key, whatever object holds it. */
function isSocketKeyRead(expression: Node): boolean {
  const node = unwrap(expression);
  return node.type === 'MemberExpression' && socketKeyKind(propertyName(node)) === 'socket-path-option';
}

const SERVER_FACTORIES = new Set(['createServer', 'Server']);
const SERVER_MODULES = new Set(['net', 'http']); // https shares http's table
const CONNECTORS = new Set(['connect', 'createConnection']);

function isOther(ref: ApiRef | undefined, modules: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
  return ref?.info.kind === 'other' && modules.has(ref.info.module) && names.has(ref.info.name);
}

function locationOf(facts: FileFacts, expression: Node): SocketLocation {
  const value: PathValue = facts.pathValue(expression);
  return { root: value.root, display: value.display, text: value.text, name: value.name };
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
  // the argument says it is a socket: a `{ path }` option (Node's listen options), a socket
  // key (`options.socket`) or a path named like a socket. `.listen(port)` is the common case.
  const saysSocket =
    objectLiteralOf(facts, call.arguments[0]!) !== undefined ||
    isSocketKeyRead(expression) ||
    (location.root !== 'unknown' && hasSocketName(location));
  if (!traced && !saysSocket) return undefined;
  return { kind: 'listen', node: call, expression, location, server: { expression: callee.object, traced } };
}

const NET = new Set(['net']);
const SOCKET_CLASS = new Set(['Socket']);
const socketFieldMemo = new WeakMap<FileFacts, ReadonlySet<string>>();

/** The `this.x` fields the file assigns a `new net.Socket()` to (constructors of compiled or plain-function classes too). */
function socketFields(facts: FileFacts): ReadonlySet<string> {
  let fields = socketFieldMemo.get(facts);
  if (fields) return fields;
  const found = new Set<string>();
  for (const ref of facts.refs) {
    const parent = ref.node.parent;
    if (!isOther(ref, NET, SOCKET_CLASS) || parent?.type !== 'AssignmentExpression' || parent.right !== ref.node) continue;
    const left = parent.left;
    const key = left.type === 'MemberExpression' && left.object.type === 'ThisExpression' ? propertyName(left) : undefined;
    if (key !== undefined) found.add(key);
  }
  fields = found;
  socketFieldMemo.set(facts, fields);
  return fields;
}

/** A `net.Socket`: traced through bindings, or a `this.x` field the file stores one in. */
function isNetSocket(facts: FileFacts, expression: Node): boolean {
  if (isOther(facts.origin(expression), NET, SOCKET_CLASS)) return true;
  const node = unwrap(expression);
  if (node.type !== 'MemberExpression' || unwrap(node.object).type !== 'ThisExpression') return false;
  const key = propertyName(node);
  return key !== undefined && socketFields(facts).has(key);
}

function connectSink(facts: FileFacts, call: TSESTree.CallExpression): SocketSink | undefined {
  const ref = facts.api(call);
  const callee = unwrap(call.callee);
  const isConnector =
    isOther(ref, NET, CONNECTORS) ||
    (callee.type === 'MemberExpression' && propertyName(callee) === 'connect' && isNetSocket(facts, callee.object));
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
    return { root, display: complete ? path : `${path}…`, text: complete ? path : undefined, name: complete ? 'constant' : 'unknown' };
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

function assignmentSink(facts: FileFacts, node: TSESTree.AssignmentExpression): SocketSink | undefined {
  if (node.operator !== '=' || node.left.type !== 'MemberExpression') return undefined;
  const kind = socketKeyKind(propertyName(node.left));
  return kind ? { kind, node, expression: node.right, location: locationOf(facts, node.right) } : undefined;
}

function propertySink(facts: FileFacts, node: TSESTree.Property | TSESTree.PropertyDefinition): SocketSink | undefined {
  const kind = socketKeyKind(propertyName(node));
  if (!kind || !node.value) return undefined;
  // `{ socket: p }`, a default in a pattern `{ socketPath = p }`, or a class field.
  let expression: Node = node.value;
  if (expression.type === 'AssignmentPattern') expression = expression.right;
  else if (node.parent.type === 'ObjectPattern') return undefined;
  return { kind, node, expression, location: locationOf(facts, expression) };
}

/** Every socket sink is spelled with one of these: `listen`, `connect`, `createConnection`, a `sock`/`ipc` key, a `unix:` address (`ws+unix:` too). */
export const SOCKET_WORDS = /listen|connect|Connection|sock|Sock|SOCK|ipc|Ipc|IPC|unix:/u;

const sinkMemo = new WeakMap<FileFacts, Map<Node, readonly SocketSink[]>>();

/**
 * The socket paths used at this node: a `listen`/`connect` call, a `new WebSocket`, a
 * property, field or assignment under a socket key (`socketPath`, `socket`, `ipcPath`) or a
 * socket-directory key (node-ipc's `socketRoot`). Those keys name a Unix socket in every
 * library and defaults object that has one, so they count wherever they are written.
 */
export function socketSinksAt(facts: FileFacts, node: Node): readonly SocketSink[] {
  let memo = sinkMemo.get(facts);
  if (!memo) sinkMemo.set(facts, (memo = new Map<Node, readonly SocketSink[]>()));
  const known = memo.get(node);
  if (known) return known;
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
  // Most nodes are no sink, and that is quick to see again: only sinks are kept.
  if (!sink) return NO_SINKS;
  const sinks = [sink];
  memo.set(node, sinks);
  return sinks;
}

const NO_SINKS: readonly SocketSink[] = Object.freeze([]);

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

const LISTEN = /\blisten\b/u;

/** Every `listen` socket sink in the file, found through the text (no tree walk). */
export function listenSinks(facts: FileFacts): readonly SocketSink[] {
  let sinks = listenMemo.get(facts);
  if (sinks) return sinks;
  const found: SocketSink[] = [];
  for (const node of nodesMatching(facts.sourceCode, LISTEN)) {
    const member = node.parent;
    const call = member?.type === 'MemberExpression' && member.property === node ? member.parent : undefined;
    if (call?.type === 'CallExpression' && unwrap(call.callee) === member) found.push(...socketSinksAt(facts, call).filter((s) => s.kind === 'listen'));
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

/** The variable a function is declared as: `function start() {}` or `const start = () => {}`. */
function functionBinding(facts: FileFacts, fn: Node): TSESTree.Identifier | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id ?? undefined;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
    const variable = facts.variableOf(parent.id);
    return variable && facts.singleValue(variable) === fn ? parent.id : undefined;
  }
  return undefined;
}

/** How control reaches a listen from a removal: in the same function, or through a local function named after the removal. */
type Reach = 'same-function' | 'called' | 'bound-this';

function reachOf(facts: FileFacts, removal: FsCall, after: Node, listen: SocketSink): Reach | undefined {
  const scope = enclosingFunction(removal.node);
  // After the path argument: `fs.unlink(p, () => server.listen(p))` counts.
  const later = (node: Node): boolean => node.range[0] > after.range[1] && contains(scope, node);
  if (later(listen.node)) return 'same-function';
  // `fs.unlink(p, start.bind(this))`, `unlinkSync(p); start()`: the listen is in `start`.
  const fn = enclosingFunction(listen.node);
  const name = fn && functionBinding(facts, fn);
  const variable = name && facts.variableOf(name);
  for (const reference of variable?.references ?? []) {
    const use = reference.identifier;
    if (!later(use) || use === name) continue;
    const member = use.parent;
    const binds = member?.type === 'MemberExpression' && member.object === use && ['bind', 'call', 'apply'].includes(propertyName(member) ?? '');
    const receiver = binds && member.parent.type === 'CallExpression' ? member.parent.arguments[0] : undefined;
    return receiver?.type === 'ThisExpression' ? 'bound-this' : 'called';
  }
  return undefined;
}

/** `this.a.b` → `a.b`: a path held in fields of the receiver. */
function thisChain(expression: Node): string | undefined {
  const node = unwrap(expression);
  if (node.type === 'ThisExpression') return '';
  if (node.type !== 'MemberExpression') return undefined;
  const key = propertyName(node);
  const head = thisChain(node.object);
  return key === undefined || head === undefined ? undefined : `${head}.${key}`;
}

/** The same path, where `this` in a function bound to the caller's `this` is the caller's. */
function sameAcross(facts: FileFacts, a: Node, b: Node, reach: Reach): boolean {
  if (isSamePath(facts, a, b)) return true;
  const chain = reach === 'bound-this' ? thisChain(a) : undefined;
  return chain !== undefined && chain !== '' && chain === thisChain(b);
}

const CHECK_EFFECTS = new Set(['exists', 'access', 'stat']);
const removalMemo = new WeakMap<FileFacts, readonly StaleSocketRemoval[]>();

/**
 * Removals of a socket path followed by a `listen` on the same path, in the same function
 * (or a callback inside it, or a local function it calls or hands on as a callback), with no
 * `lstat` of the path before the removal. A removal in a separate handler
 * (`process.on('exit', …)`) is clean-up, not this sequence.
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
      let listen: SocketSink | undefined;
      let reach: Reach | undefined;
      for (const candidate of listens) {
        reach = reachOf(facts, removal, path, candidate);
        if (reach && sameAcross(facts, path, candidate.expression, reach)) {
          listen = candidate;
          break;
        }
      }
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

/** A use that a socket report covers: a socket sink's path, or the check or removal of a stale-socket sequence. */
function isSocketReportUse(facts: FileFacts, expression: Node): boolean {
  const sink = socketSinkOf(facts, expression);
  if (sink) return isSharedTempLocation(sink.location);
  return staleSocketRemovals(facts).some(
    (r) => mayBeSharedLocation(r.listen.location) && (pathOf(r.removal) === expression || (r.check && pathOf(r.check) === expression)),
  );
}

/** A path in a shared temp directory under a guessable name that says "socket" (`app.sock`, `app.ipc`). */
function isSharedTempSocketName(facts: FileFacts, expression: Node): boolean {
  const location = locationOf(facts, expression);
  return isSharedTempLocation(location) && hasSocketName(location);
}

// A Unix socket address as gRPC, got, request and Docker clients take it: `unix:/tmp/app.sock`,
// `unix:///tmp/app.sock`, `http://unix:/tmp/app.sock:/request/path`.
const UNIX_ADDRESS = /^(?:[a-z][a-z0-9+.-]*:\/\/)?unix:(?:\/\/(?=\/))?(\/[^:]*)/u;

/** The shared temp socket path a whole string addresses as `unix:…`, if it does. */
export function sharedTempUnixAddress(text: string): string | undefined {
  const path = UNIX_ADDRESS.exec(text)?.[1];
  return path !== undefined && sharedTmpRootOf(path) !== undefined && path !== sharedTmpRootOf(path) ? path : undefined;
}

/** A string whose last path segment is named like a socket: where a socket-named path is spelled. */
export function endsWithSocketName(text: string): boolean {
  return SOCKET_NAME.test(text.split(/[\\/]/u).at(-1) ?? '');
}

/**
 * The uses of the path this string builds, when that path is named like a socket and lies in
 * a shared temp directory, and no socket sink or stale-socket removal uses it (those are
 * reported there): a removal, a check, a library's option. A name that says "socket" is a
 * socket wherever the path goes.
 */
export function socketNamedPathUses(facts: FileFacts, literal: Node): readonly Node[] {
  const uses = facts.pathSinks(literal).map((sink) => sink.expression).filter((e) => isSharedTempSocketName(facts, e));
  return uses.some((e) => isSocketReportUse(facts, e)) ? [] : uses;
}

/**
 * Where a report about a socket-named path used here belongs: at the use, or, when the shared
 * root is named in another function (a helper that returns the socket directory, a
 * constructor that sets a field), where the root is named: that is where the location is chosen.
 */
export function socketLocationNode(facts: FileFacts, use: Node): Node {
  const root = facts.pathValue(use).rootNode;
  if (!root || contains(use, root)) return use;
  return enclosingFunction(root) === enclosingFunction(use) ? use : root;
}

/**
 * Whether this path expression is a shared-temp socket path at a socket sink, the path of
 * a check or removal in a stale-socket sequence, or a shared-temp path named like a socket:
 * the places a socket-specific report covers, so that a generic temp-path report can stand aside.
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
  return isSocketReportUse(facts, expression) || isSharedTempSocketName(facts, expression);
}
