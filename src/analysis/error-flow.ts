// Where caught errors go: which bindings hold an error (the sources), which expressions carry
// an error or its details (the derivations), and which calls and assignments hand a value to a
// client (the sinks). Receivers are recognised by the shape of the code that registers the
// handler (a `(req, res)` function passed to `http.createServer` or a router method, Koa's
// `(ctx, next)`, …), never by the name of a variable; with type information the shape is
// confirmed by the receiver's type, and receivers the shapes miss are recognised by type.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { azureHttpTriggers, errorSerializerModule, nestjsRouteDecorators, utilModule, webResponseApis } from './api-table.js';
import { type FunctionNode, isFunctionNode, nodesMatching, propertyName, unwrap } from './ast.js';
import { objectLiteralOf } from './call-options.js';
import type { FileFacts } from './facts.js';
import { isExposed, localFunctions } from './local-functions.js';
import { loads } from './modules.js';
import { FS_MODULES, mentions } from './prefilter.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/** What a receiver is: an HTTP response (Node, Express, Fastify reply, Hapi toolkit), a Koa context, a socket. */
export type ReceiverRole = 'response' | 'koa-context' | 'socket';

/** `error`: the error object itself; `detail`: a string or object built from its message, stack or properties. */
export type ErrorTaint = 'error' | 'detail';

/**
 * Where the error in a value comes from: `origins` are the points where details are taken from
 * an error (`err.stack`, `String(err)`, the caught error itself), `entries` the arguments of
 * the calls through whose parameters the value arrives (outermost first helper call).
 */
export interface Provenance {
  readonly origins: readonly Node[];
  readonly entries: readonly Node[];
  /** The origins of what arrives through the entries, in the callers. */
  readonly remote: readonly Node[];
}

/** A value that reaches a client. */
export interface ClientSink {
  /** The expression handed to the client. */
  readonly value: Node;
  /** What carries it there, for messages: `res.send()`, `ctx.body`, `socket.write()`, `new HttpException()`. */
  readonly via: string;
  readonly role: ReceiverRole | 'exception';
}

export interface ErrorFlowOptions {
  /** Functions whose result is safe to send, by callee name (`toPublicError`) or dotted text (`errors.toPublic`). */
  readonly sanitizers: readonly string[];
}

/** Which parameters of a function play which part, from the way it is registered. */
interface HandlerRoles {
  /** Every error-first shape passes the error first. */
  source?: 0;
  /** The request, where no response parameter beside it shows which one it is (a Fastify `handler(request)` that returns its reply). */
  request?: number;
  response?: number;
  koa?: number;
  socket?: number;
}

/**
 * Error properties fine to send: stable identifiers (`err.code`, `err.status`), Fastify's
 * `validation`, which describes what was wrong with the client's own input, and the `headers`
 * an HTTP error carries for its response (http-errors, a static server's result object).
 */
const SAFE_ERROR_KEYS = new Set([
  'code', 'errorCode', 'name', 'status', 'statusCode', 'errno', 'syscall', 'expose', 'publicMessage', 'type', 'isOperational',
  'validation', 'headers',
]);

/** String methods whose result still contains the receiver's text. */
const STRING_PRESERVING = new Set([
  'toString', 'toLocaleString', 'slice', 'substring', 'substr', 'trim', 'trimStart', 'trimEnd', 'toUpperCase',
  'toLowerCase', 'replace', 'replaceAll', 'split', 'concat', 'padStart', 'padEnd', 'at', 'join', 'normalize', 'toJSON',
  'map', 'filter', 'flat', 'flatMap', 'repeat',
]);

/** Router and server methods that register request handlers. */
const ROUTE_VERBS = new Set(['get', 'post', 'put', 'delete', 'del', 'patch', 'options', 'head']);
const ROUTE_ANY = new Set(['use', 'all']);

interface OptionHandler {
  /** Only in a route's options (`.route({…})`, `.get('/x', {…}, …)`), where the key is the framework's. */
  readonly inRoute: boolean;
  readonly roles: (arity: number) => HandlerRoles;
}

/**
 * Handlers given as a property of an options object, by key: Fastify's route `handler` and
 * `errorHandler`. Not its server option `frameworkErrors`: the errors it gets are Fastify's own
 * rejections of the request (a malformed URL, a bad content type), whose messages describe what
 * the client sent and which Fastify's default answer sends as they are.
 */
const OPTION_HANDLERS: Record<string, OptionHandler> = {
  handler: { inRoute: true, roles: (arity) => (arity >= 2 ? { request: 0, response: 1 } : arity === 1 ? { request: 0 } : {}) },
  errorHandler: { inRoute: true, roles: (arity) => (arity >= 3 ? { source: 0, response: 2 } : {}) },
};

/** A place a function is registered: an argument of a call, the right side of an assignment, or a handler option. */
interface Registration {
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.AssignmentExpression;
  readonly index: number;
  readonly option?: OptionHandler;
}
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Methods that are not error-first callback hosts even though their last argument is a function. */
const NOT_ERROR_FIRST = new Set([
  'forEach', 'map', 'filter', 'flatMap', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'sort', 'toSorted', 'then', 'catch', 'finally', 'replace', 'replaceAll', 'from', 'setTimeout',
  'setInterval', 'setImmediate', 'nextTick', 'queueMicrotask', 'describe', 'it', 'test',
]);

/** Response methods that return the response, so `res.status(500).json(x)` sends through `res`. */
const RESPONSE_CHAIN = new Set(['status', 'code', 'type', 'set', 'header', 'headers', 'contentType', 'vary', 'append', 'cookie', 'clearCookie', 'location', 'links', 'attachment', 'charset', 'hold', 'takeover']);
/** Response methods and the argument indexes they send (`-1`: every argument from 1 on). */
const RESPONSE_SINKS: Record<string, number> = {
  send: 0, json: 0, jsonp: 0, end: 0, write: 0, response: 0, writeHead: -1, render: 1, setHeader: 1, set: 1, header: 1,
};
/** Hono's context sends what these are given (Koa's has no such methods: its body is a property). */
const CONTEXT_SINKS: Record<string, number> = { json: 0, text: 0, html: 0, body: 0 };
/** `emit` sends to the peer only on socket.io-style sockets; its event arguments are checked for details only. */
const SOCKET_SINKS: Record<string, number> = { write: 0, end: 0, send: 0, close: 1, emit: -1 };
const KOA_PROPERTIES = new Set(['body', 'message']);
const RESPONSE_PROPERTIES = new Set(['statusMessage']);

const SINK_METHODS = new Set([...Object.keys(RESPONSE_SINKS), ...Object.keys(SOCKET_SINKS), ...Object.keys(CONTEXT_SINKS), 'throw']);
const SINK_PROPERTIES = new Set([...KOA_PROPERTIES, ...RESPONSE_PROPERTIES]);

// What these return carries the whole error as text or data: `util.inspect(err)`, serialize-error's `serializeError(err)`.
const ERROR_RENDERERS = [utilModule.inspect, utilModule.format, errorSerializerModule.serializeError];

/**
 * Where a sink can be: a sink method called (`.send(`, `['end'](`, `.end?.(`) or a sink
 * property assigned (`.body =`, never `.body ==`), the name captured. One scan for both.
 */
const SINK_MEMBER = (() => {
  const names = [...new Set([...SINK_METHODS, ...SINK_PROPERTIES])].join('|');
  // Express's `res.locals.x = …` too: what a view renders.
  return new RegExp(`(?:\\.\\s*(${names})|\\[\\s*['"\`](${names})['"\`]\\s*\\])\\s*(?:\\?\\.\\s*\\(|\\(|=(?!=))|\\.\\s*(locals)\\s*\\.\\s*[\\w$]+\\s*=(?!=)`, 'u');
})();

/**
 * The calls and assignments that can be sinks, in source order, found from the text: a
 * handful per file, where visiting every call of a bundle to ask its method name is not.
 * Most files have none, and then no facts need to be built for them.
 */
export function sinkCandidates(sourceCode: Readonly<TSESLint.SourceCode>): { calls: TSESTree.CallExpression[]; assignments: TSESTree.AssignmentExpression[] } {
  const calls: TSESTree.CallExpression[] = [];
  const assignments: TSESTree.AssignmentExpression[] = [];
  for (const name of nodesMatching(sourceCode, SINK_MEMBER)) {
    const member = name.parent;
    if (member?.type !== 'MemberExpression' || member.property !== name) continue;
    const key = propertyName(member) ?? '';
    const parent = member.parent;
    if (parent.type === 'CallExpression' && unwrap(parent.callee) === member && parent.arguments.length > 0 && SINK_METHODS.has(key)) calls.push(parent);
    else if (parent.type === 'AssignmentExpression' && parent.left === member && SINK_PROPERTIES.has(key)) assignments.push(parent);
    else if (key === 'locals' && parent.type === 'MemberExpression' && parent.object === member && parent.parent.type === 'AssignmentExpression' && parent.parent.left === parent) {
      assignments.push(parent.parent);
    }
  }
  return { calls, assignments };
}

/**
 * The calls that may register a handler whose return value Fastify sends, found from the text
 * like `sinkCandidates`: none in a file that does not name Fastify.
 */
export function returningHandlerCalls(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  if (!mentions(sourceCode, FASTIFY_WORD)) return [];
  const calls: TSESTree.CallExpression[] = [];
  for (const name of nodesMatching(sourceCode, RETURNING_HANDLER_CALL)) {
    const member = name.parent;
    if (member?.type === 'MemberExpression' && member.property === name && member.parent.type === 'CallExpression' && member.parent.callee === member) calls.push(member.parent);
  }
  return calls;
}

const NEST_ROUTES = Object.values(nestjsRouteDecorators);

/** The names under which Next.js, SvelteKit, Astro and Remix's resource routes call a module's request handlers. */
const WEB_ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'loader', 'action']);
const WEB_RESPONSES = Object.values(webResponseApis);
const AZURE_HTTP_TRIGGERS = Object.values(azureHttpTriggers);
/** The module of Azure Functions' HTTP triggers: a file that loads none registers no such handler. */
export const AZURE_FUNCTIONS_MODULES: ReadonlySet<string> = new Set(['@azure/functions']);

