// Where a path comes from someone else: request data of a registered HTTP handler, upload and
// archive entry names, socket and IPC messages (the sources); how it is carried into a path
// (the derivations, recorded as steps); and which checks around a use of it hold (the
// sanitisers) or only look as if they did (the near-misses). Handlers are recognised by their
// registration (error-flow's handler roles) or by a framework type, never by a parameter name.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ApiInfo } from './api-table.js';
import { type FunctionNode, isFunctionNode, nodesMatching, propertyName, unwrap, withoutInterop } from './ast.js';
import { getErrorFlow } from './error-flow.js';
import { localFunctions } from './local-functions.js';
import type { FileFacts, FsCall } from './facts.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/**
 * What a value is: a request object, a Koa context, an upload's descriptor (multer's `req.file`,
 * formidable's files: the client's file name beside paths the server chose), or data (a string,
 * or an object of strings) from outside.
 */
type Holder = 'request' | 'koa' | 'upload' | 'data';

/** One step from the source to the use. */
export type Step =
  | { readonly kind: 'variable'; readonly variable: Variable }
  | { readonly kind: 'call'; readonly node: Node; readonly what: string }
  | { readonly kind: 'decode' | 'resolve' | 'normalize' | 'strip-dots'; readonly node: Node; readonly what: string }
  /** The pathname of a WHATWG URL: the parser has resolved its `..` segments (`%2e%2e` too) and keeps `%2F` encoded. */
  | { readonly kind: 'url-path'; readonly node: Node; readonly what: string };

export interface Untrusted {
  readonly holder: Holder;
  /** The source expression, for messages: `req.params.name`, `entry.fileName`. */
  readonly source: Node;
  /** Source first. */
  readonly steps: readonly Step[];
}

/** How a check on an untrusted value fails to hold. */
export type NearMiss = 'prefix-without-separator' | 'unresolved' | 'before-decode' | 'strip-dots' | 'normalize-only';

export type Verdict = { readonly safe: true } | { readonly safe: false; readonly nearMiss?: NearMiss };

/** Request members that carry what the client sent (Express, Connect, Fastify, hapi, Node http). */
const REQUEST_KEYS = new Set([
  'params', 'query', 'body', 'headers', 'url', 'path', 'originalUrl', 'baseUrl', 'payload', 'cookies', 'signedCookies', 'querystring',
  'search', 'hostname', 'subdomains',
]);
/** Request methods that read what the client sent: `req.get('X-Tenant')`, `req.header(…)`, `req.param(…)`, Koa's `ctx.get(…)`. */
const REQUEST_ACCESSORS = new Set(['get', 'header', 'param']);
const UPLOAD_KEYS = new Set(['file', 'files']);
/** What the client named an upload (multer, formidable, express-fileupload); its `path`, `filepath`, `destination` and multer's `filename` are the server's. */
const UPLOAD_NAMES = new Set(['originalname', 'originalFilename', 'name', 'fieldname']);
const UPLOAD_SERVER_KEYS = new Set(['path', 'filename', 'newFilename', 'filepath', 'destination', 'tempFilePath', 'size', 'buffer', 'mimetype', 'encoding', 'data', 'md5', 'mv']);
/** Koa's context: request data under its own name and as `ctx.request`/`ctx.req`. */
const KOA_KEYS = new Set(['params', 'query', 'headers', 'url', 'path', 'originalUrl', 'querystring', 'search', 'href']);
const KOA_REQUESTS = new Set(['request', 'req']);

/** Methods of an untrusted string or array whose result still carries it. */
const CARRYING_METHODS = new Set([
  'toString', 'slice', 'substring', 'substr', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'split', 'concat',
  'at', 'pop', 'shift', 'join', 'find', 'flat', 'padStart', 'padEnd', 'get', 'getAll', 'normalize', 'replace', 'replaceAll', 'valueOf',
]);

/** Type names of request parameters (TypeScript), by the module declaring them. */
const REQUEST_TYPES: Record<string, { readonly names: ReadonlySet<string>; readonly holder: Holder }> = {
  express: { names: new Set(['Request']), holder: 'request' },
  'express-serve-static-core': { names: new Set(['Request']), holder: 'request' },
  fastify: { names: new Set(['FastifyRequest']), holder: 'request' },
  http: { names: new Set(['IncomingMessage']), holder: 'request' },
  'node:http': { names: new Set(['IncomingMessage']), holder: 'request' },
  '@hapi/hapi': { names: new Set(['Request']), holder: 'request' },
  koa: { names: new Set(['Context', 'ParameterizedContext']), holder: 'koa' },
};

/** Listener events whose listener parameters carry untrusted names, by the module that made the emitter. */
type ParameterHolders = Readonly<Record<string, readonly (Holder | undefined)[]>>;
const ENTRY: readonly Holder[] = ['data'];
const PARSER_EVENTS: Record<string, ParameterHolders> = {
  'adm-zip': {},
  yauzl: { entry: ENTRY },
  'tar-stream': { entry: ENTRY },
  'tar-fs': { entry: ENTRY },
  tar: { entry: ENTRY },
  unzipper: { entry: ENTRY },
  jszip: {},
  busboy: { file: ['data', undefined, 'data'], field: ['data', 'data'] },
  formidable: { file: ['data', 'upload'], field: ['data', 'data'], fileBegin: ['data', 'upload'] },
};
/** Parser methods whose callback receives untrusted names: `zip.forEach((name, file) => …)`, `form.parse(req, (err, fields, files) => …)`. */
const PARSER_CALLBACKS: Record<string, ParameterHolders> = {
  jszip: { forEach: ['data', 'data'] },
  formidable: { parse: [undefined, 'data', 'upload'] },
};
/** Parser methods returning untrusted entries: `zip.getEntries()`, `zip.file(/re/)`. */
const PARSER_RESULTS: Record<string, ReadonlySet<string>> = {
  'adm-zip': new Set(['getEntries', 'getEntry']),
  jszip: new Set(['file', 'files', 'filter']),
  unzipper: new Set(['files']),
};
const LISTENERS = new Set(['on', 'once', 'addListener', 'prependListener']);
/**
 * Data events of a server's sockets: what arrives is whatever the peer sent. IPC messages
 * (`process.on('message')`) are not sources: the parent that forked the process chose its code.
 */
const MESSAGE_EVENTS = new Set(['data', 'message']);

