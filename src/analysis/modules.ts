import { getStringIfConstant } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  type ApiInfo,
  assertModule,
  childProcessModule,
  cryptoModule,
  envVariables,
  errorSerializerModule,
  fsConstants,
  fsExtraModule,
  fsModule,
  honoModule,
  http2Module,
  fsPromisesModule,
  globalDecoders,
  globalValues,
  lockfileModule,
  tempModule,
  thirdPartyFsModules,
  httpModule,
  nestjsExceptions,
  netModule,
  nodeIpcModule,
  osModule,
  pathModule,
  nestjsRequestDecorators,
  nestjsRouteDecorators,
  azureHttpTriggers,
  pathChecks,
  privateTempModules,
  processFacts,
  processMembers,
  querystringModule,
  untrustedInputModules,
  urlModule,
  randomModules,
  tmpPackageValues,
  utilModule,
  wsModule,
  webResponseApis,
} from './api-table.js';
import { escapeRegExp, nodesMatching, propertyName } from './ast.js';
import { mentions } from './prefilter.js';
import { CALL, CONSTRUCT, READ, ReferenceTracker, type TraceMap, type UseType, type VariableLookup, type Wrapper, withDefault } from './reference-tracker.js';

/** One recognised use of a known API. `node` is the CallExpression, NewExpression or the read node. */
export interface ApiRef {
  readonly node: TSESTree.Node;
  readonly type: 'read' | 'call' | 'construct';
  readonly info: ApiInfo;
}

const SEED = Symbol('seed');

function calls(table: Record<string, ApiInfo>): TraceMap {
  const map: TraceMap = {};
  for (const [name, info] of Object.entries(table)) map[name] = { [CALL]: info };
  return map;
}

/** A parser module: the module itself (key `''`) and its exports, each called or constructed. */
function parserMap(table: Record<string, ApiInfo>): TraceMap {
  const map: TraceMap = {};
  for (const [name, info] of Object.entries(table)) {
    const leaf = { [CALL]: info, [CONSTRUCT]: info };
    if (name === '') Object.assign(map, leaf);
    else map[name] = leaf;
  }
  return map;
}

function reads(table: Record<string, ApiInfo>): TraceMap {
  const map: TraceMap = {};
  for (const [name, info] of Object.entries(table)) map[name] = { [READ]: info };
  return map;
}

const fsPromisesMap: TraceMap = { ...calls(fsPromisesModule), constants: reads(fsConstants) };
const fsMap: TraceMap = {
  ...calls(fsModule),
  // `fs.realpathSync.native(p)`: the same lookup, done by the C library.
  realpath: { [CALL]: fsModule.realpath, native: { [CALL]: fsModule.realpath } },
  realpathSync: { [CALL]: fsModule.realpathSync, native: { [CALL]: fsModule.realpathSync } },
  promises: fsPromisesMap,
  constants: reads(fsConstants),
};
const fsExtraMap: TraceMap = { ...calls(fsExtraModule), promises: fsPromisesMap, constants: reads(fsConstants) };
const pathMap: TraceMap = { ...calls(pathModule), isAbsolute: { [CALL]: pathChecks.isAbsolute }, sep: { [READ]: pathChecks.sep } };
const processMap: TraceMap = {
  ...calls(processMembers),
  pid: { [READ]: processMembers.pid },
  ppid: { [READ]: processMembers.ppid },
  ...reads(processFacts),
  hrtime: { [CALL]: processMembers.hrtime, bigint: { [CALL]: processMembers.hrtime } },
  env: reads(envVariables),
  getBuiltinModule: { [CALL]: SEED },
};

const assertCall: TraceMap = { [CALL]: assertModule.assert };
const assertMap: TraceMap = { ...assertCall, ok: assertCall, strict: { ...assertCall, ok: assertCall } };

const builtins: Record<string, TraceMap> = {
  assert: assertMap,
  'assert/strict': assertMap,
  fs: fsMap,
  'fs/promises': fsPromisesMap,
  path: { ...pathMap, posix: pathMap, win32: pathMap },
  'path/posix': pathMap,
  'path/win32': pathMap,
  os: calls(osModule),
  crypto: calls(cryptoModule),
  net: { ...calls(netModule), Server: { [CONSTRUCT]: netModule.Server }, Socket: { [CONSTRUCT]: netModule.Socket } },
  http: { ...calls(httpModule), Agent: { [CONSTRUCT]: httpModule.Agent }, Server: { [CONSTRUCT]: httpModule.Server } },
  https: { ...calls(httpModule), Agent: { [CONSTRUCT]: httpModule.Agent }, Server: { [CONSTRUCT]: httpModule.Server } },
  http2: calls(http2Module),
  child_process: calls(childProcessModule),
  util: calls(utilModule),
  process: processMap,
  module: { createRequire: { [CALL]: SEED } },
  url: { ...calls(urlModule), URL: { [CONSTRUCT]: urlModule.URL } },
  querystring: calls(querystringModule),
};