/**
 * The request handlers a web framework calls by what the module exports: `export async function
 * GET(request)` (Next.js route handlers, SvelteKit and Astro endpoints, Remix's `loader` and
 * `action`) and the `fetch` method of the default export (Cloudflare Workers, Bun, Deno).
 * Found from the program's statements, with no scan of the text: most files export none.
 */
export function webRouteHandlers(sourceCode: Readonly<TSESLint.SourceCode>): FunctionNode[] {
  const handlers: FunctionNode[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
      const declaration = statement.declaration;
      if (declaration.type === 'FunctionDeclaration' && declaration.id && WEB_ROUTE_EXPORTS.has(declaration.id.name)) handlers.push(declaration);
      if (declaration.type !== 'VariableDeclaration') continue;
      for (const { id, init } of declaration.declarations) {
        const fn = init && unwrap(init);
        if (id.type === 'Identifier' && WEB_ROUTE_EXPORTS.has(id.name) && fn && isFunctionNode(fn)) handlers.push(fn);
      }
    } else if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'ObjectExpression') {
      for (const property of statement.declaration.properties) {
        if (property.type === 'Property' && propertyName(property) === 'fetch' && isFunctionNode(property.value)) handlers.push(property.value);
      }
    }
  }
  return handlers;
}

/** The export name AWS Lambda's and Netlify's templates call (`index.handler`): a contract, like `GET` above. */
const PROXY_HANDLER_EXPORT = 'handler';

/**
 * `module.exports` as written. A CommonJS module cannot declare either name again with `let` or
 * `const` (they are its wrapper's parameters), so the statement-level finders below need no scope.
 */
function isModuleExports(node: Node): boolean {
  return node.type === 'MemberExpression' && propertyName(node) === 'exports' && node.object.type === 'Identifier' && node.object.name === 'module';
}

/** `exports.handler` or `module.exports.handler`: what the runtime reads. */
function isCommonJsExport(node: Node): boolean {
  if (node.type !== 'MemberExpression' || propertyName(node) !== PROXY_HANDLER_EXPORT) return false;
  return (node.object.type === 'Identifier' && node.object.name === 'exports') || isModuleExports(node.object);
}

/**
 * The function a serverless runtime calls by its export name `handler` (AWS Lambda behind API
 * Gateway or a function URL, Netlify Functions), which answers an HTTP request by returning or
 * passing to its callback a `{ statusCode, body }` object: `export const handler = async (event)
 * => …`, `export function handler`, `export { main as handler }`, `exports.handler = …` and
 * `module.exports = { handler }`. A name is given as the identifier the file binds, for the flow
 * to resolve. Found from the program's statements, with no scan of the text.
 */
export function proxyHandlers(sourceCode: Readonly<TSESLint.SourceCode>): Node[] {
  const handlers: Node[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'FunctionDeclaration' && declaration.id?.name === PROXY_HANDLER_EXPORT) handlers.push(declaration);
      if (declaration?.type === 'VariableDeclaration') {
        for (const { id, init } of declaration.declarations) if (id.type === 'Identifier' && id.name === PROXY_HANDLER_EXPORT && init) handlers.push(init);
      }
      if (!statement.source) {
        for (const { exported, local } of statement.specifiers) {
          if ((exported.type === 'Identifier' ? exported.name : exported.value) === PROXY_HANDLER_EXPORT) handlers.push(local);
        }
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression' && statement.expression.operator === '=') {
      const { left, right } = statement.expression;
      if (isCommonJsExport(left)) handlers.push(right);
      else if (right.type === 'ObjectExpression' && isModuleExports(left)) {
        for (const property of right.properties) if (property.type === 'Property' && propertyName(property) === PROXY_HANDLER_EXPORT) handlers.push(property.value);
      }
    }
  }
  return handlers;
}

/**
 * The function the module exports as itself (`module.exports = …`, `export default …`, inline
 * or a top-level function by name) when it takes `(context, req)` and the file writes
 * `context.res` under its first parameter's name: Azure Functions' classic model calls it for
 * an HTTP trigger. Found from the program's statements; the text is searched for one name.
 */
export function classicAzureHandlers(sourceCode: Readonly<TSESLint.SourceCode>): FunctionNode[] {
  const body = sourceCode.ast.body;
  const topLevel = (name: string): Node | undefined => {
    for (const statement of body) {
      if (statement.type === 'FunctionDeclaration' && statement.id?.name === name) return statement;
      if (statement.type !== 'VariableDeclaration') continue;
      const declarator = statement.declarations.find((d) => d.id.type === 'Identifier' && d.id.name === name);
      if (declarator?.init) return declarator.init;
    }
    return undefined;
  };
  const handlers: FunctionNode[] = [];
  for (const statement of body) {
    let exported: Node | undefined;
    if (statement.type === 'ExportDefaultDeclaration') exported = statement.declaration;
    else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression' && statement.expression.operator === '=') {
      const { left, right } = statement.expression;
      if (isModuleExports(left)) exported = right;
    }
    let fn = exported && unwrap(exported);
    if (fn?.type === 'Identifier') fn = topLevel(fn.name);
    fn = fn && unwrap(fn);
    const context = isFunctionNode(fn) && fn.params.length >= 2 ? fn.params[0] : undefined;
    if (context?.type === 'Identifier' && sourceCode.text.includes(`${context.name}.res`)) handlers.push(fn as FunctionNode);
  }
  return handlers;
}

/** Where http-errors, Koa and Express applications put the HTTP status of an error made for a response. */
const HTTP_STATUS_KEYS = new Set(['status', 'statusCode']);
/** The built-in error classes: an `instanceof` test on one of them says nothing about who wrote the message. */
const BUILTIN_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError']);