const MAX_DEPTH = 24;

function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
}

function paramIndex(fn: FunctionNode, name: Node): number {
  return fn.params.findIndex((p) => p.range[0] <= name.range[0] && name.range[1] <= p.range[1]);
}

/** The holder of `holder[key]`: request data, a Koa request, an upload's client name, or nothing untrusted. */
function memberHolder(holder: Holder, key: string | undefined): Holder | undefined {
  if (holder === 'data') return key === 'length' ? undefined : 'data';
  if (key === undefined) return holder === 'upload' ? 'upload' : undefined;
  if (holder === 'request') return UPLOAD_KEYS.has(key) ? 'upload' : REQUEST_KEYS.has(key) ? 'data' : undefined;
  if (holder === 'koa') return KOA_REQUESTS.has(key) ? 'request' : KOA_KEYS.has(key) ? 'data' : undefined;
  return UPLOAD_NAMES.has(key) ? 'data' : UPLOAD_SERVER_KEYS.has(key) ? undefined : 'upload';
}

/** Attack names a containment regex must refuse, and the ones a `..` check must catch. */
const ESCAPES = ['..', '../x', 'a/../../x', '..\\x', '/etc/passwd', 'a/b'];

/** The untrusted-input analysis of one file; built lazily, memoised per node. */
export class UntrustedInput {
  private readonly facts: FileFacts;
  // `null`: looked at, not untrusted (one map lookup either way).
  private readonly memo = new Map<Node, Untrusted | null>();
  private readonly variableMemo = new Map<Variable, Untrusted | undefined>();
  private readonly inProgress = new Set<unknown>();

  constructor(facts: FileFacts) {
    this.facts = facts;
  }

  private api(node: Node): ApiInfo | undefined {
    return this.facts.api(node)?.info;
  }

  private isOther(node: Node, module: string, ...names: string[]): boolean {
    const info = this.api(node);
    return info?.kind === 'other' && info.module === module && (names.length === 0 || names.includes(info.name));
  }

  private text(node: Node): string {
    return this.facts.sourceCode.getText(withoutInterop(node));
  }

  // ── sources and derivations ──────────────────────────────────────────────────────────────

  /** How a step's call reads in a message: `path.join()`, or `a call()` when its callee is long. */
  private callText(callee: Node): string {
    const text = this.text(callee);
    return `${text.length > 30 ? 'a call' : text}()`;
  }

  /** Whether an expression carries untrusted input, and from where. */
  untrusted(expression: Node): Untrusted | undefined {
    const known = this.memo.get(expression);
    if (known !== undefined) return known ?? undefined;
    if (this.inProgress.has(expression) || this.inProgress.size > MAX_DEPTH * 4) return undefined;
    this.inProgress.add(expression);
    try {
      const result = this.compute(expression);
      this.memo.set(expression, result ?? null);
      return result;
    } finally {
      this.inProgress.delete(expression);
    }
  }

  private data(from: Untrusted, step?: Step): Untrusted {
    return { holder: 'data', source: from.source, steps: step ? [...from.steps, step] : from.steps };
  }

  /**
   * The first of `nodes` that carries untrusted input. Where the result is a string built from
   * them (`dataOnly`), only request data counts: a request object, a Koa context or an upload
   * record joined into a path is not the client's text (and is how a plain `(start, next)`
   * helper that merely looks like middleware would otherwise become a source).
   */
  private firstOf(nodes: readonly (Node | null | undefined)[], dataOnly = false): Untrusted | undefined {
    for (const node of nodes) {
      const found = node && node.type !== 'SpreadElement' ? this.untrusted(node) : node?.type === 'SpreadElement' ? this.untrusted(node.argument) : undefined;
      if (found && (!dataOnly || found.holder === 'data')) return found;
    }
    return undefined;
  }

  private compute(expression: Node): Untrusted | undefined {
    const node = unwrap(expression);
    if (node !== expression) return this.untrusted(node);
    switch (node.type) {
      case 'Identifier': {
        const variable = this.facts.variableOf(node);
        return variable ? this.ofVariable(variable) : undefined;
      }
      case 'MemberExpression':
        return this.ofMember(node);
      case 'TemplateLiteral':
        return this.firstOf(node.expressions, true);
      case 'BinaryExpression':
        return node.operator === '+' ? this.firstOf([node.left, node.right], true) : undefined;
      case 'LogicalExpression':
        return node.operator === '&&' ? this.untrusted(node.right) : this.firstOf([node.left, node.right]);
      case 'ConditionalExpression':
        return this.firstOf([node.consequent, node.alternate]);
      case 'AssignmentExpression':
        return node.operator === '=' ? this.untrusted(node.right) : undefined;
      case 'ArrayExpression':
        return this.firstOf(node.elements);
      case 'CallExpression':
        return this.ofCall(node);
      case 'NewExpression':
        // `new URL(req.url, base)`: its pathname and searchParams are the client's.
        return this.isOther(node, 'url', 'URL') ? this.firstOf(node.arguments.slice(0, 1), true) : undefined;
      default:
        return undefined;
    }
  }

  private ofMember(node: TSESTree.MemberExpression): Untrusted | undefined {
    const object = this.untrusted(node.object);
    if (!object) return undefined;
    const key = propertyName(node);
    const holder = memberHolder(object.holder, key);
    if (!holder) return undefined;
    // `entry.fileName`, `req.params.name`: the source grows to the member read from it.
    const base = unwrap(node.object);
    const grows = object.holder !== 'data' || base === object.source || base.type === 'Identifier';
    return { holder, source: grows ? node : object.source, steps: key === 'pathname' ? this.urlPathSteps(object, node.object, node) : object.steps };
  }

  /** The steps of `url.pathname` read from `object`, with a `url-path` step when `url` is a `new URL(…)`. */
  private urlPathSteps(object: Untrusted, url: Node, read: Node): readonly Step[] {
    return this.isUrlObject(url) ? [...object.steps, { kind: 'url-path', node: read, what: 'pathname' }] : object.steps;
  }

  /** `new URL(…)`, inline or through a `const`. */
  private isUrlObject(expression: Node): boolean {
    const info = this.facts.origin(expression)?.info;
    return info?.kind === 'other' && info.module === 'url' && info.name === 'URL';
  }