/** Every module the plugin tracks, `node:` forms included, keyed by specifier. */
const moduleMap: Record<string, TraceMap> = {
  ...builtins,
  ...Object.fromEntries(Object.entries(builtins).map(([name, map]) => [`node:${name}`, map])),
  'graceful-fs': fsMap,
  'fs-extra': fsExtraMap,
  'fs-extra/esm': fsExtraMap,
  ws: { [CONSTRUCT]: wsModule.WebSocket, WebSocket: { [CONSTRUCT]: wsModule.WebSocket } },
  ...Object.fromEntries(
    ['node-ipc', '@achrinza/node-ipc'].map((m) => [m, { config: { [READ]: nodeIpcModule.config }, IPC: { [CONSTRUCT]: nodeIpcModule.IPC } }]),
  ),
  ...Object.fromEntries(Object.entries({ ...privateTempModules, ...randomModules }).map(([m, t]) => [m, calls(t)])),
  ...Object.fromEntries(
    Object.entries(thirdPartyFsModules).map(([m, { '': self, ...members }]) => [m, self ? { ...calls(members), [CALL]: self } : calls(members)]),
  ),
  'proper-lockfile': calls(lockfileModule),
  // Hono's presets export the same class.
  ...Object.fromEntries(['hono', 'hono/tiny', 'hono/quick'].map((m) => [m, { Hono: { [CONSTRUCT]: honoModule.Hono } }])),
  // The function itself up to version 4, a named export since.
  'serialize-error': { ...calls(errorSerializerModule), [CALL]: errorSerializerModule.serializeError },
  temp: calls(tempModule),
  tmp: { ...calls(privateTempModules.tmp!), tmpdir: { [READ]: tmpPackageValues.tmpdir } },
  '@nestjs/common': {
    ...Object.fromEntries(Object.entries(nestjsExceptions).map(([name, info]) => [name, { [CONSTRUCT]: info }])),
    ...calls(nestjsRequestDecorators),
    ...calls(nestjsRouteDecorators),
  },
  ...Object.fromEntries(Object.entries(untrustedInputModules).map(([m, table]) => [m, parserMap(table)])),
  '@azure/functions': { app: calls(azureHttpTriggers) },
  'next/server': { NextResponse: { [CONSTRUCT]: webResponseApis.NextResponse, json: { [CALL]: webResponseApis['NextResponse.json'] } } },
  '@sveltejs/kit': { json: { [CALL]: webResponseApis.json }, text: { [CALL]: webResponseApis.text } },
};

const globalMap: TraceMap = {
  process: processMap,
  URL: { [CONSTRUCT]: urlModule.URL },
  decodeURIComponent: { [CALL]: globalDecoders.decodeURIComponent },
  decodeURI: { [CALL]: globalDecoders.decodeURI },
  unescape: { [CALL]: globalDecoders.unescape },
  Math: calls(globalValues.Math),
  Date: { ...calls(globalValues.Date), [CONSTRUCT]: globalValues.Date.now },
  performance: calls(globalValues.performance),
  crypto: calls(globalValues.crypto),
  Response: { [CONSTRUCT]: webResponseApis.Response, json: { [CALL]: webResponseApis['Response.json'] } },
};