const MAX_DEPTH = 16;
/** Builtins whose result is a number or boolean however much text they are given. */
const NUMERIC_GLOBALS = new Set(['Number', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);
const NUMERIC_NAMESPACES = new Set(['Math', 'Buffer']);
/** The values an environment switch compares with. */
const ENVIRONMENT_NAMES = /^(?:dev|development|prod|production|test|testing|local|debug)$/iu;
/** The one module whose constructions (`new HttpException(err.message)`) and route decorators are sinks: a file without it has none. */
export const CONSTRUCTION_SINK_MODULES: ReadonlySet<string> = new Set(['@nestjs/common']);
/** The module a file makes a client socket with. */
const NET_MODULE: ReadonlySet<string> = new Set(['net']);
const NET_CLIENTS: ReadonlySet<string> = new Set(['connect', 'createConnection', 'Socket']);
/** The modules whose calls register handlers by API (`http.createServer`, fs callbacks). */
const HANDLER_MODULES: ReadonlySet<string> = new Set([...FS_MODULES, 'http', 'https', 'http2', 'net']);
const HTTP2_SERVERS: ReadonlySet<string> = new Set(['createServer', 'createSecureServer']);
const HTTP2_MODULE: ReadonlySet<string> = new Set(['http2']);
const HONO_MODULES: ReadonlySet<string> = new Set(['hono', 'hono/tiny', 'hono/quick']);
const HONO_APP: ReadonlySet<string> = new Set(['Hono']);

function stringArgument(node: Node | undefined): string | undefined {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
}

/** Where Fastify is given handlers whose return value it sends: a route (`.get('/x', h)`, `.route({ handler })`) or its error handler. */
const RETURNING_HANDLER_CALL = new RegExp(`\\.\\s*(${[...ROUTE_VERBS, 'all', 'route', 'setErrorHandler'].join('|')})\\s*\\(`, 'u');
/** Fastify's name, in an import, a type (`FastifyInstance`) or the instance a plugin is given: files without it have no such handlers. */
const FASTIFY_WORD = /fastify/iu;

/**
 * A route path: `'/users'`, `'*'`, `` `/api/${v}` ``, `/regex/`, `['/a', '/b']`, or a constant
 * holding one (`app.get(ROUTES.items, …)`); not a key (`cache.get('user:1', cb)`).
 */
function isRoutePath(node: Node | undefined, facts: FileFacts): boolean {
  if (!node) return false;
  if (node.type === 'Literal' && 'regex' in node) return true;
  if (node.type === 'ArrayExpression') return node.elements.some((e) => e?.type !== 'SpreadElement' && isRoutePath(e ?? undefined, facts));
  if (node.type === 'TemplateLiteral') return /^[/*]|^$/u.test(node.quasis[0]?.value.cooked ?? '');
  const value = facts.staticValue(node);
  return typeof value === 'string' && /^[/*]/u.test(value);
}

/** Whether a returned value is a call made through, or given, one of the function's parameters (`reply.send(…)`, `next(err)`, `fail(reply, err)`). */
function sendsThroughParameter(value: Node, fn: FunctionNode, facts: FileFacts): boolean {
  const call = unwrap(value);
  if (call.type !== 'CallExpression') return false;
  const isParameter = (node: Node): boolean => {
    const def = node.type === 'Identifier' ? facts.variableOf(node)?.defs[0] : undefined;
    return def?.type === 'Parameter' && def.node === fn;
  };
  let root: Node = unwrap(call.callee);
  while (root.type === 'MemberExpression' || root.type === 'CallExpression') root = unwrap(root.type === 'MemberExpression' ? root.object : root.callee);
  return isParameter(root) || call.arguments.some((a) => isParameter(unwrap(a)));
}

function paramName(param: TSESTree.Parameter | undefined): TSESTree.Identifier | undefined {
  if (param?.type === 'Identifier') return param;
  if (param?.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left;
  return undefined;
}

/** Minimal views of TypeScript's checker, so that nothing of TypeScript is imported at run time. */
interface TsType {
  flags: number;
  objectFlags?: number;
  getSymbol(): TsSymbol | undefined;
  aliasSymbol?: TsSymbol;
  isUnionOrIntersection(): boolean;
  types?: TsType[];
}
interface TsSymbol {
  getName(): string;
  declarations?: { getSourceFile(): { fileName: string } }[];
}
interface TsChecker {
  getTypeAtLocation(node: unknown): TsType;
  getBaseTypes?(type: TsType): TsType[];
  getApparentType(type: TsType): TsType;
}
interface TypeServices {
  program: { getTypeChecker(): TsChecker };
  esTreeNodeToTSNodeMap: { get(node: Node): unknown };
}

const TYPE_ANY_OR_UNKNOWN = 1 | 2;
/** ObjectFlags.Class | ObjectFlags.Interface: the types `getBaseTypes` accepts. */
const CLASS_OR_INTERFACE = 1 | 2;

/** Type names (and where they are declared) of client-facing receivers. */
const RECEIVER_TYPES: readonly { name: string; file: RegExp; role: ReceiverRole }[] = [
  { name: 'ServerResponse', file: /[\\/]@types[\\/]node[\\/]/u, role: 'response' },
  { name: 'Http2ServerResponse', file: /[\\/]@types[\\/]node[\\/]/u, role: 'response' },
  { name: 'ServerHttp2Stream', file: /[\\/]@types[\\/]node[\\/]/u, role: 'response' },
  { name: 'Response', file: /express-serve-static-core|[\\/]@types[\\/]express[\\/]/u, role: 'response' },
  { name: 'FastifyReply', file: /[\\/]fastify[\\/]/u, role: 'response' },
  { name: 'ResponseToolkit', file: /[\\/]@hapi[\\/]|[\\/]@types[\\/]hapi/u, role: 'response' },
  { name: 'ParameterizedContext', file: /[\\/]koa[\\/]|[\\/]@types[\\/]koa[\\/]/u, role: 'koa-context' },
  { name: 'Context', file: /[\\/]koa[\\/]|[\\/]@types[\\/]koa[\\/]/u, role: 'koa-context' },
  { name: 'Socket', file: /[\\/]@types[\\/]node[\\/](?:net|tls)\.d\.ts$/u, role: 'socket' },
  { name: 'TLSSocket', file: /[\\/]@types[\\/]node[\\/]tls\.d\.ts$/u, role: 'socket' },
  { name: 'WebSocket', file: /[\\/]ws[\\/]|[\\/]@types[\\/]ws[\\/]/u, role: 'socket' },
];

/** The error flow of one file; built lazily, memoised per node. */
export class ErrorFlow {
  private readonly facts: FileFacts;
  private readonly sanitizers: ReadonlySet<string>;
  private readonly types: TypeServices | undefined;
  private readonly taintMemo = new Map<Node, ErrorTaint | undefined>();
  private readonly variableMemo = new Map<Variable, ErrorTaint | undefined>();
  private readonly rolesMemo = new Map<FunctionNode, HandlerRoles>();
  private readonly inProgress = new Set<unknown>();
  /** Parameters tainted only by what their callers pass. */
  private readonly viaCalls = new Set<Variable>();
  private readonly provenanceMemo = new Map<Node, Provenance>();

  constructor(facts: FileFacts, options: ErrorFlowOptions) {
    this.facts = facts;
    this.sanitizers = new Set(['sanitizeError', ...options.sanitizers]);
    const services = (facts.sourceCode as { parserServices?: Partial<TypeServices> }).parserServices;
    this.types = services?.program && services.esTreeNodeToTSNodeMap ? (services as TypeServices) : undefined;
  }

  /** True when the file was parsed with type information (typescript-eslint's project service). */
  get typeAware(): boolean {
    return this.types !== undefined;
  }

  // ── sources ────────────────────────────────────────────────────────────────────────────────

  /** Whether a variable holds a caught error (`error`) or a detail destructured from one (`detail`). */
  variableTaint(variable: Variable): ErrorTaint | undefined {
    if (this.variableMemo.has(variable)) return this.variableMemo.get(variable);
    if (this.inProgress.has(variable)) return undefined;
    this.inProgress.add(variable);
    try {
      const taint = this.computeVariableTaint(variable);
      this.variableMemo.set(variable, taint);
      return taint;
    } finally {
      this.inProgress.delete(variable);
    }
  }

  /** Whether this binding is an error source: a catch parameter, the error of a callback or handler. */
  isErrorSource(variable: Variable): boolean {
    const def = variable.defs[0];
    if (!def || variable.defs.length !== 1) return false;
    if (def.type === 'CatchClause') return def.node.param === def.name;
    if (def.type === 'Parameter' && isFunctionNode(def.node)) {
      // Every handler shape passes the error first, so no other parameter needs the registrations.
      return paramName(def.node.params[0]) === def.name && this.handlerRoles(def.node).source === 0;
    }
    return false;
  }

  private computeVariableTaint(variable: Variable): ErrorTaint | undefined {
    if (variable.defs.length === 0) return undefined;
    if (this.isErrorSource(variable) || this.treatedAsError(variable)) return 'error';
    const fromCalls = this.parameterTaint(variable);
    if (fromCalls) {
      this.viaCalls.add(variable);
      return fromCalls;
    }
    let result: ErrorTaint | undefined;
    for (const def of variable.defs) {
      if (def.type === 'CatchClause' || def.type === 'Parameter') {
        // `catch ({ message })`, `.catch(({ stack }) => …)`: a detail destructured from the error.
        const holder = def.type === 'CatchClause' ? def.node.param : this.paramHolding(def.node as FunctionNode, def.name);
        if (holder && holder !== def.name && this.patternSource(holder, def)) {
          if (this.destructuredKeyIsDetail(def.name)) return 'detail';
        }
        continue;
      }
      if (def.type === 'Variable') {
        const declarator = def.node;
        if (!declarator.init) continue;
        if (declarator.id === def.name) result = strongest(result, this.taint(declarator.init));
        else if (this.taint(declarator.init) && this.destructuredKeyIsDetail(def.name)) result = 'detail';
      }
    }
    // Later writes: `msg = err.message`, and member writes `body.error = err.message`.
    for (const reference of variable.references) {
      if (reference.isWrite() && reference.writeExpr && !variable.defs.some((d) => d.type === 'Variable' && d.node.init === reference.writeExpr)) {
        const parent = reference.identifier.parent;
        if (parent?.type === 'AssignmentExpression' && parent.left === reference.identifier) {
          result = strongest(result, this.taint(reference.writeExpr));
        }
      }
      const member = reference.identifier.parent;
      if (
        member?.type === 'MemberExpression' &&
        member.object === reference.identifier &&
        member.parent.type === 'AssignmentExpression' &&
        member.parent.left === member &&
        this.taint(member.parent.right)
      ) {
        result = strongest(result, 'detail');
      }
    }
    return result;
  }

  /** A parameter the function itself treats as an error: it tests `p instanceof Error` or reads `p.stack`. */
  private treatedAsError(variable: Variable): boolean {
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || def?.type !== 'Parameter' || def.name.parent?.type === 'Property') return false;
    return variable.references.some((reference) => {
      const parent = reference.identifier.parent;
      if (parent?.type === 'BinaryExpression') return parent.operator === 'instanceof' && parent.left === reference.identifier && this.isGlobal(parent.right, 'Error');
      return parent?.type === 'MemberExpression' && parent.object === reference.identifier && propertyName(parent) === 'stack' && !isWritten(parent);
    });
  }

  /** A parameter of one of the file's functions, given an error or its details where it is called. */
  private parameterTaint(variable: Variable): ErrorTaint | undefined {
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || def?.type !== 'Parameter' || !isFunctionNode(def.node)) return undefined;
    const fn = def.node;
    const index = fn.params.findIndex((p) => paramName(p) === def.name);
    if (index < 0) return undefined;
    let result: ErrorTaint | undefined;
    for (const call of localFunctions(this.facts).callsOf(fn)) {
      const argument = call.arguments[index];
      if (argument && argument.type !== 'SpreadElement') result = strongest(result, this.taint(argument));
    }
    return result;
  }

  private paramHolding(fn: FunctionNode, name: Node): TSESTree.Parameter | undefined {
    return fn.params.find((p) => p.range[0] <= name.range[0] && name.range[1] <= p.range[1]);
  }

  /** The destructured parameter is itself at a source position. */
  private patternSource(holder: Node, def: TSESLint.Scope.Definition): boolean {
    if (def.type === 'CatchClause') return true;
    const fn = def.node as FunctionNode;
    const index = fn.params.indexOf(holder as TSESTree.Parameter);
    return index >= 0 && this.handlerRoles(fn).source === index;
  }

  /** `{ message }` or `{ stack: s }` is a detail; `{ code }` is not. */
  private destructuredKeyIsDetail(name: Node): boolean {
    const property = name.parent?.type === 'AssignmentPattern' ? name.parent.parent : name.parent;
    if (property?.type === 'RestElement') return true;
    if (property?.type !== 'Property') return true;
    const key = propertyName(property);
    return key === undefined || !SAFE_ERROR_KEYS.has(key);
  }

  // ── handler shapes ─────────────────────────────────────────────────────────────────────────

  /** Which parameters of `fn` are the error, the response, the Koa context or the socket. */
  handlerRoles(fn: FunctionNode): HandlerRoles {
    let roles = this.rolesMemo.get(fn);
    if (!roles) {
      roles = {};
      this.rolesMemo.set(fn, roles);
      for (const site of this.registrations(fn)) Object.assign(roles, site.option ? site.option.roles(fn.params.length) : this.rolesAt(site.call, site.index, fn), roles);
      if (Object.keys(roles).length === 0 && isExposed(fn, (id) => this.isGlobal(id, id.name))) roles = this.exposedRoles(fn);
      this.rolesMemo.set(fn, roles);
    }
    return roles;
  }

  /** Where a function is handed over: as an argument, directly or by name, or as a handler option (OPTION_HANDLERS). */
  private registrations(fn: FunctionNode): Registration[] {
    const sites: Registration[] = [];
    const addUse = (use: Node): void => {
      const parent = use.parent;
      if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee !== use) {
        const index = parent.arguments.indexOf(use as TSESTree.CallExpressionArgument);
        // `app.get('/x', asyncHandler(async (req, res) => …))`: a wrapper of the one function
        // hands it to the route as it is; the route decides first.
        const outer = parent.parent;
        if (parent.arguments.length === 1 && index === 0 && (outer?.type === 'CallExpression' || outer?.type === 'NewExpression') && outer.callee !== parent && !this.facts.api(parent)) {
          const at = outer.arguments.indexOf(parent);
          if (at >= 0) sites.push({ call: outer, index: at });
        }
        if (index >= 0) sites.push({ call: parent, index });
      } else if (parent?.type === 'AssignmentExpression' && parent.right === use) {
        sites.push({ call: parent, index: 0 });
      } else if (parent?.type === 'Property' && parent.value === use) {
        // `{ method: 'GET', url: '/x', handler(request, reply) {…} }` given to `.route(…)`.
        const key = propertyName(parent);
        const option = key !== undefined && Object.hasOwn(OPTION_HANDLERS, key) ? OPTION_HANDLERS[key] : undefined;
        let holder: Node | undefined = parent.parent;
        if (holder?.parent?.type === 'ArrayExpression') holder = holder.parent;
        const call = holder?.parent;
        if (!option || call?.type !== 'CallExpression' || !call.arguments.includes(holder)) return;
        const method = call.callee.type === 'MemberExpression' ? propertyName(call.callee) : undefined;
        if (option.inRoute && method !== 'route' && !(method !== undefined && ROUTE_VERBS.has(method) && isRoutePath(call.arguments[0], this.facts))) return;
        sites.push({ call, index: -1, option });
      }
    };
    addUse(fn);
    // `function onError(err, req, res, next) {…}` … `app.use(onError)`.
    let binding: TSESTree.Identifier | undefined;
    if (fn.type === 'FunctionDeclaration' && fn.id) binding = fn.id;
    else if (fn.parent?.type === 'VariableDeclarator' && fn.parent.init === fn && fn.parent.id.type === 'Identifier') binding = fn.parent.id;
    if (binding) {
      const variable = this.facts.variableOf(binding);
      for (const reference of variable?.references ?? []) if (reference.isRead()) addUse(reference.identifier);
    }
    // `app.get('/x', ctrl.show)`, `router.get('/x', this.show.bind(this))`: a method handed over by name.
    for (const member of localFunctions(this.facts).methodReads(fn)) {
      const bind = member.parent;
      const bound = bind?.type === 'MemberExpression' && bind.object === member && propertyName(bind) === 'bind' && bind.parent.type === 'CallExpression' && bind.parent.callee === bind;
      addUse(bound ? bind.parent : member);
    }
    return sites;
  }

  private rolesAt(
    site: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.AssignmentExpression,
    index: number,
    fn: FunctionNode,
  ): HandlerRoles {
    const arity = fn.params.length;
    if (site.type === 'AssignmentExpression') {
      // `ctx.onerror = (err) => …`, `app.onerror = function (err) {…}`.
      return site.left.type === 'MemberExpression' && propertyName(site.left) === 'onerror' ? { source: 0 } : {};
    }
    // Only servers and fs callbacks matter here: a file that loads neither module needs no API tracking.
    const source = this.facts.sourceCode;
    const info = loads(source, HANDLER_MODULES) ? this.facts.api(site)?.info : undefined;
    if (info?.kind === 'other') {
      if ((info.module === 'http' && (info.name === 'createServer' || info.name === 'Server')) && arity >= 2) return { response: 1 };
      if (info.module === 'http2' && HTTP2_SERVERS.has(info.name) && arity >= 2) return { response: 1 };
      if (info.module === 'net' && (info.name === 'createServer' || info.name === 'Server') && arity >= 1) return { socket: 0 };
    }
    if (info?.kind === 'fs' && (info.style === 'callback' || info.style === 'either') && index === site.arguments.length - 1) {
      return arity >= 1 ? { source: 0 } : {};
    }
    if (site.type !== 'CallExpression' || site.callee.type !== 'MemberExpression') return this.errorFirst(site, index, fn);
    const method = propertyName(site.callee);
    if (method === undefined) return {};
    if (method === 'catch' && index === 0) return { source: 0 };
    if (method === 'then' && index === 1) return { source: 0 };
    if (method === 'setErrorHandler' && index === 0) return arity >= 3 ? { source: 0, response: 2 } : { source: 0 };
    if (method === 'onError' && index === 0 && this.isMadeBy(site.callee.object, HONO_MODULES, HONO_APP)) return arity >= 2 ? { source: 0, koa: 1 } : { source: 0 };
    if (LISTENER_METHODS.has(method) && index === 1) {
      const event = stringArgument(site.arguments[0]);
      if (event === 'request' && arity >= 2) return { response: 1 };
      if (event === 'connection' && arity >= 1) return { socket: 0 };
      // An HTTP/2 server's stream carries the response (`stream.respond(…)`, `stream.end(body)`);
      // a client session's pushed streams come from the server, so the receiver must be one.
      if (event === 'stream' && arity >= 1 && this.isMadeBy(site.callee.object, HTTP2_MODULE, HTTP2_SERVERS)) return { response: 0 };
      if (event === 'error') return arity === 2 ? { source: 0, koa: 1 } : { source: 0 };
      return {};
    }
    const verb = ROUTE_VERBS.has(method);
    if (verb || ROUTE_ANY.has(method)) {
      // `app.get('/x', h)`, or `app.route('/x').get(h)` where the path came first.
      const routed = site.callee.object.type === 'CallExpression' && site.callee.object.callee.type === 'MemberExpression' && propertyName(site.callee.object.callee) === 'route' && isRoutePath(site.callee.object.arguments[0], this.facts);
      // koa-router names a route before its path: `router.get('user', '/users/:id', h)`.
      if (verb && !routed && !site.arguments.slice(0, Math.max(index, 0)).some((a) => isRoutePath(a, this.facts))) return {};
      if (arity === 4) return { source: 0, response: 2 };
      if (arity === 1) return { koa: 0 };
      if (arity === 2 && this.isCalledNext(fn.params[1])) return { koa: 0 };
      if (arity === 2 || arity === 3) return { response: 1 };
      return {};
    }
    return this.errorFirst(site, index, fn);
  }

  /** Whether `expression` holds what one of `names` from `modules` returns or constructs (`new Hono()`, `http2.createServer()`). */
  private isMadeBy(expression: Node, modules: ReadonlySet<string>, names: ReadonlySet<string>): boolean {
    const info = loads(this.facts.sourceCode, modules) ? this.facts.origin(expression)?.info : undefined;
    return info?.kind === 'other' && modules.has(info.module) && names.has(info.name);
  }

  /**
   * A handler that a factory returns or the file exports, registered by code the file cannot
   * see: Express error middleware `(err, req, res, next)` writing to its third parameter, Koa
   * middleware `(ctx, next)` calling `next`, a `(req, res)` handler writing to its second.
   */
  private exposedRoles(fn: FunctionNode): HandlerRoles {
    const arity = fn.params.length;
    if (arity === 4 && this.isResponseShaped(fn.params[2]) && !this.isServiceShaped(fn.params[0])) return { source: 0, response: 2 };
    if (arity === 2 && this.isCalledNext(fn.params[1])) return { koa: 0 };
    // Connect/Express middleware `(req, res, next)` calling `next`, or writing a response-shaped `res`.
    if (arity === 3 && this.isCalledNext(fn.params[2])) return { response: 1 };
    if ((arity === 2 || arity === 3) && this.isResponseShaped(fn.params[1])) return { response: 1 };
    return {};
  }

  /**
   * A parameter used the way only an HTTP response is: its status code or message set,
   * `writeHead` called, or a status set and a body sent in one chain (`res.status(500).json(…)`,
   * Express and Next.js API routes): a client request has headers and `end`, but no status.
   */
  private isResponseShaped(param: TSESTree.Parameter | undefined): boolean {
    return this.someMemberOf(param, (member) => {
      const key = propertyName(member);
      if (key === 'statusCode' || key === 'statusMessage') return isWritten(member);
      const call = member.parent;
      if (call.type !== 'CallExpression' || call.callee !== member) return false;
      if (key === 'writeHead') return true;
      const next = call.parent;
      if (key !== 'status' || next.type !== 'MemberExpression' || next.object !== call) return false;
      const sent = propertyName(next);
      return sent !== undefined && Object.hasOwn(RESPONSE_SINKS, sent) && next.parent.type === 'CallExpression' && next.parent.callee === next;
    });
  }

  /**
   * A parameter whose members the function calls (`options.limitHandler(req, res, next)`): a
   * set of options or services, not the error of an `(err, req, res, next)` middleware, whose
   * one method a handler calls is `toString`.
   */
  private isServiceShaped(param: TSESTree.Parameter | undefined): boolean {
    return this.someMemberOf(param, (member) => member.parent.type === 'CallExpression' && member.parent.callee === member && propertyName(member) !== 'toString');
  }

  /** Whether `test` holds for some member of the parameter the function reads (`res.statusCode`, `options.onLimit`). */
  private someMemberOf(param: TSESTree.Parameter | undefined, test: (member: TSESTree.MemberExpression) => boolean): boolean {
    const id = paramName(param);
    const variable = id && this.facts.variableOf(id);
    return (variable?.references ?? []).some((reference) => {
      const member = reference.identifier.parent;
      return member?.type === 'MemberExpression' && member.object === reference.identifier && test(member);
    });
  }

  /** The second parameter of a Koa middleware is `next`: called, never a receiver. */
  private isCalledNext(param: TSESTree.Parameter | undefined): boolean {
    const id = paramName(param);
    const variable = id && this.facts.variableOf(id);
    if (!variable || variable.references.length === 0) return false;
    return variable.references.every((r) => r.identifier.parent?.type === 'CallExpression' && r.identifier.parent.callee === r.identifier);
  }

  /** `db.query(sql, (err, rows) => { if (err) … })`: the last argument, whose first parameter is tested. */
  private errorFirst(site: TSESTree.CallExpression | TSESTree.NewExpression, index: number, fn: FunctionNode): HandlerRoles {
    if (site.type !== 'CallExpression' || index !== site.arguments.length - 1) return {};
    const callee = unwrap(site.callee);
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    if (name !== undefined && (NOT_ERROR_FIRST.has(name) || LISTENER_METHODS.has(name))) return {};
    const first = paramName(fn.params[0]);
    const variable = first && this.facts.variableOf(first);
    if (!variable) return {};
    return variable.references.some((r) => isTruthinessTest(r.identifier)) ? { source: 0 } : {};
  }

  // ── derivations ────────────────────────────────────────────────────────────────────────────

  /** Whether an expression carries a caught error or details of one. */
  taint(expression: Node): ErrorTaint | undefined {
    if (this.taintMemo.has(expression)) return this.taintMemo.get(expression);
    if (this.inProgress.has(expression) || this.inProgress.size > MAX_DEPTH * 4) return undefined;
    this.inProgress.add(expression);
    try {
      const taint = this.computeTaint(expression);
      this.taintMemo.set(expression, taint);
      return taint;
    } finally {
      this.inProgress.delete(expression);
    }
  }

  private computeTaint(expression: Node): ErrorTaint | undefined {
    const node = unwrap(expression);
    if (node !== expression) return this.taint(node);
    switch (node.type) {
      case 'Identifier': {
        const variable = this.facts.variableOf(node);
        return variable ? this.variableTaint(variable) : undefined;
      }
      case 'MemberExpression': {
        const object = this.taint(node.object);
        const key = propertyName(node);
        // A stack trace is a detail whoever made the object (`opts.error.stack`, `job.failure.stack`),
        // unless it is only copied to another `stack` (`list.stack = other.list.stack`), which
        // is where a non-error's `stack` (a middleware list) goes as often as an error's.
        if (!object) return key === 'stack' && !isWritten(node) && !isCopiedToStack(node) ? 'detail' : undefined;
        if (object === 'error') return key !== undefined && SAFE_ERROR_KEYS.has(key) ? undefined : 'detail';
        if (key === 'length') return undefined;
        // `body.code` where `const body = { code: e.code, error: e.message }`.
        const literal = this.objectLiteralOf(node.object);
        if (literal && key !== undefined && !literal.properties.some((p) => p.type === 'SpreadElement')) {
          const property = literal.properties.find((p) => p.type === 'Property' && propertyName(p) === key);
          return property?.type === 'Property' ? (this.taint(property.value) ? 'detail' : undefined) : undefined;
        }
        return 'detail';
      }
      case 'TemplateLiteral':
        return node.expressions.some((e) => this.taint(e)) ? 'detail' : undefined;
      case 'TaggedTemplateExpression':
        return node.quasi.expressions.some((e) => this.taint(e)) ? 'detail' : undefined;
      case 'BinaryExpression':
        return node.operator === '+' && (this.taint(node.left) || this.taint(node.right)) ? 'detail' : undefined;
      case 'LogicalExpression':
        return node.operator === '&&' ? this.taint(node.right) : strongest(this.taint(node.left), this.taint(node.right));
      case 'ConditionalExpression':
        // `err.expose ? err.message : 'Internal error'`: the branch for errors made for clients carries nothing.
        return strongest(this.isClientErrorTest(node.test) ? undefined : this.taint(node.consequent), this.taint(node.alternate));
      case 'SequenceExpression':
        return node.expressions.length > 0 ? this.taint(node.expressions[node.expressions.length - 1]!) : undefined;
      case 'AssignmentExpression':
        return node.operator === '=' ? this.taint(node.right) : undefined;
      case 'ObjectExpression':
        // `{ code: errorCode }`: what an error-first callback passed is a code under a code's key.
        return node.properties.some((p) =>
          p.type === 'SpreadElement'
            ? this.taint(p.argument)
            : p.value.type !== 'AssignmentPattern' && this.taint(p.value) && !(this.taint(p.value) === 'error' && SAFE_ERROR_KEYS.has(propertyName(p) ?? '')),
        )
          ? 'detail'
          : undefined;
      case 'ArrayExpression':
        return node.elements.some((e) => e && this.taint(e.type === 'SpreadElement' ? e.argument : e)) ? 'detail' : undefined;
      case 'CallExpression':
        return this.taintOfCall(node);
      default:
        return undefined;
    }
  }

  private objectLiteralOf(node: Node): TSESTree.ObjectExpression | undefined {
    const target = unwrap(node);
    if (target.type === 'ObjectExpression') return target;
    if (target.type !== 'Identifier') return undefined;
    const variable = this.facts.variableOf(target);
    const init = variable && this.facts.singleValue(variable);
    const mutated = variable?.references.some((r) => r.identifier.parent?.type === 'MemberExpression' && r.identifier.parent.parent.type === 'AssignmentExpression' && r.identifier.parent.parent.left === r.identifier.parent);
    return init?.type === 'ObjectExpression' && !mutated ? init : undefined;
  }

  private isSanitizer(callee: Node): boolean {
    if (callee.type === 'Identifier') return this.sanitizers.has(callee.name);
    if (callee.type === 'MemberExpression') {
      const key = propertyName(callee);
      return (key !== undefined && this.sanitizers.has(key)) || this.sanitizers.has(this.facts.sourceCode.getText(callee));
    }
    return false;
  }

  private isGlobal(node: Node, name: string): boolean {
    if (node.type !== 'Identifier' || node.name !== name) return false;
    const variable = this.facts.variableOf(node);
    return !variable || variable.defs.length === 0;
  }

  private taintOfCall(node: TSESTree.CallExpression): ErrorTaint | undefined {
    const callee = unwrap(node.callee);
    if (this.isSanitizer(callee)) return undefined;
    // One of the file's own functions returns what its `return`s carry.
    const local = localFunctions(this.facts).calledFunction(node);
    if (local) return this.returnsLastFirst(local).reduce<ErrorTaint | undefined>((t, r) => strongest(t, this.taint(r)), undefined);
    const args = node.arguments.map((a) => (a.type === 'SpreadElement' ? a.argument : a));
    const anyArg = (): ErrorTaint | undefined => args.reduce<ErrorTaint | undefined>((t, a) => strongest(t, this.taint(a)), undefined);
    if (this.isGlobal(callee, 'String')) return args[0] && this.taint(args[0]) ? 'detail' : undefined;
    if (NUMERIC_GLOBALS.has(callee.type === 'Identifier' ? callee.name : '') && this.isGlobal(callee, (callee as TSESTree.Identifier).name)) return undefined;
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && NUMERIC_NAMESPACES.has(callee.object.name) && this.isGlobal(callee.object, callee.object.name)) {
      const method = propertyName(callee);
      if (method === 'byteLength' || callee.object.name !== 'Buffer') return undefined;
    }
    const info = anyArg() ? this.facts.api(node)?.info : undefined;
    if (info?.kind === 'other' && ERROR_RENDERERS.some((api) => api.module === info.module && api.name === info.name)) return 'detail';
    if (callee.type === 'MemberExpression') {
      const method = propertyName(callee);
      const object = unwrap(callee.object);
      // `load().catch((err) => ({ error: err.message }))`: what the rejection handler returns is the promise's value.
      const onRejected = method === 'catch' ? args[0] : method === 'then' ? args[1] : undefined;
      if (onRejected && isFunctionNode(onRejected)) {
        const handled = this.facts.returnsOf(onRejected).reduce<ErrorTaint | undefined>((t, r) => strongest(t, this.taint(r)), undefined);
        if (handled) return handled;
      }
      if (this.isGlobal(object, 'JSON') && method === 'stringify') return args[0] && this.taint(args[0]) ? 'detail' : undefined;
      if (this.isGlobal(object, 'Object') && (method === 'assign' || method === 'entries' || method === 'values' || method === 'fromEntries')) {
        return anyArg() ? 'detail' : undefined;
      }
      if (method !== undefined && STRING_PRESERVING.has(method) && this.taint(callee.object)) return 'detail';
      if (method !== undefined && !STRING_PRESERVING.has(method) && this.taint(callee.object)) return undefined;
    }
    // An unknown function given a message or stack (escaping, formatting, translating) still
    // returns it; one given the error object itself is a mapper, trusted to choose what to keep.
    return args.some((a) => this.taint(a) === 'detail') ? 'detail' : undefined;
  }

  /**
   * A local function's returned values, the last first. Taint and provenance stop at a depth
   * and a budget of nodes, so in a large bundle the order decides which of many paths is
   * followed: this is the order whose reports were read on real code.
   */
  private returnsLastFirst(fn: FunctionNode): Node[] {
    return [...this.facts.returnsOf(fn)].reverse();
  }

  // ── provenance ─────────────────────────────────────────────────────────────────────────────

  /** Where the error in a tainted expression comes from, for placing reports. */
  provenance(expression: Node): Provenance {
    let result = this.provenanceMemo.get(expression);
    if (!result) {
      // Memoised empty first: a helper that calls itself passes its own parameter on.
      this.provenanceMemo.set(expression, { origins: [], entries: [], remote: [] });
      const origins = new Set<Node>();
      const entries = new Set<Node>();
      const remote = new Set<Node>();
      this.collectProvenance(expression, origins, entries, remote, new Set());
      const inOrder = (set: Set<Node>): Node[] => [...set].sort((a, b) => a.range[0] - b.range[0]);
      result = { origins: inOrder(origins), entries: inOrder(entries), remote: inOrder(remote) };
      this.provenanceMemo.set(expression, result);
    }
    return result;
  }

  private collectProvenance(expression: Node, origins: Set<Node>, entries: Set<Node>, remote: Set<Node>, seen: Set<unknown>): void {
    const visit = (n: Node | null | undefined): void => {
      if (n) this.collectProvenance(n, origins, entries, remote, seen);
    };
    const node = unwrap(expression);
    if (node.type === 'Property') return visit(node.value);
    if (node.type === 'SpreadElement') return visit(node.argument);
    if (seen.has(node) || seen.size > MAX_DEPTH * 16 || !this.taint(node)) return;
    seen.add(node);
    if (node.type === 'Identifier') {
      const variable = this.facts.variableOf(node);
      if (!variable || seen.has(variable)) return;
      seen.add(variable);
      // A parameter is where details are taken only when it holds the error or a detail
      // destructured from it; one that merely had a detail written into it (`opts.msg = …`)
      // leads on to those writes below.
      const destructured = variable.defs.some((d) => (d.type === 'CatchClause' ? d.node.param !== d.name : d.type === 'Parameter' && isFunctionNode(d.node) && !d.node.params.some((p) => paramName(p) === d.name)));
      if (this.isErrorSource(variable) || this.treatedAsError(variable) || (destructured && !this.viaCalls.has(variable))) {
        origins.add(node);
        return;
      }
      if (this.viaCalls.has(variable)) {
        const def = variable.defs[0]!;
        const fn = def.node as FunctionNode;
        const index = fn.params.findIndex((p) => paramName(p) === def.name);
        for (const call of localFunctions(this.facts).callsOf(fn)) {
          const argument = call.arguments[index];
          if (!argument || !this.taint(argument)) continue;
          // Through helpers that pass it on, to the call where it enters them.
          const outer = this.provenance(argument);
          if (outer.origins.length === 0 && outer.entries.length > 0) for (const entry of outer.entries) entries.add(entry);
          // An argument enters with an error only where one can be traced to it: taint alone, in a
          // large bundle, reaches arguments such as a base URL through unrelated helpers.
          else if (outer.origins.length > 0) entries.add(argument);
          for (const origin of [...outer.origins, ...outer.remote]) remote.add(origin);
        }
        return;
      }
      for (const def of variable.defs) if (def.type === 'Variable' && def.node.init) visit(def.node.init);
      for (const reference of variable.references) {
        const parent = reference.identifier.parent;
        if (reference.isWrite() && parent?.type === 'AssignmentExpression' && parent.left === reference.identifier) visit(parent.right);
        if (parent?.type === 'MemberExpression' && parent.object === reference.identifier && parent.parent.type === 'AssignmentExpression' && parent.parent.left === parent) visit(parent.parent.right);
      }
      return;
    }
    if (node.type === 'MemberExpression') {
      const object = this.taint(node.object);
      if (object === 'error' || (!object && propertyName(node) === 'stack')) origins.add(node);
      else visit(node.object);
      return;
    }
    if (node.type === 'CallExpression') {
      const local = localFunctions(this.facts).calledFunction(node);
      if (local) {
        for (const value of this.returnsLastFirst(local)) visit(value);
        return;
      }
    }
    const keys = this.facts.sourceCode.visitorKeys[node.type] ?? [];
    for (const key of keys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (c && typeof (c as Node).type === 'string' && !isFunctionNode(c as Node)) visit(c as Node);
      }
    }
  }

  // ── sinks ──────────────────────────────────────────────────────────────────────────────────

  /** The values a call hands to a client, when it is a client-facing sink. Cheap when it is not. */
  callSinks(call: TSESTree.CallExpression): ClientSink[] {
    // Names first: most calls are not sinks, and that needs no API tracking to know.
    const callee = unwrap(call.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
    if (method === undefined) return [];
    const responseAt = Object.hasOwn(RESPONSE_SINKS, method) ? RESPONSE_SINKS[method] : undefined;
    const socketAt = Object.hasOwn(SOCKET_SINKS, method) ? SOCKET_SINKS[method] : undefined;
    const contextAt = Object.hasOwn(CONTEXT_SINKS, method) ? CONTEXT_SINKS[method] : undefined;
    const koaThrow = method === 'throw';
    if (responseAt === undefined && socketAt === undefined && contextAt === undefined && !koaThrow) return [];
    // `process.send` is not a sink: the parent process is the application itself, not a client.
    if (callee.type !== 'MemberExpression' || !this.receiverCandidate(callee.object)) return [];
    // The receiver before the arguments: whether a variable is a response or socket is decided
    // from its own binding, while an argument's taint can lead through every caller in the file,
    // and most `map.set(k, v)` or `emitter.emit(…)` have no client behind them.
    const candidates = call.arguments.filter((a) => a.type !== 'SpreadElement');
    const receiver = this.receiver(callee.object);
    if (!receiver || !candidates.some((a) => this.taint(a))) return [];
    const via = `${this.facts.sourceCode.getText(receiver.node)}.${method}()`;
    const pick = (at: number | undefined): ClientSink[] => {
      if (at === undefined) return [];
      const values = at === -1 ? candidates.slice(1) : candidates.slice(at, at + 1);
      return values.map((value) => ({ value, via, role: receiver.role }));
    };
    if (receiver.role === 'response') {
      // `reply.send(err)` with the error object: Fastify hands it to the error handler the app
      // configures, Express serialises only its own enumerable properties.
      // A system error from an fs callback is still reported: its enumerable `path` goes out either way.
      const sinks = pick(responseAt);
      return method === 'send' ? sinks.filter((s) => this.taint(s.value) !== 'error' || this.isFsCallbackError(s.value)) : sinks;
    }
    if (receiver.role === 'socket') {
      const sinks = pick(socketAt);
      return method === 'emit' ? sinks.filter((s) => this.taint(s.value) === 'detail') : sinks;
    }
    // `ctx.throw(err)` with the error object: Koa exposes its message only below 500, and a system error is a 500.
    if (receiver.role === 'koa-context' && koaThrow) return candidates.filter((a) => this.taint(a) === 'detail').map((value) => ({ value, via, role: receiver.role }));
    return receiver.role === 'koa-context' ? pick(contextAt) : [];
  }

  /**
   * What a Fastify route handler or error handler returns is its response (`return { error:
   * err.message }`). Express and Koa ignore a plain return and Hono rejects one, so only files
   * that name Fastify are asked. A raw error returned goes to the app's error handler, as
   * `reply.send(err)` does; a return that sends through a parameter (`return reply.code(500)
   * .send(…)`, `return next(err)`, `return fail(reply, err)`) is judged where that sends.
   * `registrations` come from `returningHandlerCalls`.
   */
  returnSinks(registrations: readonly TSESTree.CallExpression[]): ClientSink[] {
    return registrations.flatMap((call) =>
      this.returningHandlers(call, propertyName(call.callee as TSESTree.MemberExpression)!).flatMap((fn) => this.returnedDetails(fn, 'the value a Fastify handler returns')),
    );
  }

  /**
   * What a NestJS controller method under a route decorator returns is the response body
   * (`return { error: e.message }`); as in Fastify, a raw error returned is serialised to its
   * own enumerable fields only, and a return through a parameter (`@Res() res`) sends there.
   * The decorator is found where the file applies it: on the method, or, compiled, in
   * `__decorate([(0, common_1.Get)(':id'), …], X.prototype, 'show', null)`.
   */
  nestRouteSinks(): ClientSink[] {
    const sinks: ClientSink[] = [];
    for (const { node, info } of this.facts.refs) {
      if (node.type !== 'CallExpression' || info.kind !== 'other' || !NEST_ROUTES.includes(info)) continue;
      const method = this.decoratedMethod(node);
      if (method) sinks.push(...this.returnedDetails(method, 'the value a NestJS route handler returns'));
    }
    return sinks;
  }

  private decoratedMethod(decorator: TSESTree.CallExpression): FunctionNode | undefined {
    const parent = decorator.parent;
    if (parent.type === 'Decorator') {
      const method = parent.parent;
      return method.type === 'MethodDefinition' && isFunctionNode(method.value) ? method.value : undefined;
    }
    const apply = parent.type === 'ArrayExpression' ? parent.parent : undefined;
    if (apply?.type !== 'CallExpression' || apply.arguments[0] !== parent) return undefined;
    const [, target, key] = apply.arguments;
    const name = key && key.type !== 'SpreadElement' ? this.facts.staticValue(key) : undefined;
    if (target?.type !== 'MemberExpression' || propertyName(target) !== 'prototype' || target.object.type !== 'Identifier' || typeof name !== 'string') return undefined;
    return localFunctions(this.facts).prototypeMethod(target.object, name);
  }

  /** The returns of a handler whose framework sends what it returns, when they carry error details. */
  private returnedDetails(fn: FunctionNode, via: string): ClientSink[] {
    return this.facts.returnsOf(fn).flatMap((value) => (!sendsThroughParameter(value, fn, this.facts) && this.taint(value) === 'detail' ? [{ value, via, role: 'response' as const }] : []));
  }

  /**
   * The body of each web response a route handler returns (`return NextResponse.json({ error:
   * e.message }, { status: 500 })`, `return new Response(err.stack)`), directly or through a
   * `const`: the framework sends it. A raw error counts too: `new Response(err)` sends its
   * `String()`, `Response.json(err)` its own enumerable fields (a system error's `path`).
   * `handlers` come from `webRouteHandlers`.
   */
  responseSinks(handlers: readonly FunctionNode[]): ClientSink[] {
    const sinks: ClientSink[] = [];
    for (const fn of handlers) {
      for (const returned of this.builtResponses(this.facts.returnsOf(fn))) {
        const ref = this.facts.origin(returned);
        const made = ref?.node;
        const info = ref?.info;
        if ((made?.type !== 'CallExpression' && made?.type !== 'NewExpression') || info?.kind !== 'other' || !WEB_RESPONSES.includes(info)) continue;
        const body = made.arguments[0];
        if (body && body.type !== 'SpreadElement' && this.taint(body)) {
          sinks.push({ value: body, via: made.type === 'NewExpression' ? `new ${info.name}()` : `${info.name}()`, role: 'response' });
        }
      }
    }
    return sinks;
  }

  /**
   * The `body` of each `{ statusCode, body }` response a serverless handler returns or passes to
   * its callback (`callback(null, response)`): the gateway sends it as it is. `handlers` come
   * from `proxyHandlers`.
   */
  proxyResponseSinks(handlers: readonly Node[]): ClientSink[] {
    return handlers.flatMap((handler) => {
      const fn = this.handlerFunction(handler);
      const responses = fn ? this.builtResponses([...this.facts.returnsOf(fn), ...this.callbackResponses(fn)]) : [];
      return this.responseObjectSinks(responses, ['body'], 'statusCode', 'the body of the response a serverless handler returns');
    });
  }

  /**
   * The body of each response an Azure Functions HTTP handler returns (`{ status: 500, jsonBody:
   * { error: e.message } }`): the handler of `app.http(name, { handler })` or of a method
   * shortcut, inline or a function of the file by name.
   */
  azureResponseSinks(): ClientSink[] {
    const sinks: ClientSink[] = [];
    for (const { node, info } of this.facts.refs) {
      if (node.type !== 'CallExpression' || info.kind !== 'other' || !AZURE_HTTP_TRIGGERS.includes(info)) continue;
      const options = node.arguments[1];
      if (!options || options.type === 'SpreadElement') continue;
      const handler = objectLiteralOf(this.facts, options)?.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === 'handler')?.value ?? options;
      const fn = this.handlerFunction(handler);
      if (fn) sinks.push(...this.responseObjectSinks(this.builtResponses(this.facts.returnsOf(fn)), ['body', 'jsonBody'], undefined, 'the response an Azure Functions handler returns'));
    }
    return sinks;
  }

  /**
   * The response an Azure Functions handler of the classic model sets (`context.res = { status:
   * 500, body: err.message }`, `context.res.body = …`). `handlers` come from `classicAzureHandlers`.
   */
  azureContextSinks(handlers: readonly FunctionNode[]): ClientSink[] {
    const via = 'the response an Azure Functions handler sets';
    const sinks: ClientSink[] = [];
    for (const fn of handlers) {
      const context = this.facts.variableOf(fn.params[0] as TSESTree.Identifier);
      for (const { identifier } of context?.references ?? []) {
        const res = identifier.parent;
        if (res?.type !== 'MemberExpression' || res.object !== identifier || propertyName(res) !== 'res') continue;
        const assigned = (target: Node) => (target.parent?.type === 'AssignmentExpression' && target.parent.operator === '=' && target.parent.left === target ? target.parent.right : undefined);
        const response = assigned(res);
        if (response) sinks.push(...this.responseObjectSinks(this.builtResponses([response]), ['body'], undefined, via));
        const body = res.parent.type === 'MemberExpression' && res.parent.object === res && propertyName(res.parent) === 'body' ? assigned(res.parent) : undefined;
        if (body && this.taint(body)) sinks.push({ value: body, via, role: 'response' });
      }
    }
    return sinks;
  }

  /** The responses a handler answers with, through the file's own functions that build them (`return failure(e)`). */
  private builtResponses(values: readonly Node[], depth = 0): Node[] {
    return values.flatMap((value) => {
      const node = unwrap(value);
      const builder = node.type === 'CallExpression' && depth < 3 ? localFunctions(this.facts).calledFunction(node) : undefined;
      return builder ? this.builtResponses(this.facts.returnsOf(builder), depth + 1) : [node];
    });
  }

  /** The function a handler expression stands for: inline, or a function of the file by name. */
  private handlerFunction(node: Node): FunctionNode | undefined {
    const value = unwrap(node);
    return isFunctionNode(value) ? value : value.type === 'Identifier' ? localFunctions(this.facts).functionOf(value) : undefined;
  }

  /**
   * Error details under `bodyKeys` of the response objects a handler answers with (object
   * literals, inline or through a `const`), those that have `requiredKey` when one is given. A
   * raw error counts, as for a web response (`body: String(err)`, `jsonBody: err`).
   */
  private responseObjectSinks(responses: readonly Node[], bodyKeys: readonly string[], requiredKey: string | undefined, via: string): ClientSink[] {
    const sinks: ClientSink[] = [];
    for (const response of responses) {
      const properties = objectLiteralOf(this.facts, unwrap(response))?.properties ?? [];
      const keyed = (key: string) => properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyName(p) === key);
      if (requiredKey !== undefined && !keyed(requiredKey)) continue;
      for (const key of bodyKeys) {
        const body = keyed(key)?.value;
        if (body && this.taint(body)) sinks.push({ value: body, via, role: 'response' });
      }
    }
    return sinks;
  }

  /** What a callback-style handler `(event, context, callback)` answers with: the second argument of each call of `callback`. */
  private callbackResponses(fn: FunctionNode): Node[] {
    const callback = fn.params[2];
    const variable = callback?.type === 'Identifier' ? this.facts.variableOf(callback) : undefined;
    return (variable?.references ?? []).flatMap(({ identifier }) => {
      const call = identifier.parent;
      const response = call?.type === 'CallExpression' && call.callee === identifier ? call.arguments[1] : undefined;
      return response && response.type !== 'SpreadElement' ? [response] : [];
    });
  }

  /** The handlers of a route or error-handler registration, inline or by the name of a function of the file. */
  private returningHandlers(call: TSESTree.CallExpression, method: string): FunctionNode[] {
    const functionOf = (node: Node | undefined): FunctionNode | undefined => (node ? this.handlerFunction(node) : undefined);
    if (method === 'setErrorHandler') return [functionOf(call.arguments[0])].filter((fn) => fn !== undefined);
    const handlers: FunctionNode[] = [];
    const options = call.arguments.filter((a): a is TSESTree.ObjectExpression => a.type === 'ObjectExpression');
    for (const object of options) {
      for (const property of object.properties) {
        const key = property.type === 'Property' ? propertyName(property) : undefined;
        const fn = key !== undefined && Object.hasOwn(OPTION_HANDLERS, key) ? functionOf((property as TSESTree.Property).value) : undefined;
        if (fn) handlers.push(fn);
      }
    }
    // `.get('/x', [opts,] handler)`: a path first, the handler last.
    if (method !== 'route' && isRoutePath(call.arguments[0], this.facts)) {
      const last = call.arguments.at(-1);
      const fn = last && last.type !== 'SpreadElement' ? functionOf(last) : undefined;
      if (fn && call.arguments.length > 1) handlers.push(fn);
    }
    return handlers;
  }

  /** The error parameter of an fs callback: `fs.readFile(p, (err) => …)`. */
  private isFsCallbackError(node: Node): boolean {
    const value = unwrap(node);
    const def = value.type === 'Identifier' ? this.facts.variableOf(value)?.defs[0] : undefined;
    if (def?.type !== 'Parameter' || !isFunctionNode(def.node) || paramName(def.node.params[0]) !== def.name) return false;
    const call = def.node.parent;
    const info = call?.type === 'CallExpression' && call.arguments.at(-1) === def.node ? this.facts.api(call)?.info : undefined;
    return info?.kind === 'fs';
  }

  /**
   * The test of an environment switch a node depends on within its function: `if (env ===
   * 'development')`, `DEV ? err.stack : msg`, `if (process.env.NODE_ENV !== 'production')`.
   */
  environmentSwitch(node: Node): Node | undefined {
    for (let child: Node = node, parent = node.parent; parent && !isFunctionNode(child); child = parent, parent = parent.parent) {
      if (child.type === 'ConditionalExpression' && this.isEnvironmentTest(child.test, 0)) return child.test;
      if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test !== child && this.isEnvironmentTest(parent.test, 0)) return parent.test;
    }
    return undefined;
  }

  private isEnvironmentTest(test: Node, depth: number): boolean {
    if (depth > 4) return false;
    const node = unwrap(test);
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' && ENVIRONMENT_NAMES.test(node.value);
      case 'MemberExpression': {
        const object = unwrap(node.object);
        return object.type === 'MemberExpression' && propertyName(object) === 'env' && this.isGlobal(unwrap(object.object), 'process');
      }
      case 'Identifier': {
        const variable = this.facts.variableOf(node);
        if (!variable || this.inProgress.has(variable)) return false;
        const values = [
          ...variable.defs.flatMap((d) => (d.type === 'Variable' && d.node.init ? [d.node.init] : [])),
          ...variable.references.flatMap((r) => (r.writeExpr && r.identifier.parent?.type === 'AssignmentExpression' ? [r.writeExpr] : [])),
        ];
        return values.some((v) => this.isEnvironmentTest(v, depth + 1));
      }
      case 'BinaryExpression':
      case 'LogicalExpression':
        return this.isEnvironmentTest(node.left, depth + 1) || this.isEnvironmentTest(node.right, depth + 1);
      case 'UnaryExpression':
        return this.isEnvironmentTest(node.argument, depth + 1);
      default:
        return false;
    }
  }

  /**
   * Whether a node sits in the branch of a test that the error is one made for clients:
   * `if (err.expose)` (http-errors and Koa set `expose` on errors whose message is meant for
   * the client), or `if (err instanceof HttpError)` with a class of the application or a
   * library (`multer.MulterError`), whose messages its authors wrote: not a built-in error,
   * which carries whatever the system said. Likewise a test of the HTTP status the application
   * gave the error (`if ('status' in err)`, `if (err.statusCode < 500)`): system errors have none.
   */
  isExposeGuarded(node: Node): boolean {
    for (let child: Node = node, parent = node.parent; parent && !isFunctionNode(child); child = parent, parent = parent.parent) {
      if ((parent.type !== 'IfStatement' && parent.type !== 'ConditionalExpression') || parent.test === child) continue;
      if (this.isClientErrorTest(parent.test)) return parent.consequent === child;
    }
    return false;
  }

  private isClientErrorTest(node: Node): boolean {
    const test = unwrap(node);
    if (test.type === 'LogicalExpression' && test.operator === '&&') return this.isClientErrorTest(test.left) || this.isClientErrorTest(test.right);
    if (test.type === 'MemberExpression') {
      const key = propertyName(test);
      return (key === 'expose' || (key !== undefined && HTTP_STATUS_KEYS.has(key))) && this.taint(test.object) === 'error';
    }
    if (test.type !== 'BinaryExpression') return false;
    // `'status' in err`: an HTTP status the application gave the error.
    if (test.operator === 'in') return test.left.type === 'Literal' && HTTP_STATUS_KEYS.has(String(test.left.value)) && this.taint(test.right) === 'error';
    // `err.status < 500`, `err.statusCode === 404`, `typeof err.status === 'number'`.
    const isTypeof = test.left.type === 'UnaryExpression' && test.left.operator === 'typeof';
    // A default (`err.status || 500`) is always a number: only a comparison tells it from the status.
    if (isTypeof ? this.isErrorStatus((test.left as TSESTree.UnaryExpression).argument, false, 0) : this.isErrorStatus(test.left, true, 0)) {
      const bound = this.facts.staticValue(test.right);
      if (test.operator === '===' || test.operator === '==') return isTypeof ? bound === 'number' : typeof bound === 'number' && bound < 500;
      return !isTypeof && (test.operator === '<' || test.operator === '<=');
    }
    if (test.operator !== 'instanceof' || this.taint(test.left) !== 'error') return false;
    const type = unwrap(test.right);
    return !(type.type === 'Identifier' && BUILTIN_ERRORS.has(type.name) && !this.facts.variableOf(type)?.defs.length);
  }

  /** The HTTP status of an error: `err.status`, also through a `const`, and with `withDefault` a default (`err.status || 500`). */
  private isErrorStatus(expression: Node, withDefault: boolean, depth: number): boolean {
    const node = unwrap(expression);
    if (depth > 4) return false;
    if (node.type === 'MemberExpression') return HTTP_STATUS_KEYS.has(propertyName(node) ?? '') && this.taint(node.object) === 'error';
    if (node.type === 'LogicalExpression' && node.operator !== '&&') return withDefault && this.isErrorStatus(node.left, withDefault, depth + 1);
    const variable = node.type === 'Identifier' ? this.facts.variableOf(node) : undefined;
    const init = variable && this.facts.singleValue(variable);
    return init !== undefined && this.isErrorStatus(init, withDefault, depth + 1);
  }

  /** `ctx.body = …`, `ctx.response.body = …`, `res.statusMessage = …`, `res.locals.message = …` (what the view renders). */
  assignmentSink(assignment: TSESTree.AssignmentExpression): ClientSink | undefined {
    const left = assignment.left;
    if (left.type !== 'MemberExpression' || assignment.operator !== '=') return undefined;
    const holder = unwrap(left.object);
    if (holder.type === 'MemberExpression' && propertyName(holder) === 'locals') {
      const receiver = this.receiver(holder.object);
      if (receiver?.role !== 'response' || !this.taint(assignment.right)) return undefined;
      return { value: assignment.right, via: this.facts.sourceCode.getText(left), role: receiver.role };
    }
    const key = propertyName(left);
    if (key === undefined || !(KOA_PROPERTIES.has(key) || RESPONSE_PROPERTIES.has(key))) return undefined;
    // The receiver first, as for calls: most `x.body = …` and `this.message = …` are not Koa's.
    const object = unwrap(left.object);
    const viaResponse = object.type === 'MemberExpression' && propertyName(object) === 'response' && KOA_PROPERTIES.has(key);
    const receiver = this.receiver(viaResponse ? object.object : left.object);
    const fits = KOA_PROPERTIES.has(key) ? receiver?.role === 'koa-context' : !viaResponse && receiver?.role === 'response';
    if (!receiver || !fits || !this.taint(assignment.right)) return undefined;
    return { value: assignment.right, via: this.facts.sourceCode.getText(left), role: receiver.role };
  }

  /** `new HttpException(err.message, 500)` and NestJS's built-in subclasses: the first argument is the response body. */
  constructionSink(construction: TSESTree.NewExpression): ClientSink | undefined {
    const value = construction.arguments[0];
    if (!value || value.type === 'SpreadElement' || !this.taint(value)) return undefined;
    const info = this.facts.api(construction)?.info;
    if (info?.kind !== 'other' || info.module !== '@nestjs/common') return undefined;
    return { value, via: `new ${info.name}()`, role: 'exception' };
  }

  /** The client-facing receiver an expression is, through response chains (`res.status(500)`). */
  receiver(expression: Node): { node: Node; role: ReceiverRole } | undefined {
    const node = this.receiverCandidate(expression);
    if (!node) return undefined;
    const shape = this.shapeRole(node);
    if (!this.types) return shape ? { node, role: shape } : undefined;
    const typed = this.typeRole(node);
    if (typed === 'none') return undefined;
    if (typed) return { node, role: typed };
    return shape ? { node, role: shape } : undefined;
  }

  /**
   * What could be a receiver under response chains (`res.status(500)` is `res`): without types
   * only a variable can be one, so `this.items.set(k, v)` is ruled out before any taint is asked.
   */
  private receiverCandidate(expression: Node): Node | undefined {
    let node = unwrap(expression);
    while (node.type === 'CallExpression') {
      const callee = unwrap(node.callee);
      if (callee.type !== 'MemberExpression') return undefined;
      const method = propertyName(callee);
      if (method === undefined || !RESPONSE_CHAIN.has(method)) return undefined;
      node = unwrap(callee.object);
    }
    return this.types || node.type === 'Identifier' ? node : undefined;
  }

  private shapeRole(node: Node): ReceiverRole | undefined {
    if (node.type !== 'Identifier') return undefined;
    const variable = this.facts.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'Parameter') {
      // Only a client socket the file makes (`net.connect(…)`) is a receiver held in a variable.
      return variable && madeByCall(this.facts, variable) && this.isMadeBy(node, NET_MODULE, NET_CLIENTS) ? 'socket' : undefined;
    }
    if (!isFunctionNode(def.node)) return undefined;
    const fn = def.node;
    const index = fn.params.findIndex((p) => paramName(p) === def.name);
    if (index < 0) return undefined;
    const roles = this.handlerRoles(fn);
    if (roles.response === index) return 'response';
    if (roles.koa === index) return 'koa-context';
    if (roles.socket === index) return 'socket';
    if (this.isResponseShaped(fn.params[index])) return 'response';
    // A helper of the file's own, handed a receiver where it is called: `send(res, 500, msg)`.
    if (this.inProgress.has(variable)) return undefined;
    this.inProgress.add(variable);
    try {
      for (const call of localFunctions(this.facts).callsOf(fn)) {
        const argument = call.arguments[index];
        const role = argument && argument.type !== 'SpreadElement' ? this.receiver(argument)?.role : undefined;
        if (role) return role;
      }
    } finally {
      this.inProgress.delete(variable);
    }
    return undefined;
  }

  /** With type information: the receiver's role, `none` for a known other type, `undefined` for any/unknown. */
  private typeRole(node: Node): ReceiverRole | 'none' | undefined {
    const types = this.types;
    if (!types) return undefined;
    try {
      const tsNode = types.esTreeNodeToTSNodeMap.get(node);
      if (!tsNode) return undefined;
      const checker = types.program.getTypeChecker();
      const type = checker.getTypeAtLocation(tsNode);
      if (type.flags & TYPE_ANY_OR_UNKNOWN) return undefined;
      // A generic parameter (`createServer`'s `Response extends ServerResponse`) counts as its constraint.
      return roleOfType(checker, type, 0) ?? roleOfType(checker, checker.getApparentType(type), 0) ?? 'none';
    } catch {
      return undefined;
    }
  }
}