  private ofCall(node: TSESTree.CallExpression): Untrusted | undefined {
    const info = this.api(node);
    const callee = unwrap(node.callee);
    if (info?.kind === 'path') {
      if (info.name === 'basename') return undefined;
      const found = this.firstOf(node.arguments, true);
      if (!found) return undefined;
      const kind = info.name === 'normalize' ? 'normalize' : info.name === 'join' || info.name === 'resolve' ? 'resolve' : undefined;
      return this.data(found, kind ? { kind, node, what: this.callText(callee) } : undefined);
    }
    if (info?.kind === 'fs' && info.name === 'realpath') {
      const found = this.firstOf(node.arguments.slice(0, 1), true);
      return found && this.data(found, { kind: 'resolve', node, what: this.callText(callee) });
    }
    if (info?.kind === 'other') {
      if (info.module === 'global') {
        const found = this.firstOf(node.arguments.slice(0, 1), true);
        return found && this.data(found, { kind: 'decode', node, what: this.callText(callee) });
      }
      if (info.module === 'url' || info.module === 'querystring') {
        const found = this.firstOf(node.arguments.slice(0, 1), true);
        return found && this.data(found);
      }
      const entries = this.parserResult(node);
      if (entries) return entries;
    }
    // `userFile(req.params.user, name)` with `function userFile(u, n) { return path.join(DATA, u, n) }`:
    // the path the helper builds of what this call hands it (its parameters take what the file's
    // calls pass, so the call must pass request data itself). Only a helper that builds a path:
    // string helpers (`cleanUrl(req.url)`) feed code whose checks often live in other helpers,
    // which a per-file analysis cannot read.
    const local = localFunctions(this.facts).calledFunction(node);
    if (local) {
      const passed = this.firstOf(node.arguments, true);
      if (!passed) return undefined;
      for (const value of this.facts.returnsOf(local)) {
        const returned = this.untrusted(value);
        // A helper that confines the name before returning it (`if (!p.startsWith(root + sep)) throw …`) is a sanitiser.
        if (returned?.holder !== 'data' || !returned.steps.some((s) => s.kind === 'resolve') || this.check(value, returned).safe) continue;
        const derived = returned.steps.filter((s) => s.kind !== 'variable' && s.kind !== 'call');
        return { holder: 'data', source: passed.source, steps: [...passed.steps, { kind: 'call', node, what: this.callText(callee) }, ...derived] };
      }
      return undefined;
    }
    if (callee.type === 'Identifier' && !this.facts.variableOf(callee)?.defs.length && (callee.name === 'String' || callee.name === 'JSON' )) {
      const found = this.firstOf(node.arguments.slice(0, 1), true);
      return found && this.data(found);
    }
    if (callee.type === 'MemberExpression') {
      const method = propertyName(callee);
      const object = unwrap(callee.object);
      if (method === 'parse' && object.type === 'Identifier' && object.name === 'JSON' && !this.facts.variableOf(object)?.defs.length) {
        const found = this.firstOf(node.arguments.slice(0, 1), true);
        return found && this.data(found);
      }
      const parsed = this.parserResult(node);
      if (parsed) return parsed;
      if (method === undefined || !(CARRYING_METHODS.has(method) || REQUEST_ACCESSORS.has(method))) return undefined;
      const receiver = this.untrusted(callee.object);
      if (REQUEST_ACCESSORS.has(method) && (receiver?.holder === 'request' || receiver?.holder === 'koa')) return { holder: 'data', source: node, steps: receiver.steps };
      if (!receiver || receiver.holder !== 'data') return undefined;
      if (method === 'replace' || method === 'replaceAll') return this.ofReplace(node, receiver, `${method}()`);
      return this.data(receiver);
    }
    return undefined;
  }