// Compilers wrap `require` calls: TypeScript's `__importStar`/`__importDefault` and Babel's
// `_interopRequireWildcard`/`_interopRequireDefault` return the module, or `{ default: module }`.
const DYNAMIC_IMPORT = /\bimport\s*\(/u;

const INTEROP_WRAPPERS = new Set(['__importStar', '__importDefault', '_interopRequireWildcard', '_interopRequireDefault']);

// `util.promisify`, pify and bluebird's `Promise.promisify` return the promise form of what they are given.
const PROMISIFIERS = new Set(['promisify', 'pify']);

/** `promisify(fs.readFile)` is `fs.promises.readFile`, `pify(fs)` is `fs.promises`. */
const promisified: Wrapper = (call, map) => {
  const name = calleeName(call.callee);
  if (name === undefined || !PROMISIFIERS.has(name)) return undefined;
  if (map === fsMap) return fsPromisesMap;
  const info = map[CALL] as ApiInfo | undefined;
  if (info?.kind !== 'fs' || (info.style !== 'callback' && info.style !== 'either')) return undefined;
  return { [CALL]: Object.hasOwn(fsPromisesModule, info.name) ? fsPromisesModule[info.name] : { ...info, style: 'promise' } };
};

function calleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** The references to the global `name`: declared (sourceType commonjs, Node globals configured) and undeclared alike. */
function globalReferences(sourceCode: Readonly<TSESLint.SourceCode>, name: string): TSESTree.Identifier[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return [];
  const references = [...(globalScope.set.get(name)?.references ?? []), ...globalScope.through.filter((r) => r.identifier.name === name)];
  return references.map((r) => r.identifier as TSESTree.Identifier);
}

/** A call of the global `require` (including one the file declares at its top level). */
const isRequireCall = (identifier: TSESTree.Identifier): boolean =>
  identifier.parent?.type === 'CallExpression' && identifier.parent.callee === identifier;

/** Calls of the global `require`. */
export function requireCalls(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  return globalReferences(sourceCode, 'require').filter(isRequireCall).map((id) => id.parent as TSESTree.CallExpression);
}

/** The file's `import()` expressions, found through the text, so no tree walk is needed. */
export function dynamicImports(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ImportExpression[] {
  return nodesMatching(sourceCode, DYNAMIC_IMPORT).filter((node) => node.type === 'ImportExpression');
}

/** In a set of names: any at all (a module loader reached, a rest pattern of `process`). */
const ANY = '*';

/**
 * What the file loads and reads of `process`, as names only. It is kept per file for every
 * rule, so it holds no node: a memo keyed by the file that held nodes would keep each linted
 * tree reachable for the young-generation collector, which cannot tell that the file is gone,
 * and every tree would be copied and promoted before it is freed.
 */
interface Loads {
  /** Module specifiers without `node:`, with ANY when the file reaches a module loader. */
  readonly modules: ReadonlySet<string>;
  /** The members read off the global `process`, with ANY for a rest pattern. */
  readonly processMembers: ReadonlySet<string>;
  /** Whether some `require()` is given a specifier that is not a constant. */
  readonly computedRequire: boolean;
}

/** Loading one of these can give any module by a name the file computes: `createRequire`, and `process` for `getBuiltinModule`. */
const LOADERS = ['module', 'process'];
const loadsMemo = new WeakMap<object, Loads>();

const withoutNodePrefix = (specifier: string): string => (specifier.startsWith('node:') ? specifier.slice(5) : specifier);

/** The members an object is read for where `identifier` refers to it: `process.umask`, `const { umask } = process`. */
function membersRead(identifier: TSESTree.Identifier, into: Set<string>): void {
  const parent = identifier.parent;
  if (parent?.type === 'MemberExpression' && parent.object === identifier) into.add(propertyName(parent) ?? ANY);
  else if (parent?.type === 'VariableDeclarator' && parent.init === identifier && parent.id.type === 'ObjectPattern') {
    for (const p of parent.id.properties) into.add(p.type === 'RestElement' ? ANY : (propertyName(p) ?? ANY));
  }
}

/**
 * The modules a file loads, from the same forms `trackApis` follows (imports and re-exports,
 * `import x = require()`, `require()` calls and `import()`), and what it reads of `process`:
 * from the program's statements, one pass over the global references and one scan for
 * `import(`, so a file that loads none of a rule's modules costs no text scan for them.
 */
function loadsOf(sourceCode: Readonly<TSESLint.SourceCode>): Loads {
  let known = loadsMemo.get(sourceCode);
  if (known) return known;
  const modules = new Set<string>();
  const processMembers = new Set<string>();
  let computedRequire = false;
  const add = (specifier: unknown): void => {
    if (typeof specifier === 'string') modules.add(withoutNodePrefix(specifier));
  };
  for (const statement of (sourceCode.ast as TSESTree.Program).body) {
    if (statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration') add(statement.source.value);
    else if (statement.type === 'ExportNamedDeclaration' && statement.source) add(statement.source.value);
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'TSImportEqualsDeclaration' && declaration.moduleReference.type === 'TSExternalModuleReference') {
      add(declaration.moduleReference.expression.value);
    }
  }
  const globalScope = sourceCode.scopeManager?.globalScope;
  const visit = (identifier: TSESTree.Identifier): void => {
    if (identifier.name === 'process') membersRead(identifier, processMembers);
    else if (identifier.name === 'require' && isRequireCall(identifier)) {
      const argument = (identifier.parent as TSESTree.CallExpression).arguments[0];
      const specifier = argument ? getStringIfConstant(argument as never) : null;
      if (specifier === null) computedRequire ||= argument !== undefined;
      else add(specifier);
    }
  };
  // One pass over the unresolved references for both names: a bundle has thousands of them.
  for (const name of ['require', 'process']) for (const r of globalScope?.set.get(name)?.references ?? []) visit(r.identifier as TSESTree.Identifier);
  for (const r of globalScope?.through ?? []) visit(r.identifier as TSESTree.Identifier);
  for (const node of dynamicImports(sourceCode)) add(getStringIfConstant(node.source as never));
  if (LOADERS.some((m) => modules.has(m)) || processMembers.has('getBuiltinModule') || processMembers.has(ANY)) modules.add(ANY);
  loadsMemo.set(sourceCode, (known = { modules, processMembers, computedRequire }));
  return known;
}

const specifierPatterns = new WeakMap<ReadonlySet<string>, RegExp>();

/** Any of `specifiers` in quotes, with or without `node:`. */
function quotedSpecifiers(specifiers: ReadonlySet<string>): RegExp {
  let pattern = specifierPatterns.get(specifiers);
  if (!pattern) specifierPatterns.set(specifiers, (pattern = new RegExp(`['"\`](?:node:)?(?:${[...specifiers].map(escapeRegExp).join('|')})['"\`]`, 'u')));
  return pattern;
}

/**
 * Whether the file loads one of `specifiers` (given without `node:`). A file that reaches a
 * module loader may load any module by name: for it, spelling one of them in quotes will do.
 */
export function loads(sourceCode: Readonly<TSESLint.SourceCode>, specifiers: ReadonlySet<string>): boolean {
  const { modules } = loadsOf(sourceCode);
  for (const specifier of modules) if (specifiers.has(specifier)) return true;
  return modules.has(ANY) && mentions(sourceCode, quotedSpecifiers(specifiers));
}

/** Whether the file reads `process[name]` (`process.umask`), or may: it loads `process` as a module, or takes its rest. */
export function readsProcessMember(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const { modules, processMembers } = loadsOf(sourceCode);
  return modules.has('process') || processMembers.has(name) || processMembers.has(ANY);
}

/** Whether some `require()` in the file is given a specifier that is not a constant. */
export function hasComputedRequire(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return loadsOf(sourceCode).computedRequire;
}

/**
 * Finds every use of the tracked APIs in a file, once. Beyond what ReferenceTracker finds on
 * its own, this seeds the forms it misses: `require` that is not a declared global (CommonJS
 * linted as `sourceType: 'module'`), compiled interop wrappers, `import x = require()`,
 * `await import()`, `createRequire(import.meta.url)` and `process.getBuiltinModule()`.
 */
export function trackApis(sourceCode: Readonly<TSESLint.SourceCode>, variableOf: VariableLookup): ApiRef[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return [];
  const refs: ApiRef[] = [];
  const requireFactories: TSESTree.Node[] = [];
  const tracker = new ReferenceTracker(sourceCode, globalScope, variableOf, (node: TSESTree.Node, type: UseType, info: unknown) => {
    if (info === SEED) requireFactories.push(node);
    else refs.push({ node, type: type === CALL ? 'call' : type === CONSTRUCT ? 'construct' : 'read', info: info as ApiInfo });
  }, promisified);

  const seedModuleValue = (valueNode: TSESTree.Node, specifier: string, namespace: boolean): void => {
    const map = moduleMap[specifier];
    // A module object reached by means the tracker cannot follow is seen as a namespace (`default` included).
    if (map) tracker.property(valueNode, namespace ? withDefault(map) : map);
  };

  const seedRequireCall = (call: TSESTree.CallExpression): void => {
    const arg = call.arguments[0];
    const specifier = arg ? getStringIfConstant(arg as never) : null;
    if (specifier === null || call.parent === undefined) return;
    const parent = call.parent;
    if (parent.type === 'CallExpression' && parent.arguments[0] === call) {
      const wrapper = calleeName(parent.callee);
      if (wrapper && INTEROP_WRAPPERS.has(wrapper)) {
        seedModuleValue(parent, specifier, true);
        return;
      }
    }
    seedModuleValue(call, specifier, false);
  };

  const seedRequireReferences = (identifiers: Iterable<TSESTree.Node>): void => {
    for (const id of identifiers) {
      const parent = id.parent;
      if (parent?.type === 'CallExpression' && parent.callee === id) seedRequireCall(parent);
    }
  };

  tracker.modules(moduleMap);
  tracker.globals(globalMap);
  // Node globals such as `process` are undeclared where the config sets no Node globals.
  for (const reference of globalScope.through) {
    const name = reference.identifier.name;
    if (Object.hasOwn(globalMap, name) && reference.isRead()) tracker.property(reference.identifier, globalMap[name]!);
  }

  for (const call of requireCalls(sourceCode)) seedRequireCall(call);

  // `process.getBuiltinModule('fs')` returns the module; `createRequire(url)` returns a `require`.
  for (const factory of requireFactories.splice(0)) {
    if (factory.type !== 'CallExpression') continue;
    if (calleeName(factory.callee) === 'getBuiltinModule') {
      const arg = factory.arguments[0];
      const specifier = arg ? getStringIfConstant(arg as never) : null;
      if (specifier !== null) seedModuleValue(factory, specifier, false);
    } else if (factory.parent.type === 'VariableDeclarator' && factory.parent.id.type === 'Identifier') {
      const variable = sourceCode.getDeclaredVariables(factory.parent).at(0);
      seedRequireReferences((variable?.references ?? []).map((r) => r.identifier));
    }
  }

  const ast = sourceCode.ast as TSESTree.Program;
  for (const statement of ast.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'TSImportEqualsDeclaration' && declaration.moduleReference.type === 'TSExternalModuleReference') {
      const specifier = declaration.moduleReference.expression.value;
      for (const variable of sourceCode.getDeclaredVariables(declaration)) {
        for (const reference of variable.references) seedModuleValue(reference.identifier, specifier, true);
      }
    }
  }

  // Babel's lazy interop: `function _os() { const data = require('os'); _os = () => data; return data; }`,
  // then `(0, _os().tmpdir)()`. Each `_os()` call is the module.
  for (const statement of ast.body) {
    if (statement.type !== 'FunctionDeclaration' || !statement.id || statement.params.length > 0) continue;
    const [first, ...rest] = statement.body.body;
    const declarator = first?.type === 'VariableDeclaration' && first.declarations.length === 1 ? first.declarations[0] : undefined;
    const last = rest.at(-1);
    if (declarator?.id.type !== 'Identifier' || !declarator.init || last?.type !== 'ReturnStatement') continue;
    if (last.argument?.type !== 'Identifier' || last.argument.name !== declarator.id.name) continue;
    let init: TSESTree.Node = declarator.init;
    const wrapped = init.type === 'CallExpression' && init.arguments[0]?.type === 'CallExpression' && INTEROP_WRAPPERS.has(calleeName(init.callee) ?? '');
    if (wrapped) init = (init as TSESTree.CallExpression).arguments[0]!;
    if (init.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') continue;
    const specifier = init.arguments[0] ? getStringIfConstant(init.arguments[0] as never) : null;
    if (specifier === null) continue;
    for (const variable of sourceCode.getDeclaredVariables(statement)) {
      for (const reference of variable.references) {
        const call = reference.identifier.parent;
        if (call?.type === 'CallExpression' && call.callee === reference.identifier && call.arguments.length === 0) seedModuleValue(call, specifier, wrapped);
      }
    }
  }

  // `import('fs').then((fs) => …)`: the callback's parameter is the namespace.
  const seedImportThen = (node: TSESTree.ImportExpression, specifier: string): void => {
    const member = node.parent;
    const call = member.parent;
    if (member.type !== 'MemberExpression' || member.object !== node || member.property.type !== 'Identifier' || member.property.name !== 'then') return;
    const callback = call?.type === 'CallExpression' && call.callee === member ? call.arguments[0] : undefined;
    if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return;
    const param = callback.params[0];
    if (param?.type !== 'Identifier') return;
    const variable = sourceCode.getDeclaredVariables(callback).find((v) => v.defs[0]?.name === param);
    for (const reference of variable?.references ?? []) seedModuleValue(reference.identifier, specifier, true);
  };

  // `await import('fs')`.
  for (const node of dynamicImports(sourceCode)) {
    const specifier = getStringIfConstant(node.source as never);
    if (specifier === null) continue;
    if (node.parent.type === 'AwaitExpression') seedModuleValue(node.parent, specifier, true);
    else seedImportThen(node, specifier);
  }

  return refs;
}