function roleOfType(checker: TsChecker, type: TsType, depth: number): ReceiverRole | undefined {
  if (depth > 6) return undefined;
  if (type.isUnionOrIntersection()) {
    for (const member of type.types ?? []) {
      const role = roleOfType(checker, member, depth + 1);
      if (role) return role;
    }
    return undefined;
  }
  for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
    if (!symbol) continue;
    const name = symbol.getName();
    const files = (symbol.declarations ?? []).map((d) => d.getSourceFile().fileName);
    const match = RECEIVER_TYPES.find((t) => t.name === name && files.some((f) => t.file.test(f)));
    if (match) return match.role;
  }
  const bases = ((type.objectFlags ?? 0) & CLASS_OR_INTERFACE) !== 0 ? (checker.getBaseTypes?.(type) ?? []) : [];
  for (const base of bases) {
    const role = roleOfType(checker, base, depth + 1);
    if (role) return role;
  }
  return undefined;
}

/** Whether a variable's one value is, through `const` aliases and `await`, what a call or `new` returned. */
function madeByCall(facts: FileFacts, variable: Variable): boolean {
  for (let value = facts.singleValue(variable), depth = 0; value && depth < MAX_DEPTH; depth++) {
    const node = unwrap(value);
    if (node.type === 'CallExpression' || node.type === 'NewExpression') return true;
    const next = node.type === 'Identifier' ? facts.variableOf(node) : undefined;
    value = next && facts.singleValue(next);
  }
  return false;
}