  /** `name.replace('../', '')` strips one layer (`....//` is left as `../`); a global class of every separator and dot removes them. */
  private ofReplace(node: TSESTree.CallExpression, receiver: Untrusted, what: string): Untrusted | undefined {
    const pattern = node.arguments[0];
    const replacement = stringValue(node.arguments[1]);
    if (pattern?.type === 'Literal' && 'regex' in pattern && pattern.regex) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(pattern.regex.pattern, pattern.regex.flags.replace(/[gy]/gu, ''));
      } catch {
        re = undefined;
      }
      if (re && pattern.regex.flags.includes('g') && replacement !== undefined && !/[./\\]/u.test(replacement) && ['.', '/', '\\'].every((c) => re.test(c))) {
        return undefined;
      }
      // `path.normalize(name).replace(/^(\.\.(\/|\\|$))+/, '')`: normalising gathers every `..` at the
      // start, and a pattern anchored there that removes them all leaves nothing that climbs.
      if (re && replacement !== undefined && receiver.steps.some((s) => s.kind === 'normalize') && stripsLeadingDots(pattern.regex.pattern, pattern.regex.flags, replacement)) {
        return undefined;
      }
      if (re && ['..', '../', '..\\'].some((attack) => re.test(attack))) return this.data(receiver, { kind: 'strip-dots', node, what });
      return this.data(receiver);
    }
    const literal = stringValue(pattern);
    return literal?.includes('..') ? this.data(receiver, { kind: 'strip-dots', node, what }) : this.data(receiver);
  }

  /** The module-made parser an expression is: `new AdmZip(f)`, `tar.extract()`, `zip` of `yauzl.open(p, (err, zip) => …)`, through `.pipe()`. */
  private parserModule(expression: Node, depth = 0): string | undefined {
    if (depth > 6) return undefined;
    const node = unwrap(expression);
    const info = this.api(node);
    if (info?.kind === 'other' && Object.hasOwn(PARSER_EVENTS, info.module) && (node.type === 'CallExpression' || node.type === 'NewExpression')) return info.module;
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      const method = propertyName(node.callee);
      if (method === 'pipe') return this.parserModule(node.arguments[0] ?? node, depth + 1);
      if (method === 'on' || method === 'once') return this.parserModule(node.callee.object, depth + 1);
      // `JSZip.loadAsync(data)`, `unzipper.Open.file(p)`: a parser object's own factory.
      return this.parserModule(node.callee.object, depth + 1) ?? (info?.kind === 'other' && Object.hasOwn(PARSER_EVENTS, info.module) ? info.module : undefined);
    }
    if (node.type === 'MemberExpression') {
      const objectInfo = this.api(node);
      return objectInfo?.kind === 'other' && Object.hasOwn(PARSER_EVENTS, objectInfo.module) ? objectInfo.module : undefined;
    }
    if (node.type !== 'Identifier') return undefined;
    const variable = this.facts.variableOf(node);
    const def = variable?.defs[0];
    if (!variable || !def) return undefined;
    const init = this.facts.singleValue(variable);
    if (init) return this.parserModule(init, depth + 1);
    // The parser handed to a callback: `yauzl.open(p, opts, (err, zipfile) => …)`.
    if (def.type === 'Parameter' && isFunctionNode(def.node) && paramIndex(def.node, def.name) === 1) {
      const call = def.node.parent;
      if (call?.type === 'CallExpression' && call.arguments.includes(def.node as TSESTree.CallExpressionArgument)) {
        const callInfo = this.api(call);
        if (callInfo?.kind === 'other' && Object.hasOwn(PARSER_EVENTS, callInfo.module)) return callInfo.module;
      }
    }
    return undefined;
  }

  private parserResult(node: TSESTree.CallExpression): Untrusted | undefined {
    if (node.callee.type !== 'MemberExpression') return undefined;
    const method = propertyName(node.callee);
    const module = method === undefined ? undefined : this.parserModule(node.callee.object);
    return module && PARSER_RESULTS[module]?.has(method!) ? { holder: 'data', source: node, steps: [] } : undefined;
  }

  private ofVariable(variable: Variable): Untrusted | undefined {
    if (this.variableMemo.has(variable)) return this.variableMemo.get(variable);
    if (this.inProgress.has(variable)) return undefined;
    this.inProgress.add(variable);
    try {
      const found = this.computeVariable(variable);
      const result = found && { ...found, steps: [...found.steps, { kind: 'variable' as const, variable }] };
      this.variableMemo.set(variable, result);
      return result;
    } finally {
      this.inProgress.delete(variable);
    }
  }

  private computeVariable(variable: Variable): Untrusted | undefined {
    const def = variable.defs[0];
    if (!def || variable.defs.length !== 1) return undefined;
    if (def.type === 'Parameter' && isFunctionNode(def.node)) {
      const fn = def.node;
      const index = paramIndex(fn, def.name);
      const param = fn.params[index];
      if (!param) return undefined;
      const holder = this.parameterHolder(fn, index, param);
      if (holder) return this.destructured({ holder, source: def.name, steps: [] }, def.name, param);
      return this.throughLocalCalls(fn, index, def.name, param);
    }
    if (def.type !== 'Variable') return undefined;
    const declarator = def.node;
    const loop = declarator.parent.parent;
    if (!declarator.init && (loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') && loop.left === declarator.parent) {
      const collection = this.untrusted(loop.right);
      return collection && this.destructured(this.elementOf(collection), def.name, declarator.id);
    }
    const values = [declarator.init, ...variable.references.filter((r) => r.isWrite() && r.writeExpr !== declarator.init).map((r) => r.writeExpr)];
    for (const value of values) {
      const found = value ? this.untrusted(value) : undefined;
      if (found) return this.destructured(found, def.name, declarator.id, value ?? undefined);
    }
    return undefined;
  }

  /** An element of an untrusted collection: `for (const f of req.files)` is an upload, any other element data. */
  private elementOf(collection: Untrusted): Untrusted {
    return collection.holder === 'upload' ? collection : this.data(collection);
  }

  /** `const { params: { name } } = req`: each level of the pattern reads a member of `value`, when it is known. */
  private destructured(from: Untrusted, name: Node, pattern: Node, value?: Node): Untrusted | undefined {
    const keys: (string | undefined)[] = [];
    for (let node: Node | undefined = name; node && node !== pattern; node = node.parent) {
      if (node.parent?.type === 'Property' && node.parent.value === node) keys.unshift(propertyName(node.parent));
      if (node.parent?.type === 'ArrayPattern') keys.unshift('0');
    }
    let holder: Holder | undefined = from.holder;
    for (const key of keys) {
      if (!holder) return undefined;
      holder = memberHolder(holder, key);
    }
    if (!holder) return undefined;
    const steps = keys.length === 1 && keys[0] === 'pathname' && value ? this.urlPathSteps(from, value, name) : from.steps;
    return keys.length === 0 ? from : { holder, source: from.holder === 'data' ? from.source : name, steps };
  }

  /** What a parameter is by registration: a handler's request or Koa context, a listener's message, entry or upload. */
  private parameterHolder(fn: FunctionNode, index: number, param: TSESTree.Parameter): Holder | undefined {
    const typed = this.typedHolder(param);
    if (typed) return typed;
    const roles = getErrorFlow(this.facts, { sanitizers: [] }).handlerRoles(fn);
    if (roles.koa === index) return 'koa';
    if (roles.request === index || (roles.response !== undefined && roles.response === index + 1)) return 'request';
    const site = fn.parent;
    if (site?.type !== 'CallExpression' || !site.arguments.includes(fn as TSESTree.CallExpressionArgument) || site.callee.type !== 'MemberExpression') return undefined;
    const method = propertyName(site.callee);
    const receiver = site.callee.object;
    if (method !== undefined && LISTENERS.has(method) && site.arguments[1] === fn) {
      const event = stringValue(site.arguments[0]);
      if (event === undefined) return undefined;
      if (MESSAGE_EVENTS.has(event) && index === 0 && this.isPeer(receiver)) return 'data';
      const module = this.parserModule(receiver);
      return module ? PARSER_EVENTS[module]?.[event]?.[index] : undefined;
    }
    if (method === 'forEach' || method === 'map' || method === 'filter' || method === 'find') {
      const collection = this.untrusted(receiver);
      if (collection && index === 0) return this.elementOf(collection).holder;
    }
    const module = method === undefined ? undefined : this.parserModule(receiver);
    return module && site.arguments.at(-1) === fn ? PARSER_CALLBACKS[module]?.[method!]?.[index] : undefined;
  }

  /** A socket of a registered server: `net.createServer(s => …)`, `wss.on('connection', ws => …)`. */
  private isPeer(receiver: Node): boolean {
    const node = unwrap(receiver);
    if (node.type !== 'Identifier') return false;
    const def = this.facts.variableOf(node)?.defs[0];
    if (def?.type !== 'Parameter' || !isFunctionNode(def.node)) return false;
    return getErrorFlow(this.facts, { sanitizers: [] }).handlerRoles(def.node).socket === paramIndex(def.node, def.name);
  }

  /** `(req: Request)` with `Request` imported from express, `@Param('id') id: string` in NestJS. */
  private typedHolder(param: TSESTree.Parameter): Holder | undefined {
    const target = param.type === 'TSParameterProperty' ? param.parameter : param;
    if ('decorators' in target && target.decorators?.length) {
      for (const decorator of target.decorators) {
        const info = this.api(unwrap(decorator.expression));
        if (info?.kind === 'other' && info.module === '@nestjs/common') return info.name === 'Req' || info.name === 'Request' ? 'request' : 'data';
      }
    }
    const annotation = 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
    if (annotation?.type !== 'TSTypeReference') return undefined;
    const typeName = annotation.typeName;
    const id = typeName.type === 'Identifier' ? typeName : typeName.type === 'TSQualifiedName' && typeName.left.type === 'Identifier' ? typeName.left : undefined;
    if (!id) return undefined;
    const def = this.facts.variableOf(id)?.defs[0];
    if (def?.type !== 'ImportBinding') return undefined;
    const declaration = def.parent;
    const module = declaration?.type === 'ImportDeclaration' ? declaration.source.value : undefined;
    const known = module === undefined ? undefined : REQUEST_TYPES[module];
    if (!known) return undefined;
    const imported = def.node.type === 'ImportSpecifier' && def.node.imported.type === 'Identifier' ? def.node.imported.name : undefined;
    const name = typeName.type === 'TSQualifiedName' ? typeName.right.name : imported;
    return name !== undefined && known.names.has(name) ? known.holder : undefined;
  }

  /** A local helper's parameter: untrusted when a call in this file passes untrusted input there. */
  private throughLocalCalls(fn: FunctionNode, index: number, name: Node, param: TSESTree.Parameter): Untrusted | undefined {
    if (param !== name && !(param.type === 'AssignmentPattern' && param.left === name)) return undefined;
    for (const call of localFunctions(this.facts).bindingCallsOf(fn)) {
      const argument = call.arguments[index];
      const found = argument && argument.type !== 'SpreadElement' ? this.untrusted(argument) : undefined;
      if (found?.holder === 'data') return this.data(found, { kind: 'call', node: call, what: `${this.text(call.callee)}()` });
    }
    return undefined;
  }

  // ── containment checks, whatever the source ─────────────────────────────────────────────

  /**
   * Prefix checks that cannot confine a path, wherever the path came from. A path the code
   * resolves and then compares with a root is one it does not trust, so `full.indexOf(root) === 0`
   * before an fs use of `full` is the defect even where the file does not show the source (a
   * method's parameter, a field). One per check, with the first fs call it lets through.
   */
  brokenContainments(): BrokenContainment[] {
    const sinks = new Map<Node, FsCall>();
    for (const call of this.facts.fsCalls) {
      for (const index of call.info.paths) {
        const argument = call.node.arguments[index];
        if (argument && argument.type !== 'SpreadElement' && !sinks.has(unwrap(argument))) sinks.set(unwrap(argument), call);
      }
    }
    if (sinks.size === 0) return [];
    const found: BrokenContainment[] = [];
    for (const name of nodesMatching(this.facts.sourceCode, PREFIX_CHECK)) {
      const member = name.parent;
      if (member?.type !== 'MemberExpression' || member.property !== name) continue;
      const subject = unwrap(member.object);
      const check = this.classify(member.object);
      if (subject.type !== 'Identifier' || check?.check.nearMiss !== 'prefix-without-separator' || this.untrusted(member.object)) continue;
      const variable = this.facts.variableOf(subject);
      const resolving = variable && this.resolvingCall(subject, 0);
      if (!resolving) continue;
      for (const reference of variable.references) {
        const use = reference.identifier;
        if (!reference.isRead() || use.range[0] < check.node.range[1] || this.guardOf(check.node, use, true)?.when !== check.sense) continue;
        const sink = sinks.get(use) ?? this.sinkThroughCall(use, sinks);
        if (sink) {
          const callee = withoutInterop(resolving.callee);
          found.push({
            check: check.node,
            subject,
            sink,
            prefix: prefixOf(check.node),
            pathModule: callee.type === 'MemberExpression' && this.api(resolving)?.kind === 'path' ? callee.object : undefined,
          });
          break;
        }
      }
    }
    return found;
  }

  /** The fs call a local function makes with the parameter `argument` is passed to: `this.sendFile(p)` → `fs.stat(p)`. */
  private sinkThroughCall(argument: Node, sinks: ReadonlyMap<Node, FsCall>): FsCall | undefined {
    const call = argument.parent;
    if (call?.type !== 'CallExpression') return undefined;
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    const fn = index >= 0 ? localFunctions(this.facts).calledFunction(call) : undefined;
    const param = fn?.params[index];
    if (param?.type !== 'Identifier') return undefined;
    for (const reference of this.facts.variableOf(param)?.references ?? []) {
      const sink = reference.isRead() ? sinks.get(reference.identifier) : undefined;
      if (sink) return sink;
    }
    return undefined;
  }

  /**
   * The call that resolved a path from parts (`path.join`, `resolve`, `normalize`, `realpath`),
   * directly, through a variable or a local function's result; every value must be one.
   */
  private resolvingCall(expression: Node, depth: number): TSESTree.CallExpression | undefined {
    if (depth > 4) return undefined;
    const node = unwrap(expression);
    const all = (values: readonly Node[] | undefined): TSESTree.CallExpression | undefined => {
      const calls = (values ?? []).map((value) => this.resolvingCall(value, depth + 1));
      return calls.length > 0 && calls.every(Boolean) ? calls[0] : undefined;
    };
    if (node.type === 'Identifier') {
      const variable = this.facts.variableOf(node);
      const single = variable && this.facts.singleValue(variable);
      return all(single ? [single] : variable && this.facts.reachingValues(variable, node));
    }
    if (node.type !== 'CallExpression') return undefined;
    const info = this.api(node);
    if (info?.kind === 'path') return info.name === 'join' || info.name === 'resolve' || info.name === 'normalize' ? node : undefined;
    if (info?.kind === 'fs') return info.name === 'realpath' ? node : undefined;
    const fn = localFunctions(this.facts).calledFunction(node);
    return fn ? all(this.facts.returnsOf(fn)) : undefined;
  }

  // ── sanitisers and near-misses ───────────────────────────────────────────────────────────

  /**
   * Whether a check around `use` holds for the untrusted value it is given, and if none does,
   * the near-miss that looked like one: a prefix check without the separator, one on a name not
   * yet resolved or not yet decoded, a one-pass `..` strip, `normalize` alone.
   */
  check(use: Node, value: Untrusted): Verdict {
    let nearMiss: NearMiss | undefined;
    const decodeAt = value.steps.findLastIndex((s) => s.kind === 'decode');
    // A URL's pathname joined under a root stays there: it has no `..` left, and nothing decoded
    // it since. Alone, or through `path.resolve`, it is an absolute path like any other.
    const urlPathAt = value.steps.findLastIndex((s) => s.kind === 'url-path');
    if (urlPathAt > decodeAt && value.steps.slice(urlPathAt).some((s) => s.kind === 'resolve' && this.joinsUnderRoot(s.node))) return { safe: true };
    // The source itself (`req.params.name` read again in the test) comes before every step.
    const subjects: { nodes: Iterable<Node>; position: number }[] = [{ nodes: this.sameReads(value.source), position: -1 }];
    value.steps.forEach((step, position) => {
      if (step.kind === 'variable') subjects.push({ nodes: step.variable.references.filter((r) => r.isRead()).map((r) => r.identifier), position });
    });
    for (const { nodes, position } of subjects) {
      const resolved = value.steps.slice(0, Math.max(position, 0)).some((s) => s.kind === 'resolve');
      // A check in a caller guards the call that hands the value on, not the use inside the callee.
      const handOn = value.steps.find((s, index) => index > position && s.kind === 'call');
      const guarded = handOn?.kind === 'call' ? handOn.node : use;
      for (const subject of nodes) {
        for (const check of this.checksAt(subject, guarded)) {
          const miss = !check.holds ? check.nearMiss : check.needsResolved && !resolved ? 'unresolved' : position < decodeAt ? 'before-decode' : undefined;
          if (miss === undefined) return { safe: true };
          nearMiss ??= miss;
        }
      }
    }
    if (nearMiss) return { safe: false, nearMiss };
    if (value.steps.some((s) => s.kind === 'strip-dots')) return { safe: false, nearMiss: 'strip-dots' };
    if (value.steps.some((s) => s.kind === 'normalize')) return { safe: false, nearMiss: 'normalize-only' };
    return { safe: false };
  }

  /** `path.join(root, …)` whose first part carries nothing untrusted. */
  private joinsUnderRoot(node: Node): boolean {
    const root = node.type === 'CallExpression' ? node.arguments[0] : undefined;
    const info = this.api(node);
    return info?.kind === 'path' && info.name === 'join' && root !== undefined && root.type !== 'SpreadElement' && !this.untrusted(root);
  }

  /** Every read of the same member chain as `source` (`req.params.name`) on the same variable. */
  private *sameReads(source: Node): Generator<Node> {
    const keys: string[] = [];
    let base = unwrap(source);
    while (base.type === 'MemberExpression') {
      const key = propertyName(base);
      if (key === undefined) return;
      keys.unshift(key);
      base = unwrap(base.object);
    }
    if (base.type !== 'Identifier' || keys.length === 0) return;
    for (const reference of this.facts.variableOf(base)?.references ?? []) {
      let node: Node = reference.identifier;
      let matched = 0;
      while (matched < keys.length && node.parent?.type === 'MemberExpression' && node.parent.object === node && propertyName(node.parent) === keys[matched]) {
        node = node.parent;
        matched++;
      }
      if (matched === keys.length) yield node;
    }
  }

  private *checksAt(subject: Node, use: Node): Generator<Check> {
    if (subject.range[0] >= use.range[0]) return;
    const parent = subject.parent;
    // `const rel = path.relative(root, full)`: the checks on `rel` are checks on `full`.
    if (parent?.type === 'CallExpression' && this.api(parent)?.kind === 'path' && (this.api(parent) as { name: string }).name === 'relative' && parent.arguments[1] === subject) {
      yield* this.relativeChecks(parent, use);
      return;
    }
    const found = this.classify(subject);
    if (!found) return;
    const guard = this.guardOf(found.node, use);
    if (guard === undefined) return;
    // `true` guards when the check passes, `false` when it fails; the check's own sense decides.
    if (guard.when === found.sense) yield found.check;
  }

  private *relativeChecks(call: TSESTree.CallExpression, use: Node): Generator<Check> {
    const holder = call.parent;
    if (holder?.type === 'VariableDeclarator' && holder.init === call && holder.id.type === 'Identifier') {
      const rel = this.facts.variableOf(holder.id);
      for (const reference of rel?.references ?? []) if (reference.isRead()) yield* this.relativeCheckAt(reference.identifier, use);
      return;
    }
    yield* this.relativeCheckAt(call, use);
  }

  /** `rel.startsWith('..')`, `rel === '..'`, `path.isAbsolute(rel)`: true means outside. */
  private *relativeCheckAt(subject: Node, use: Node): Generator<Check> {
    let node = subject;
    const parent = node.parent;
    if (parent?.type === 'MemberExpression' && parent.object === node && parent.parent.type === 'CallExpression') node = parent.parent;
    else if (parent?.type === 'CallExpression' && this.isOther(parent, 'path', 'isAbsolute')) node = parent;
    else if (parent?.type === 'BinaryExpression') node = parent;
    else return;
    const check: Check = { holds: true, needsResolved: false };
    const guard = this.guardOf(node, use);
    if (guard && this.sense(node, false) === guard.when) yield check;
  }

  /** What a test on `subject` checks: its kind, whether it holds, and whether true means "inside" or "outside". */
  private classify(subject: Node): { node: Node; check: Check; sense: boolean } | undefined {
    const parent = subject.parent;
    if (!parent) return undefined;
    // `set.has(name)`, `allowed.includes(name)`: membership.
    if (parent.type === 'CallExpression' && parent.arguments[0] === subject && parent.callee.type === 'MemberExpression') {
      const method = propertyName(parent.callee);
      if (method === 'has' || method === 'includes' || method === 'indexOf') {
        const membership = { holds: true, needsResolved: false };
        if (method !== 'indexOf') return { node: parent, check: membership, sense: this.sense(parent, true) };
        const compared = parent.parent;
        return compared.type === 'BinaryExpression' ? { node: compared, check: membership, sense: this.sense(compared, this.indexFound(compared)) } : undefined;
      }
      if (method === 'test') {
        const re = this.regexOf(parent.callee.object);
        if (!re) return undefined;
        const matched = ESCAPES.filter((e) => re.test(e));
        if (matched.length === 0) return { node: parent, check: { holds: true, needsResolved: false }, sense: this.sense(parent, true) };
        if (re.test('../x') && re.test('..\\x') && !re.test('abc')) return { node: parent, check: { holds: true, needsResolved: false }, sense: this.sense(parent, false) };
        return undefined;
      }
    }
    if (parent.type === 'SwitchStatement' && parent.discriminant === subject) return { node: subject, check: { holds: true, needsResolved: false }, sense: true };
    // `name !== path.basename(name)`: equality means a single component, as basename itself would make it.
    if (parent.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(parent.operator)) {
      const other = unwrap(parent.left === subject ? parent.right : parent.left);
      const info = other.type === 'CallExpression' ? this.api(other) : undefined;
      if (info?.kind === 'path' && info.name === 'basename' && other.type === 'CallExpression' && other.arguments[0] && this.text(other.arguments[0]) === this.text(subject)) {
        return { node: parent, check: { holds: true, needsResolved: false }, sense: this.sense(parent, parent.operator.startsWith('=')) };
      }
    }
    if (parent.type !== 'MemberExpression' || parent.object !== subject || parent.parent.type !== 'CallExpression' || parent.parent.callee !== parent) return undefined;
    const call = parent.parent;
    const method = propertyName(parent);
    const argument = call.arguments[0];
    if (!argument || argument.type === 'SpreadElement') return undefined;
    const literal = this.facts.staticValue(argument);
    // `name.includes('..')`, `name.indexOf('..') !== -1`: true means the name climbs.
    if (typeof literal === 'string' && literal.includes('..') && (method === 'includes' || method === 'startsWith')) {
      return { node: call, check: { holds: true, needsResolved: false }, sense: this.sense(call, false) };
    }
    if (typeof literal === 'string' && literal.includes('..') && method === 'indexOf' && call.parent.type === 'BinaryExpression') {
      return { node: call.parent, check: { holds: true, needsResolved: false }, sense: this.sense(call.parent, !this.indexFound(call.parent)) };
    }
    // `full.startsWith(root + path.sep)`: true means inside.
    if (method === 'startsWith') return { node: call, check: this.prefixCheck(argument), sense: this.sense(call, true) };
    // `full.indexOf(root) === 0`, `full.substr(0, root.length) === root`: equality means inside.
    const compared = call.parent;
    if (compared.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(compared.operator)) return undefined;
    const equal = compared.operator.startsWith('=');
    if (method === 'indexOf' && this.isZero(compared)) return { node: compared, check: this.prefixCheck(argument), sense: this.sense(compared, equal) };
    if ((method === 'substr' || method === 'substring' || method === 'slice') && this.facts.staticValue(argument) === 0) {
      const prefix = compared.left === call ? compared.right : compared.left;
      return { node: compared, check: this.prefixCheck(prefix), sense: this.sense(compared, equal) };
    }
    return undefined;
  }

  private prefixCheck(prefix: Node): Check {
    return this.endsWithSeparator(prefix) ? { holds: true, needsResolved: true } : { holds: false, needsResolved: true, nearMiss: 'prefix-without-separator' };
  }

  private isZero(binary: TSESTree.BinaryExpression): boolean {
    return this.facts.staticValue(binary.right) === 0 || this.facts.staticValue(binary.left) === 0;
  }

  /** `x.indexOf(y) !== -1`, `>= 0`, `> -1`: true when found. */
  private indexFound(binary: TSESTree.BinaryExpression): boolean {
    const minus = this.facts.staticValue(binary.right) === -1;
    if (binary.operator === '!==' || binary.operator === '!=') return minus;
    if (binary.operator === '===' || binary.operator === '==') return !minus;
    return binary.operator === '>=' || binary.operator === '>';
  }

  private regexOf(node: Node): RegExp | undefined {
    const target = unwrap(node);
    let literal: Node | undefined = target;
    if (target.type === 'Identifier') {
      const variable = this.facts.variableOf(target);
      literal = variable ? this.facts.singleValue(variable) : undefined;
    }
    if (literal?.type !== 'Literal' || !('regex' in literal) || !literal.regex) return undefined;
    try {
      return new RegExp(literal.regex.pattern, literal.regex.flags.replace(/[gy]/gu, ''));
    } catch {
      return undefined;
    }
  }

  /** `root + path.sep`, `root + '/'`, `` `${root}/` ``, or a binding of one. */
  private endsWithSeparator(expression: Node, depth = 0): boolean {
    const node = unwrap(expression);
    const value = this.facts.staticValue(node);
    if (typeof value === 'string') return value.endsWith('/') || value.endsWith('\\');
    if (this.isPathSeparator(node)) return true;
    // Compiled code reads it as `(0, path_1.sep)`.
    if (node.type === 'SequenceExpression') return this.endsWithSeparator(node.expressions.at(-1)!, depth + 1);
    if (node.type === 'BinaryExpression' && node.operator === '+') return this.endsWithSeparator(node.right, depth + 1);
    if (node.type === 'TemplateLiteral') {
      const tail = node.quasis.at(-1)?.value.cooked ?? '';
      if (tail !== '') return tail.endsWith('/') || tail.endsWith('\\');
      const last = node.expressions.at(-1);
      return last !== undefined && this.endsWithSeparator(last, depth + 1);
    }
    if (node.type === 'Identifier' && depth < 4) {
      const variable = this.facts.variableOf(node);
      const single = variable && this.facts.singleValue(variable);
      // `root = normalize(root + sep)` just before the check: the value that reaches it.
      const values = single ? [single] : variable && this.facts.reachingValues(variable, node);
      return !!values?.length && values.every((value) => this.endsWithSeparator(value, depth + 1));
    }
    if (node.type === 'CallExpression' && depth < 4) {
      // `path.normalize` keeps a trailing separator.
      const info = this.api(node);
      if (info?.kind === 'path') return info.name === 'normalize' && node.arguments.length === 1 && this.endsWithSeparator(node.arguments[0]!, depth + 1);
      // `withSlash(dir)`: a local function that appends one where it is missing and else returns its parameter.
      const fn = localFunctions(this.facts).calledFunction(node);
      const returned = fn ? this.facts.returnsOf(fn) : [];
      const unchanged = (value: Node): boolean => {
        const def = value.type === 'Identifier' ? this.facts.variableOf(value)?.defs[0] : undefined;
        return def?.type === 'Parameter' && def.node === fn;
      };
      return returned.some((value) => !unchanged(value)) && returned.every((value) => unchanged(value) || this.endsWithSeparator(value, depth + 1));
    }
    return false;
  }

  /** `path.sep`, read through any import form: `sep` destructured, `import { sep as s }`. */
  private isPathSeparator(node: Node): boolean {
    const def = node.type === 'Identifier' ? this.facts.variableOf(node)?.defs[0] : undefined;
    const info = def?.type === 'ImportBinding' ? this.api(def.node) : this.facts.origin(node)?.info;
    return info?.kind === 'other' && info.module === 'path' && info.name === 'sep';
  }

  /** The truth value the enclosing test has when `node` evaluates to `value`, through `!`, `=== false`, `&&`/`||`. */
  private sense(node: Node, value: boolean): boolean {
    let current = node;
    let result = value;
    for (let parent = current.parent; parent; current = parent, parent = current.parent) {
      if (parent.type === 'UnaryExpression' && parent.operator === '!') result = !result;
      else if (parent.type === 'BinaryExpression' && (parent.operator === '===' || parent.operator === '!==') && typeof this.facts.staticValue(parent.left === current ? parent.right : parent.left) === 'boolean') {
        const other = this.facts.staticValue(parent.left === current ? parent.right : parent.left) as boolean;
        result = (parent.operator === '===') === other ? result : !result;
      } else if (parent.type !== 'LogicalExpression' && parent.type !== 'ChainExpression') return result;
    }
    return result;
  }

  /**
   * How the `if` (or `?:`, `switch`) whose test contains `check` guards `use`: `true` when `use`
   * runs only if the test is true, `false` when only if it is false (the consequent leaves).
   * `anywhereAfter` lets a leaving `if` cover the rest of its function, not just of its block.
   */
  private guardOf(check: Node, use: Node, anywhereAfter = false): { when: boolean } | undefined {
    let node = check;
    while (node.parent && (node.parent.type === 'LogicalExpression' || node.parent.type === 'UnaryExpression' || node.parent.type === 'BinaryExpression' || node.parent.type === 'ChainExpression')) node = node.parent;
    const statement = node.parent;
    if (!statement) return undefined;
    const within = (outer: Node | null | undefined): boolean => !!outer && outer.range[0] <= use.range[0] && use.range[1] <= outer.range[1];
    if (statement.type === 'SwitchStatement' && statement.discriminant === node) {
      const inCase = statement.cases.find((c) => within(c));
      return inCase?.test && inCase.test.type === 'Literal' ? { when: true } : undefined;
    }
    if ((statement.type === 'IfStatement' || statement.type === 'ConditionalExpression') && statement.test === node) {
      if (within(statement.consequent)) return { when: true };
      if (within(statement.alternate)) return { when: false };
      // After `if (!inside) return`: the rest of the block, or of the function where any later use counts.
      const rest = anywhereAfter ? enclosingBody(statement) : statement.parent;
      if (statement.type === 'IfStatement' && statement.range[1] <= use.range[0] && leaves(statement.consequent) && within(rest)) return { when: false };
    }
    return undefined;
  }
}

/** A check found on the way: whether it holds on a resolved path, and how it fails when it does not. */
interface Check {
  readonly holds: boolean;
  /** A prefix check means something only on a resolved path. */
  readonly needsResolved: boolean;
  readonly nearMiss?: NearMiss;
}

/** A prefix check that does not hold, on a resolved path that then reaches an fs call. */
export interface BrokenContainment {
  readonly check: Node;
  readonly subject: TSESTree.Identifier;
  readonly sink: FsCall;
  /** The root compared with, in a `startsWith(root)` or `indexOf(root) === 0` check. */
  readonly prefix?: Node;
  /** How the file spells the path module that resolved the path (`path` of `path.resolve`), for `path.sep`. */
  readonly pathModule?: Node;
}

/** The root of a `p.startsWith(root)` or `p.indexOf(root) === 0` check; a `substr` check names it twice. */
function prefixOf(check: Node): Node | undefined {
  const call = check.type === 'BinaryExpression' ? [check.left, check.right].find((side) => side.type === 'CallExpression') : check;
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(call.callee);
  const [root] = call.arguments;
  return (method === 'startsWith' || method === 'indexOf') && root && root.type !== 'SpreadElement' ? root : undefined;
}

/** `x.startsWith(`, `x.indexOf(`, `x.substr(`: where a prefix check can be. */
const PREFIX_CHECK = /\.\s*(startsWith|indexOf|substr|substring|slice)\s*\(/u;

/** The body of the function (or program) a statement is in. */
function enclosingBody(statement: Node): Node | undefined {
  let node: Node | undefined = statement.parent;
  while (node && !isFunctionNode(node) && node.type !== 'Program') node = node.parent;
  return node;
}

/** A branch that ends the function: `return`, `throw`, or a block with one at its top level. */
function leaves(branch: Node): boolean {
  if (branch.type === 'ReturnStatement' || branch.type === 'ThrowStatement') return true;
  return branch.type === 'BlockStatement' && branch.body.some((s) => s.type === 'ReturnStatement' || s.type === 'ThrowStatement');
}

const analyses = new WeakMap<FileFacts, UntrustedInput>();

/** The untrusted-input analysis of the file the facts describe. */
export function getUntrustedInput(facts: FileFacts): UntrustedInput {
  let analysis = analyses.get(facts);
  if (!analysis) {
    analysis = new UntrustedInput(facts);
    analyses.set(facts, analysis);
  }
  return analysis;
}

/**
 * Every untrusted source is read through one of these words (a request member, an upload or
 * entry field, a listener registration): a file with none of them has no source.
 */
/** Whether replacing `pattern` leaves no leading `..` segment in any normalised name that climbs. */
function stripsLeadingDots(pattern: string, flags: string, replacement: string): boolean {
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch {
    return false;
  }
  return ['..', '../', '../../a', '..\\..\\a', '../..', '..\\a'].every((name) => !/^\.\.(?:[/\\]|$)/u.test(name.replace(re, replacement)));
}