/** `a.stack = b.stack`: a stack read only to be stored as another object's `stack`. */
function isCopiedToStack(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return parent.type === 'AssignmentExpression' && parent.right === member && parent.left.type === 'MemberExpression' && propertyName(parent.left) === 'stack';
}

/** `x.y = …`, `x.y += …`, `x.y++`: a write, not a read. */
function isWritten(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return (parent.type === 'AssignmentExpression' && parent.left === member) || parent.type === 'UpdateExpression';
}

function strongest(a: ErrorTaint | undefined, b: ErrorTaint | undefined): ErrorTaint | undefined {
  if (a === 'error' || b === 'error') return 'error';
  return a ?? b;
}

/** `if (err)`, `if (!err)`, `err ? … : …`, `err && …`, `if (err != null)`, `if (err instanceof Error)`. */
function isTruthinessTest(identifier: Node): boolean {
  let node: Node = identifier;
  let parent = node.parent;
  if (parent?.type === 'UnaryExpression' && parent.operator === '!') {
    node = parent;
    parent = node.parent;
  }
  if (parent?.type === 'BinaryExpression' && ['!=', '!==', '==', '===', 'instanceof'].includes(parent.operator)) {
    const other = parent.left === node ? parent.right : parent.left;
    if (parent.operator !== 'instanceof' && !(other.type === 'Literal' && other.value === null) && !(other.type === 'Identifier' && other.name === 'undefined')) return false;
    node = parent;
    parent = node.parent;
  }
  if (!parent) return false;
  if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test === node) return true;
  return parent.type === 'LogicalExpression' && parent.left === node;
}

// Keyed by FileFacts and the sanitizer list: one flow per file and configuration.
const flows = new WeakMap<FileFacts, Map<string, ErrorFlow>>();

/** The error flow of the file the facts describe, for these options. */
export function getErrorFlow(facts: FileFacts, options: ErrorFlowOptions): ErrorFlow {
  let byOptions = flows.get(facts);
  if (!byOptions) {
    byOptions = new Map();
    flows.set(facts, byOptions);
  }
  const key = options.sanitizers.join('\0');
  let flow = byOptions.get(key);
  if (!flow) {
    flow = new ErrorFlow(facts, options);
    byOptions.set(key, flow);
  }
  return flow;
}
