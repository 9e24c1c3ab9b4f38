import { getStaticValue } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ApiInfo, FsApi } from './api-table.js';
import { type FunctionNode, isFunctionNode, isStringConcat, propertyName, returnStatementsOf, statementsOf, unwrap } from './ast.js';
import { type ApiRef, trackApis } from './modules.js';
import { type Part, type PathRoot, type PathValue, type Token, classify, isAbsolutePart, isSharedTempPart, withoutFileScheme } from './path-value.js';
import { isCollection, isNonPathCall, isSystemRootList, isTextApi, isNonPathKey } from './positions.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;
type Scope = TSESLint.Scope.Scope;

export interface FsCall extends ApiRef {
  readonly node: TSESTree.CallExpression;
  readonly info: FsApi;
}

/** Where a string is used as a path. */
export type PathSink =
  /** An argument at a path position of a known API. */
  | { readonly kind: 'argument'; readonly ref: ApiRef; readonly index: number; readonly expression: Node }
  /** The value of a path-like key (`dir`, `path`, `socketPath`, `cwd`, …) in an object or assignment. */
  | { readonly kind: 'option'; readonly key: string; readonly expression: Node };

/** `mkdtemp(prefix)`: a path completed with a random name that nobody can create first. */
export function isTempPrefix(sink: PathSink): boolean {
  return sink.kind === 'argument' && sink.ref.info.kind === 'fs' && sink.ref.info.effect === 'mkdtemp';
}

const MAX_DEPTH = 12;

// Keys under which a string is a file-system location. Compound keys count when they end in
// one of the words (`cacheDir`, `log_file`, `socketRoot`), so `profile` or `rootless` do not.
const PATH_KEYS = new Set(['path', 'dir', 'directory', 'file', 'filename', 'folder', 'root', 'cwd', 'dest', 'destination', 'tmpdir', 'tempdir']);
const PATH_KEY_SUFFIX = /(?:[a-z0-9]|^)(?:Path|Dir|Directory|File|Filename|FileName|Folder|Root)$|_(?:path|dir|directory|file|filename|folder|root)$/u;

export function isPathLikeKey(key: string): boolean {
  return PATH_KEYS.has(key.toLowerCase()) || PATH_KEY_SUFFIX.test(key);
}

// Keys of HTTP request options beside `path` (a `socketPath` is where the request goes; `path` stays the URL's).
const REQUEST_KEYS = new Set(['host', 'hostname', 'port', 'method', 'headers', 'protocol', 'socketPath', 'agent']);

/** Methods that keep a string's predictability: `randomBytes(8).toString('hex').slice(0, 8)`. */
const PRESERVING_METHODS = new Set([
  'toString', 'slice', 'substring', 'substr', 'padStart', 'padEnd', 'toLowerCase', 'toUpperCase', 'trim',
  'replace', 'replaceAll', 'toISOString', 'getTime', 'valueOf', 'toFixed', 'join', 'at',
]);

/** Of those, the ones that keep a whole path a path (`p.replace(/\\/g, '/')`): the root survives. */
const PATH_KEEPING_METHODS = new Set(['toString', 'replace', 'replaceAll', 'trim', 'trimEnd', 'valueOf']);

/** `Math` functions whose result is as guessable as their arguments: `Math.floor(Math.random() * n)`. */
const MATH_KEEPING = new Set(['floor', 'ceil', 'round', 'trunc', 'abs', 'min', 'max']);

/** Array methods whose callback's first parameter is an element: candidate roots in `ROOTS.forEach(root => …)`. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'some', 'every']);

/** Merges where a later object's properties override an earlier one's: `Object.assign({}, defaults, opts)`, `_.merge`. */
const OVERRIDING_MERGES = new Set(['assign', 'merge', 'extend', 'mergeWith']);
/** Merges where the first object's properties win: `_.defaults(opts, defaults)`. */
const DEFAULTING_MERGES = new Set(['defaults', 'defaultsDeep']);

/** Objects of `process` whose members are settings or public facts: `process.env.USER`, `process.versions.v8`. */
const PROCESS_FACTS = new Set(['env', 'versions', 'release', 'config']);

/** Roots where a guessable name is exposed to other local users. */
const ARITHMETIC = new Set(['*', '/', '%', '-', '|', '&', '^', '<<', '>>', '>>>', '**']);

const SHARED_ROOTS: ReadonlySet<PathRoot> = new Set(['shared-tmp', 'os-tmpdir', 'env-tmp']);

/** `path` calls whose result contains their arguments, so a root in an argument is the result's root. */
const COMPOSING_PATH_CALLS = new Set(['join', 'resolve', 'normalize']);

/** Keys whose value on a private-temp object is the private path itself (`dir.path`, `tmp.dirSync().name`). */
const PRIVATE_PATH_KEYS = new Set(['path', 'name']);

/**
 * The facts about one file that every rule shares: the known API uses and the abstract value
 * of path expressions. Built once per SourceCode (see getFileFacts) and memoised per node.
 */
interface TrackedApis {
  readonly refs: readonly ApiRef[];
  readonly fsCalls: readonly FsCall[];
  readonly byNode: ReadonlyMap<Node, ApiRef>;
  readonly byBinding: ReadonlyMap<Node, ApiRef>;
}

/** Refs by their node's start, stable; the starts read once (a comparator reading `node.range` of many node shapes is slow). */
function inSourceOrder(refs: readonly ApiRef[]): ApiRef[] {
  const starts = refs.map((ref) => ref.node.range[0]);
  const order = Uint32Array.from(refs.keys()).sort((a, b) => starts[a]! - starts[b]! || a - b);
  return Array.from(order, (index) => refs[index]!);
}

function indexApis(sourceCode: Readonly<TSESLint.SourceCode>, variableOf: (identifier: TSESTree.Identifier) => Variable | undefined): TrackedApis {
  const refs: ApiRef[] = [];
  const fsCalls: FsCall[] = [];
  const byNode = new Map<Node, ApiRef>();
  const byBinding = new Map<Node, ApiRef>();
  for (const ref of inSourceOrder(trackApis(sourceCode, variableOf))) {
    // `const rm = fs.rmSync || fs.rmdirSync; rm(p)` is one call with two possible APIs: the
    // first alternative stands for it, so that one call gives one report.
    if (byNode.has(ref.node)) continue;
    refs.push(ref);
    byNode.set(ref.node, ref);
    // `const { TMPDIR } = process.env` reports the Property; its binding carries the value.
    if (ref.node.type === 'Property' && ref.node.value.type === 'Identifier') byBinding.set(ref.node.value, ref);
    if (ref.info.kind === 'fs' && ref.type === 'call' && ref.node.type === 'CallExpression') fsCalls.push(ref as FsCall);
  }
  return { refs, fsCalls, byNode, byBinding };
}

/**
 * Node types that own no scope in either scope manager, unless they are a class field's
 * initializer (which has its own): most of the way up from a name to its scope, each a lookup
 * in the manager's node map that can be skipped.
 */
const SCOPELESS = new Set<string>([
  'Identifier', 'Literal', 'MemberExpression', 'CallExpression', 'NewExpression', 'ChainExpression', 'BinaryExpression',
  'LogicalExpression', 'UnaryExpression', 'AssignmentExpression', 'ConditionalExpression', 'AwaitExpression', 'SpreadElement',
  'TemplateLiteral', 'ObjectExpression', 'ArrayExpression', 'Property', 'ExpressionStatement', 'ReturnStatement',
  'VariableDeclarator', 'VariableDeclaration', 'IfStatement', 'TSAsExpression', 'TSNonNullExpression',
]);

/** `new URL(x)` or `fileURLToPath(x)` with no base: a file URL in `x` is a path (see partsOfFileUrl). */
const isFileUrlCall = (info: ApiInfo, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean =>
  info.kind === 'other' && info.module === 'url' && (info.name === 'URL' || info.name === 'fileURLToPath') && call.arguments.length === 1;

const isFieldInitializer = (node: Node): boolean =>
  (node.parent?.type === 'PropertyDefinition' || node.parent?.type === 'AccessorProperty') && node.parent.value === node;

/**
 * The variable a name refers to from `scope` (the innermost scope at the name, as ESLint's
 * `getScope` gives it), up the scope chain. eslint-utils' `findVariable` first descends again
 * from that scope through every child scope whose range holds the name, a loop over all the
 * functions of a module for each name read at its top level.
 */
function resolveName(scope: Scope | null, name: string): Variable | undefined {
  for (let current = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/**
 * The facts about one file that every rule shares: the known API uses and the abstract value
 * of path expressions. Built once per SourceCode (see getFileFacts), each part on first use
 * (a rule that only resolves variables never pays for API tracking), and memoised per node.
 */
export class FileFacts {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private tracked: TrackedApis | undefined;
  private readonly partsMemo = new Map<Node, Part[]>();
  private readonly valueMemo = new Map<Node, PathValue>();
  private readonly sinkMemo = new Map<Node, PathSink[]>();
  private readonly inProgress = new Set<Node>();
  // `null`: looked up, no variable (one map lookup either way).
  private readonly variableMemo = new Map<TSESTree.Identifier, Variable | null>();
  private readonly returnsMemo = new Map<FunctionNode, readonly Node[]>();

  constructor(sourceCode: Readonly<TSESLint.SourceCode>) {
    this.sourceCode = sourceCode;
  }

  private get apis(): TrackedApis {
    return (this.tracked ??= indexApis(this.sourceCode, (identifier) => this.variableOf(identifier)));
  }

  /** Every tracked API use, in source order. */
  get refs(): readonly ApiRef[] {
    return this.apis.refs;
  }

  /** The fs calls among them, in source order. */
  get fsCalls(): readonly FsCall[] {
    return this.apis.fsCalls;
  }

  /** The tracked API use at exactly this node (a call, a `new`, or a member read). */
  api(node: Node): ApiRef | undefined {
    return this.apis.byNode.get(node);
  }

  /** The tracked API whose result this expression holds, through `const` bindings and `await`. */
  origin(expression: Node): ApiRef | undefined {
    const node = unwrap(expression);
    const direct = this.apis.byNode.get(node);
    if (direct) return direct;
    if (node.type !== 'Identifier') return undefined;
    const variable = this.variableOf(node);
    const definition = variable?.defs[0]?.name;
    if (definition && this.apis.byBinding.has(definition)) return this.apis.byBinding.get(definition);
    const init = variable ? this.singleValue(variable) : undefined;
    return init ? this.origin(init) : undefined;
  }

  /**
   * The innermost scope at `node`, as `SourceCode#getScope` finds it: the scope of the nearest
   * ancestor that opens one. ESLint's caches every node it is asked about, which on a file with
   * thousands of path expressions was a sixth of the analysis; the scope manager's own index
   * (`acquire`, the innermost scope a node opens) needs no copy: a map of every scope built
   * per file cost more than all the lookups it served.
   */
  scopeAt(node: Node): Scope | null {
    const manager = this.sourceCode.scopeManager;
    if (!manager) return null;
    if (node.type === 'Program') return manager.globalScope;
    for (let current: Node | undefined = node; current; current = current.parent) {
      if (SCOPELESS.has(current.type) && !isFieldInitializer(current)) continue;
      const scope = manager.acquire(current, true);
      if (scope) return scope;
    }
    return manager.globalScope;
  }

  variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    const known = this.variableMemo.get(identifier);
    if (known !== undefined) return known ?? undefined;
    // A function's or class's own name binds outside it: looked up from inside, a local of that
    // name would shadow it, and a class also binds its name in its own scope.
    const parent = identifier.parent;
    const variable =
      (parent?.type === 'FunctionDeclaration' || parent?.type === 'ClassDeclaration') && parent.id === identifier
        ? this.sourceCode.getDeclaredVariables(parent).find((v) => v.identifiers.includes(identifier) && v.scope.block !== parent)
        : resolveName(this.scopeAt(identifier), identifier.name);
    this.variableMemo.set(identifier, variable ?? null);
    return variable;
  }

  /** The one value a variable ever holds: its initialiser when it is never reassigned. */
  singleValue(variable: Variable): Node | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0]!;
    if (def.type !== 'Variable' || def.node.id.type !== 'Identifier' || !def.node.init) return undefined;
    if (variable.references.some((r) => r.isWrite() && r.writeExpr !== def.node.init)) return undefined;
    return def.node.init;
  }

  /** A constant string or number, where eslint-utils can compute one. */
  staticValue(node: Node): unknown {
    const result = getStaticValue(node as never, this.scopeAt(node) as never);
    return result?.value;
  }

  /** The abstract value of a path expression: its root and how predictable its name is. */
  pathValue(expression: Node): PathValue {
    let value = this.valueMemo.get(expression);
    if (!value) {
      value = classify(this.parts(expression, 0), (n) => this.render(n));
      this.valueMemo.set(expression, value);
    }
    return value;
  }

  private render(node: Node): string {
    const text = this.sourceCode.getText(node);
    return text.length > 24 ? '…' : text;
  }

  private parts(expression: Node, depth: number): Part[] {
    const memo = this.partsMemo.get(expression);
    if (memo) return memo;
    if (depth > MAX_DEPTH || this.inProgress.has(expression)) return [{ token: 'unknown', node: expression }];
    this.inProgress.add(expression);
    try {
      const parts = this.computeParts(expression, depth + 1);
      this.partsMemo.set(expression, parts);
      return parts;
    } finally {
      this.inProgress.delete(expression);
    }
  }

  private token(token: Token, node: Node): Part[] {
    return [{ token, node }];
  }

  private computeParts(expression: Node, depth: number): Part[] {
    const node = unwrap(expression);
    const ref = this.apis.byNode.get(node);
    if (ref) return this.partsOfApi(ref, node, depth);
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' || typeof node.value === 'number'
          ? [{ text: String(node.value), node }]
          : this.token('unknown', node);
      case 'TemplateLiteral': {
        const parts: Part[] = [];
        node.quasis.forEach((quasi, i) => {
          parts.push({ text: quasi.value.cooked ?? quasi.value.raw, node: quasi.value.cooked === '' ? undefined : node });
          const inner = node.expressions[i];
          if (inner) parts.push(...this.parts(inner, depth));
        });
        return parts;
      }
      case 'BinaryExpression':
        if (node.operator === '+') return [...this.parts(node.left, depth), ...this.parts(node.right, depth)];
        return ARITHMETIC.has(node.operator) && node.left.type !== 'PrivateIdentifier' ? this.combined(node, [node.left, node.right], depth) : this.token('unknown', node);
      case 'LogicalExpression':
        // `opts.dir || '/tmp/x'`: what the code falls back to is what it uses by default.
        return node.operator === '&&' ? this.parts(node.right, depth) : this.alternativeParts(node.left, node.right, depth);
      case 'ConditionalExpression':
        return this.alternativeParts(node.consequent, node.alternate, depth);
      case 'Identifier':
        return this.partsOfIdentifier(node, depth);
      case 'MemberExpression':
        return this.partsOfMember(node, depth);
      case 'CallExpression':
        return this.partsOfCall(node, depth);
      case 'NewExpression':
        return this.token('unknown', node);
      case 'UpdateExpression':
        return this.token('weak', node);
      default:
        return this.partsOfStatic(node);
    }
  }

  /**
   * The value of `a || b` or `c ? a : b`: the first unless it is unknown, or unless only the
   * second is in a shared temp directory. `process.env.XDG_RUNTIME_DIR || '/tmp'` and
   * `win32 ? pipe : '/tmp/app.sock'` use the temp directory whenever the other does not apply.
   */
  private alternativeParts(first: Node, second: Node, depth: number): Part[] {
    const parts = this.parts(first, depth);
    const head = parts[0];
    if (head && 'token' in head && head.token === 'unknown') return this.parts(second, depth);
    // `process.env.APP_DIR || '/tmp/app'`: a setting falls back to the default when unset.
    if (head && 'token' in head && head.token === 'config') {
      const other = this.parts(second, depth);
      const next = other[0];
      return next && 'token' in next && next.token === 'unknown' ? parts : other;
    }
    if (isSharedTempPart(head)) return parts;
    const other = this.parts(second, depth);
    return isSharedTempPart(other[0]) ? other : parts;
  }

  private partsOfStatic(node: Node): Part[] {
    const value = this.staticValue(node);
    return typeof value === 'string' || typeof value === 'number'
      ? [{ text: String(value), node: undefined }]
      : this.token('unknown', node);
  }

  private partsOfApi(ref: ApiRef, node: Node, depth: number): Part[] {
    const info: ApiInfo = ref.info;
    if (info.kind === 'value') return this.token(info.value, node);
    if (info.kind === 'fs') {
      // The real path of a location is that location: `realpathSync(os.tmpdir())` is the temp root.
      if (isRealpathCall(info) && node.type === 'CallExpression') {
        const target = node.arguments[0];
        return target && target.type !== 'SpreadElement' ? this.parts(target, depth) : this.token('unknown', node);
      }
      // Only the returning forms of mkdtemp hand back the fresh directory.
      return info.effect === 'mkdtemp' && info.style !== 'callback' ? this.token('private-temp', node) : this.token('unknown', node);
    }
    if (info.kind === 'path' && node.type === 'CallExpression') return this.partsOfPathCall(info.name, node, depth);
    if (info.kind === 'other' && info.module === 'url' && (info.name === 'URL' || info.name === 'fileURLToPath')) return this.partsOfFileUrl(node, info.name, depth);
    if (info.kind === 'other' && info.name === 'cwd') return this.token('other-root', node);
    // `os.tmpdir() + path.sep + name`: the separator, spelled as the joins spell it.
    if (info.kind === 'other' && info.module === 'path' && info.name === 'sep') return [{ text: '/', node: undefined }];
    return this.token('unknown', node);
  }

  /**
   * The path a file URL names: fs takes `new URL('file:///tmp/x')` for `/tmp/x`, and
   * `fileURLToPath` gives it. Any other URL, or one resolved against a base, names no path here.
   */
  private partsOfFileUrl(node: Node, name: string, depth: number): Part[] {
    const [url, base] = node.type === 'NewExpression' || node.type === 'CallExpression' ? node.arguments : [];
    if (!url || url.type === 'SpreadElement' || base) return this.token('unknown', node);
    const parts = this.parts(url, depth);
    const head = parts[0];
    if (head && 'text' in head && withoutFileScheme(head.text) !== head.text) return [{ text: withoutFileScheme(head.text), node: head.node }, ...parts.slice(1)];
    // `fileURLToPath(new URL(…))`: the URL's path, already found.
    return name === 'fileURLToPath' ? parts : this.token('unknown', node);
  }

  private partsOfPathCall(name: string, call: TSESTree.CallExpression, depth: number): Part[] {
    const args = call.arguments;
    const evaluated = args.map((a) => (a.type === 'SpreadElement' ? this.token('unknown', a) : this.parts(a, depth)));
    const joined = (list: Part[][]): Part[] =>
      list.flatMap((p, i) => (i === 0 ? p : [{ text: '/', node: undefined }, ...p]));
    switch (name) {
      case 'join':
      case 'normalize':
        return joined(evaluated);
      case 'resolve': {
        // Later absolute arguments restart the path; with none, it is relative to the cwd.
        let start = -1;
        evaluated.forEach((p, i) => {
          if (isAbsolutePart(p[0])) start = i;
        });
        if (start >= 0) return joined(evaluated.slice(start));
        const first = evaluated[0]?.[0];
        return first && 'token' in first ? joined(evaluated) : [{ token: 'other-root', node: call }, { text: '/', node: undefined }, ...joined(evaluated)];
      }
      case 'dirname': {
        const parts = evaluated[0] ?? [];
        return parts.length > 1 ? parts.slice(0, -1) : parts;
      }
      default:
        return args[0] ? this.token('unknown', args[0]) : [];
    }
  }

  private partsOfIdentifier(node: TSESTree.Identifier, depth: number): Part[] {
    if (node.name === '__dirname' || node.name === '__filename') return this.token('other-root', node);
    const variable = this.variableOf(node);
    if (!variable) return this.token('unknown', node);
    const def = variable.defs[0];
    const fromBinding = def && this.apis.byBinding.get(def.name);
    if (fromBinding) return this.partsOfApi(fromBinding, fromBinding.node, depth);
    const init = this.singleValue(variable);
    if (init) return this.parts(init, depth);
    if (def?.type === 'Parameter') return this.partsOfParameter(def.name, def.node, node, depth);
    // `for (const root of ['/tmp', os.tmpdir()])`: each element is a value the loop variable takes.
    const loop = def?.type === 'Variable' ? def.node.parent.parent : undefined;
    if (loop?.type === 'ForOfStatement' && loop.left === def?.node.parent && variable.defs.length === 1) {
      const elements = this.elementsOf(loop.right);
      return elements ? this.pick(elements, depth, node) : this.token('unknown', node);
    }
    // A module's named export: `import { version } from './meta.js'`.
    if (def?.type === 'ImportBinding' && variable.defs.length === 1) return this.token('config', node);
    if (def?.type === 'Variable' && def.node.init) {
      // Destructured from a private temp object: `const { path } = await createTempDir()`.
      const origin = this.origin(def.node.init);
      if (origin?.info.kind === 'value' && origin.info.value === 'private-temp') return this.token('private-temp', node);
      // Destructured configuration: `const { version } = require('./package.json')`, `const { APP } = process.env`.
      if (def.node.id.type === 'ObjectPattern' && variable.defs.length === 1 && this.isConfiguration(def.node.init)) return this.token('config', node);
      // A numeric `let` that is only ever incremented is a counter.
      if (
        typeof this.staticValue(def.node.init) === 'number' &&
        variable.references.every((r) => !r.isWrite() || r.writeExpr === def.node.init || r.identifier.parent.type === 'UpdateExpression')
      ) {
        return this.token('weak', node);
      }
    }
    const reaching = this.reachingValues(variable, node);
    return reaching ? this.pick(reaching, depth, node) : this.token('unknown', node);
  }

  /**
   * The values a reassigned variable may hold at `use`: the one plain assignment that
   * reaches it in straight-line code (`dir = base + name; mkdir(dir)`), else every value the
   * file assigns (`let dir = '/tmp'; if (env) dir = env`). `undefined` when a write is not a
   * plain `=` (`+=`, destructuring, a loop head).
   */
  reachingValues(variable: Variable, use: Node): Node[] | undefined {
    const writes = variable.references.filter((r) => r.isWrite());
    if (writes.length === 0) return undefined;
    const values: Node[] = [];
    for (const write of writes) {
      const holder = write.identifier.parent;
      if (holder.type === 'VariableDeclarator' && holder.id === write.identifier && holder.init) values.push(holder.init);
      else if (holder.type === 'AssignmentExpression' && holder.left === write.identifier && ['=', '||=', '??='].includes(holder.operator)) values.push(holder.right);
      else return undefined;
    }
    const inside = (node: Node, outer: Node): boolean => outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
    for (let node: Node = use; node.parent && !isFunctionNode(node); node = node.parent) {
      const parent = node.parent;
      const body = parent.type === 'BlockStatement' || parent.type === 'Program' ? parent.body : parent.type === 'SwitchCase' ? parent.consequent : undefined;
      if (!body) continue;
      for (let i = body.indexOf(node as never) - 1; i >= 0; i--) {
        const statement = body[i]!;
        const found = writes.filter((w) => inside(w.identifier, statement));
        if (found.length === 0) continue;
        const holder = found.length === 1 ? found[0]!.identifier.parent : undefined;
        const direct =
          (statement.type === 'ExpressionStatement' && statement.expression === holder) ||
          (statement.type === 'VariableDeclaration' && holder?.parent === statement);
        return direct && holder ? [holder.type === 'VariableDeclarator' ? holder.init! : (holder as TSESTree.AssignmentExpression).right] : values;
      }
    }
    return values;
  }

  /**
   * Of the values an expression may take, the one in a shared temp root (what the code does
   * on some path is what it can do), else the only one; several others are unknown.
   */
  private pick(candidates: readonly Node[], depth: number, use: Node): Part[] {
    let only: Part[] | undefined;
    let names = true;
    let guessable = false;
    let random = false;
    for (const candidate of candidates) {
      const parts = this.parts(candidate, depth);
      const value = classify(parts, (n) => this.render(n));
      if (SHARED_ROOTS.has(value.root)) return parts;
      only ??= parts;
      names &&= !isAbsolutePart(parts[0]);
      guessable ||= value.name === 'constant' || value.name === 'weak';
      random ||= value.name === 'strong';
    }
    if (candidates.length === 1 && only) return only;
    // Names, none of them a location or random: when one is guessable, so is the name on that
    // path (`let name = 'out.json'; if (opts.name) name = opts.name`). A random default that a
    // setting may replace is the code's intent, and stays unknown.
    return this.token(names && guessable && !random ? 'weak' : 'unknown', use);
  }

  /** The elements of an array literal (inline or a never-reassigned binding), without spreads and holes. */
  private elementsOf(expression: Node, depth = 0): Node[] | undefined {
    const node = unwrap(expression);
    if (node.type === 'ArrayExpression') return node.elements.filter((e): e is TSESTree.Expression => e !== null && e.type !== 'SpreadElement');
    if (node.type !== 'Identifier' || depth > 4) return undefined;
    const variable = this.variableOf(node);
    const init = variable && this.singleValue(variable);
    return init ? this.elementsOf(init, depth + 1) : undefined;
  }

  /** The strength of an arithmetic result (`Math.random() * 1e9`): its operands', the weakest unknown first. */
  private combined(node: Node, operands: readonly Node[], depth: number): Part[] {
    const parts = operands.flatMap((o) => this.parts(o, depth));
    if (parts.every((p) => 'text' in p)) return this.partsOfStatic(node);
    const tokens = parts.flatMap((p) => ('token' in p ? [p.token] : []));
    if (tokens.some((t) => t !== 'weak' && t !== 'strong')) return this.token('unknown', node);
    return this.token(tokens.includes('strong') ? 'strong' : 'weak', node);
  }

  /** The local function an expression names, when it names exactly one (see functionsOf). */
  private localFunction(expression: Node): FunctionNode | undefined {
    const [only, other] = this.functionsOf(expression, 0);
    return other ? undefined : only;
  }

  /**
   * The file's own functions an expression may be: a declaration, a const function, an object
   * literal's method, a `this.x = …` field, and each side of `opts.fn || defaultFn`.
   */
  private functionsOf(expression: Node, depth: number): FunctionNode[] {
    const node = unwrap(expression);
    if (isFunctionNode(node)) return [node];
    if (depth > 4) return [];
    switch (node.type) {
      case 'Identifier': {
        const variable = this.variableOf(node);
        const def = variable?.defs[0];
        if (def?.type === 'FunctionName' && isFunctionNode(def.node)) return [def.node];
        const init = variable && def?.type === 'Variable' ? this.singleValue(variable) : undefined;
        return init ? this.functionsOf(init, depth + 1) : [];
      }
      case 'LogicalExpression':
        return [...this.functionsOf(node.left, depth + 1), ...this.functionsOf(node.right, depth + 1)];
      case 'ConditionalExpression':
        return [...this.functionsOf(node.consequent, depth + 1), ...this.functionsOf(node.alternate, depth + 1)];
      case 'MemberExpression': {
        const key = propertyName(node);
        return key === undefined ? [] : this.memberValues(node, key).flatMap((value) => this.functionsOf(value, depth + 1));
      }
      default:
        return [];
    }
  }

  /**
   * What the file's own functions that a callback is handed call it with, at one parameter:
   * `getDir(req, (err, dir) => …)` with `function getDir(req, cb) { cb(null, os.tmpdir()) }`.
   */
  private callbackArguments(call: TSESTree.CallExpression, callback: Node, index: number): Node[] {
    const at = call.arguments.indexOf(callback as TSESTree.CallExpressionArgument);
    const values: Node[] = [];
    for (const callee of this.functionsOf(call.callee, 0)) {
      let param = callee.params[at];
      if (param?.type === 'AssignmentPattern') param = param.left;
      const variable = param?.type === 'Identifier' ? this.variableOf(param) : undefined;
      for (const reference of variable?.references ?? []) {
        const site = reference.identifier.parent;
        const argument = site?.type === 'CallExpression' && site.callee === reference.identifier ? site.arguments[index] : undefined;
        if (argument && argument.type !== 'SpreadElement') values.push(argument);
      }
    }
    return values;
  }

  /** Every call in this file of a local function: `f()`, `obj.f()` on the object literal that holds it. */
  callSitesOf(fn: FunctionNode): TSESTree.CallExpression[] {
    let binding: TSESTree.Identifier | undefined;
    let key: string | undefined;
    if (fn.type === 'FunctionDeclaration') binding = fn.id ?? undefined;
    else if (fn.parent.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier') binding = fn.parent.id;
    else if (fn.parent.type === 'Property' && fn.parent.parent.type === 'ObjectExpression') {
      const holder = fn.parent.parent.parent;
      key = propertyName(fn.parent);
      if (holder.type === 'VariableDeclarator' && holder.id.type === 'Identifier') binding = holder.id;
    }
    const variable = binding && this.variableOf(binding);
    const calls: TSESTree.CallExpression[] = [];
    for (const reference of variable?.references ?? []) {
      if (!reference.isRead()) continue;
      let callee: Node = reference.identifier;
      if (key !== undefined) {
        if (callee.parent?.type !== 'MemberExpression' || propertyName(callee.parent) !== key) continue;
        callee = callee.parent;
      }
      if (callee.parent?.type === 'CallExpression' && callee.parent.callee === callee) calls.push(callee.parent);
    }
    return calls;
  }

  /** The values a function returns (its expression body, its `return`s outside nested functions). */
  returnsOf(fn: FunctionNode): readonly Node[] {
    let values = this.returnsMemo.get(fn);
    if (!values) {
      values = fn.body.type === 'BlockStatement' ? returnStatementsOf(fn.body).flatMap((r) => (r.argument ? [r.argument] : [])) : [fn.body];
      this.returnsMemo.set(fn, values);
    }
    return values;
  }

  /** Parameters of a callback handed a fresh private location: `mkdtemp(p, (err, dir) => …)`, `withTempDir(dir => …)`. */
  private partsOfParameter(name: Node, fn: Node, use: Node, depth: number): Part[] {
    const call = fn.parent;
    if (!isFunctionNode(fn)) return this.token('unknown', use);
    const index = fn.params.findIndex((p) => p === name || (p.type === 'AssignmentPattern' && p.left === name));
    if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      // A local function's parameter takes what its calls in this file pass: `start('/tmp')`.
      if (index < 0) return this.token('unknown', use);
      const passed = this.callSitesOf(fn).flatMap((site) => {
        const argument = site.arguments[index];
        return argument && argument.type !== 'SpreadElement' ? [argument] : [];
      });
      return passed.length > 0 ? this.pick(passed, depth, use) : this.token('unknown', use);
    }
    // `ROOTS.forEach((root) => …)`: the callback's first parameter is an element.
    const method = call.callee.type === 'MemberExpression' ? propertyName(call.callee) : undefined;
    if (index === 0 && call.arguments[0] === fn && method !== undefined && ELEMENT_CALLBACKS.has(method) && call.callee.type === 'MemberExpression') {
      const elements = this.elementsOf(call.callee.object);
      if (elements) return this.pick(elements, depth, use);
    }
    const ref = this.apis.byNode.get(call);
    if (!ref) {
      const passed = index < 0 ? [] : this.callbackArguments(call, fn, index);
      return passed.length > 0 ? this.pick(passed, depth, use) : this.token('unknown', use);
    }
    const position = fn.params.findIndex((p) => p === name || (p.type === 'ObjectPattern' && p.range[0] <= name.range[0] && name.range[1] <= p.range[1]));
    const expected = ref.info.kind === 'fs' && ref.info.effect === 'mkdtemp' ? 1 : ref.info.kind === 'value' && ref.info.value === 'private-temp' ? 0 : -1;
    return position === expected && position >= 0 ? this.token('private-temp', use) : this.token('unknown', use);
  }

  private partsOfMember(node: TSESTree.MemberExpression, depth: number): Part[] {
    const key = propertyName(node);
    if (key === undefined) {
      // `ROOTS[i]` of an array literal: any element.
      const elements = node.computed ? this.elementsOf(node.object) : undefined;
      if (!elements) return this.token('unknown', node);
      const index = this.staticValue(node.property);
      const chosen = typeof index === 'number' ? elements.slice(index, index + 1) : elements;
      return chosen.length > 0 ? this.pick(chosen, depth, node) : this.token('unknown', node);
    }
    const object = unwrap(node.object);
    if (object.type !== 'ThisExpression') {
      const parts = this.parts(object, depth);
      const head = parts[0];
      if (head && 'token' in head && head.token === 'private-temp' && PRIVATE_PATH_KEYS.has(key)) return this.token('private-temp', node);
      // A member of a public fact is one too: `os.userInfo().username`.
      if (parts.length === 1 && head && 'token' in head && head.token === 'weak') return this.token('weak', node);
    }
    // A getter's read is what it returns.
    const values = this.memberValues(node, key).flatMap((v) => (isFunctionNode(v) && v.parent.type === 'MethodDefinition' && v.parent.kind === 'get' ? this.returnsOf(v) : [v]));
    if (values.length > 0) return this.pick(values, depth, node);
    return this.token(this.isConfiguration(object) ? 'config' : 'unknown', node);
  }

  /**
   * An object whose members are configuration or public facts: `process.env`, `process.versions`,
   * or another module (`require('./x')`, an import's default or namespace): `helper.version`,
   * `process.env.APP_NAME`, `process.versions.v8`.
   */
  private isConfiguration(expression: Node, depth = 0): boolean {
    const node = unwrap(expression);
    if (node.type === 'MemberExpression') {
      const object = unwrap(node.object);
      const key = propertyName(node);
      return key !== undefined && PROCESS_FACTS.has(key) && object.type === 'Identifier' && object.name === 'process' && !this.variableOf(object)?.defs.length;
    }
    if (node.type === 'CallExpression') {
      const callee = unwrap(node.callee);
      const [specifier] = node.arguments;
      return callee.type === 'Identifier' && callee.name === 'require' && !this.variableOf(callee)?.defs.length && specifier?.type === 'Literal' && typeof specifier.value === 'string';
    }
    if (node.type !== 'Identifier' || depth > 4) return false;
    const variable = this.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'ImportBinding') return def.node.type !== 'ImportSpecifier';
    const init = variable && this.singleValue(variable);
    return init !== undefined && this.isConfiguration(init, depth + 1);
  }

  /** The values `obj.key` may read in this file (see objectValues, thisValues, exportValues). */
  private memberValues(node: TSESTree.MemberExpression, key: string): Node[] {
    const object = unwrap(node.object);
    if (object.type === 'ThisExpression') return this.thisValues(node, key);
    if (this.isExportsObject(object)) return this.exportValues(key);
    return this.objectValues(object, key, 0);
  }

  /**
   * The values under `key` of an object the file builds: a literal, spreads in it, and merges
   * with defaults (`Object.assign({}, defaults, opts)`, `_.defaults(opts, defaults)`), where
   * what an unknown object might override is left to the known ones.
   */
  private objectValues(expression: Node, key: string, depth: number): Node[] {
    if (depth > 4) return [];
    const node = unwrap(expression);
    if (node.type === 'Identifier') {
      const variable = this.variableOf(node);
      const init = variable && this.singleValue(variable);
      return init ? this.objectValues(init, key, depth + 1) : [];
    }
    // `const self = this; … self.key`
    if (node.type === 'ThisExpression') return this.thisValues(node, key);
    if (node.type === 'ObjectExpression') {
      const values: Node[] = [];
      for (const property of node.properties) {
        if (property.type === 'SpreadElement') values.push(...this.objectValues(property.argument, key, depth + 1));
        else if (propertyName(property) === key) values.splice(0, values.length, property.value);
      }
      return values;
    }
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      const method = propertyName(node.callee);
      if (method === undefined || (!OVERRIDING_MERGES.has(method) && !DEFAULTING_MERGES.has(method))) return [];
      return node.arguments.flatMap((a) => (a.type === 'SpreadElement' ? [] : this.objectValues(a, key, depth + 1)));
    }
    return [];
  }

  /** `exports` or `module.exports` of a CommonJS file (not a local of that name). */
  private isExportsObject(node: Node): boolean {
    const isGlobal = (id: Node, name: string): boolean =>
      id.type === 'Identifier' && id.name === name && !this.variableOf(id)?.defs.length;
    return isGlobal(node, 'exports') || (node.type === 'MemberExpression' && isGlobal(node.object, 'module') && propertyName(node) === 'exports');
  }

  private exportsMemo: Map<string, Node[]> | undefined;

  /** `exports.X = …`, `module.exports.X = …` and `module.exports = { X }` at the top of the file. */
  private exportValues(key: string): Node[] {
    if (!this.exportsMemo) {
      const memo = new Map<string, Node[]>();
      const add = (name: string | undefined, value: Node): void => {
        if (name !== undefined) memo.set(name, [...(memo.get(name) ?? []), value]);
      };
      for (const statement of (this.sourceCode.ast as TSESTree.Program).body) {
        const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
        if (expression?.type !== 'AssignmentExpression' || expression.operator !== '=') continue;
        const { left, right } = expression;
        if (left.type !== 'MemberExpression') continue;
        if (this.isExportsObject(left.object)) add(propertyName(left), right);
        else if (this.isExportsObject(left) && right.type === 'ObjectExpression') {
          for (const property of right.properties) if (property.type === 'Property') add(propertyName(property), property.value);
        }
      }
      this.exportsMemo = memo;
    }
    return this.exportsMemo.get(key) ?? [];
  }

  /**
   * `this.key`: a class field or the class constructor's `this.key = …`; in an object literal's
   * method, the literal's property or a `this.key = …` in its methods; in a constructor function
   * (plain, or a compiled class's `Ctor.prototype.m = function`), that function's `this.key = …`.
   */
  private thisValues(node: Node, key: string): Node[] {
    let fn: Node | undefined = node.parent;
    while (fn && (fn.type === 'ArrowFunctionExpression' || !isFunctionNode(fn)) && fn.type !== 'ClassBody') fn = fn.parent;
    if (!fn) return [];
    if (fn.type === 'ClassBody') {
      const value = this.classFieldValue(fn, key);
      return value ? [value] : [];
    }
    if (fn.parent?.type === 'MethodDefinition') {
      const value = this.classFieldValue(fn.parent.parent, key);
      return value ? [value] : [];
    }
    const holder = fn.parent;
    if (holder?.type === 'Property' && holder.parent.type === 'ObjectExpression') {
      const object = holder.parent;
      const values = this.objectValues(object, key, 0);
      for (const property of object.properties) {
        if (property.type === 'Property' && isFunctionNode(property.value)) values.push(...thisAssignments(property.value, key));
      }
      return values;
    }
    // `Ctor.prototype.m = function () { … this.key … }`
    if (holder?.type === 'AssignmentExpression' && holder.left.type === 'MemberExpression' && holder.left.object.type === 'MemberExpression' && propertyName(holder.left.object) === 'prototype') {
      const ctor = this.localFunction(holder.left.object.object);
      return ctor ? thisAssignments(ctor, key) : [];
    }
    return isFunctionNode(fn) ? thisAssignments(fn, key) : [];
  }

  /** In a class: the field initialiser `key = …`, the one `this.key = …` in the constructor, or the method or getter `key`. */
  private classFieldValue(body: TSESTree.ClassBody, key: string): Node | undefined {
    const values: Node[] = [];
    for (const member of body.body) {
      if (member.type === 'PropertyDefinition' && !member.static && propertyName(member) === key && member.value) values.push(member.value);
      if (member.type === 'MethodDefinition' && !member.static && (member.kind === 'method' || member.kind === 'get') && member.value.type === 'FunctionExpression' && !member.computed && member.key.type === 'Identifier' && member.key.name === key) {
        values.push(member.value);
      }
      if (member.type === 'MethodDefinition' && member.kind === 'constructor' && member.value.type === 'FunctionExpression') values.push(...thisAssignments(member.value, key));
    }
    return values.length === 1 ? values[0] : undefined;
  }

  private partsOfCall(node: TSESTree.CallExpression, depth: number): Part[] {
    const callee = unwrap(node.callee);
    if (callee.type === 'MemberExpression' && isStringConcat(node)) {
      const pieces = [callee.object, ...node.arguments];
      return pieces.some((p) => p.type === 'SpreadElement') ? this.token('unknown', node) : pieces.flatMap((p) => this.parts(p, depth));
    }
    if (callee.type === 'Identifier' && (callee.name === 'String' || callee.name === 'Number') && !this.variableOf(callee)?.defs.length) {
      const arg = node.arguments[0];
      return arg && arg.type !== 'SpreadElement' ? this.parts(arg, depth) : this.token('unknown', node);
    }
    // A local function's call is what it returns: `function cacheDir() { return path.join(os.tmpdir(), 'x') }`.
    const fns = this.functionsOf(callee, 0);
    if (fns.length > 0) {
      const values = fns.flatMap((fn) => this.returnsOf(fn));
      return values.length > 0 ? this.pick(values, depth, node) : this.token('unknown', node);
    }
    if (callee.type === 'MemberExpression') {
      const method = propertyName(callee);
      const hashed = method === 'digest' ? this.hashInputs(callee.object) : undefined;
      if (hashed) return this.hashOf(hashed, node, depth);
      const object = unwrap(callee.object);
      if (method !== undefined && MATH_KEEPING.has(method) && object.type === 'Identifier' && object.name === 'Math' && !this.variableOf(object)?.defs.length) {
        return this.combined(node, node.arguments.filter((a) => a.type !== 'SpreadElement'), depth);
      }
      if (method !== undefined && PRESERVING_METHODS.has(method)) {
        const receiver = this.parts(callee.object, depth);
        if (receiver.every((p) => 'text' in p)) return this.partsOfStatic(node);
        // Slash normalisation and the like leave a rooted path rooted where it was.
        if (PATH_KEEPING_METHODS.has(method) && isAbsolutePart(receiver[0])) return receiver;
        const strength = receiver.find((p) => 'token' in p && (p.token === 'strong' || p.token === 'unknown'))
          ?? receiver.find((p) => 'token' in p);
        const kept = strength && 'token' in strength && (strength.token === 'strong' || strength.token === 'weak' || strength.token === 'config') ? strength.token : 'unknown';
        return this.token(kept, node);
      }
    }
    return this.partsOfStatic(node);
  }

  /** The inputs of `createHash(…).update(a).update(b)`, or undefined when the chain does not start at createHash. */
  private hashInputs(expression: Node): Node[] | undefined {
    const inputs: Node[] = [];
    let node = unwrap(expression);
    while (node.type === 'CallExpression') {
      const ref = this.apis.byNode.get(node);
      if (ref) return ref.info.kind === 'other' && ref.info.name === 'createHash' ? inputs : undefined;
      if (node.callee.type !== 'MemberExpression' || propertyName(node.callee) !== 'update') return undefined;
      const input = node.arguments[0];
      if (input && input.type !== 'SpreadElement') inputs.push(input);
      node = unwrap(node.callee.object);
    }
    return undefined;
  }

  /** A digest is as guessable as what it hashes: strong only from a random input, else anyone can compute it. */
  private hashOf(inputs: readonly Node[], node: Node, depth: number): Part[] {
    const strong = inputs.some((input) => this.parts(input, depth).some((p) => 'token' in p && (p.token === 'strong' || p.token === 'private-temp')));
    return this.token(strong ? 'strong' : 'weak', node);
  }

  /** Where this string expression ends up being used as a path (empty: it never is). */
  pathSinks(expression: Node): readonly PathSink[] {
    const memo = this.sinkMemo.get(expression);
    if (memo) return memo;
    this.sinkMemo.set(expression, []); // cycle guard
    const sinks = this.computeSinks(expression, 0);
    this.sinkMemo.set(expression, sinks);
    return sinks;
  }

  /**
   * Climbs from a piece of a path to the whole path it is part of: through concatenation,
   * templates, fallbacks, type wrappers, `await`, slash normalisation (`p.replace(…)`) and
   * composing `path` calls. Whether `/tmp` is the root is decided on the whole path.
   */
  private climb(expression: Node): { node: Node; pathCall: { ref: ApiRef; index: number } | undefined } {
    let node = expression;
    let parent = node.parent;
    let pathCall: { ref: ApiRef; index: number } | undefined;
    for (; parent; node = parent, parent = node.parent) {
      if (parent.type === 'CallExpression') {
        if (parent.callee !== node && isStringConcat(parent)) continue;
        const ref = this.apis.byNode.get(parent);
        const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
        if (index < 0 || !ref || !(ref.info.kind === 'path' ? COMPOSING_PATH_CALLS.has(ref.info.name) : index === 0 && isRealpathCall(ref.info))) {
          if (index === 0 && ref && isFileUrlCall(ref.info, parent)) continue;
          break;
        }
        pathCall = { ref, index };
        continue;
      }
      if (parent.type === 'MemberExpression' && parent.object === node && parent.parent.type === 'CallExpression' && parent.parent.callee === parent) {
        const method = propertyName(parent);
        if (method === undefined || !(PATH_KEEPING_METHODS.has(method) || isStringConcat(parent.parent))) break;
        parent = parent.parent;
        continue;
      }
      if (parent.type === 'NewExpression' && parent.arguments[0] === node) {
        const ref = this.apis.byNode.get(parent);
        if (ref && isFileUrlCall(ref.info, parent)) continue;
        break;
      }
      if (
        !(
          parent.type === 'TemplateLiteral' ||
          (parent.type === 'BinaryExpression' && parent.operator === '+') ||
          (parent.type === 'ConditionalExpression' && parent.test !== node) ||
          parent.type === 'LogicalExpression' ||
          parent.type === 'TSAsExpression' ||
          parent.type === 'TSNonNullExpression' ||
          parent.type === 'TSSatisfiesExpression' ||
          parent.type === 'AwaitExpression'
        )
      ) {
        break;
      }
    }
    return { node, pathCall };
  }

  /** The whole path expression a piece of a path is part of (see climb). */
  pathTop(expression: Node): Node {
    return this.climb(expression).node;
  }

  private computeSinks(expression: Node, depth: number): PathSink[] {
    if (depth > MAX_DEPTH) return [];
    const { node, pathCall } = this.climb(expression);
    const sinks = node.parent ? this.sinksAt(node, node.parent, depth) : [];
    if (sinks.length === 0 && pathCall) return [{ kind: 'argument', ...pathCall, expression: node }];
    return sinks;
  }

  private readonly useMemo = new Map<Node, boolean>();

  /**
   * Whether a whole path expression (see pathTop) is used as a location: any value position
   * (an argument of any call or `new`, an element, a property value, an initialiser whose
   * variable is so used, a return value, a default) except those that take text (positions.ts)
   * and the non-path arguments of known APIs. Memoised per node.
   */
  isPathUse(top: Node, depth = 0): boolean {
    const memo = this.useMemo.get(top);
    if (memo !== undefined) return memo;
    if (depth > MAX_DEPTH) return false;
    this.useMemo.set(top, false); // cycle guard
    let result: boolean;
    try {
      result = this.computePathUse(top, depth + 1);
    } catch {
      result = false;
    }
    this.useMemo.set(top, result);
    return result;
  }

  private computePathUse(top: Node, depth: number): boolean {
    const parent = top.parent;
    const isGlobal = (id: TSESTree.Identifier): boolean => !this.variableOf(id)?.defs.length;
    switch (parent?.type) {
      case 'CallExpression':
      case 'NewExpression': {
        const index = parent.arguments.indexOf(top as TSESTree.CallExpressionArgument);
        if (index < 0) return false;
        const ref = this.apis.byNode.get(parent);
        if (ref) return this.isPathArgument(ref.info, index) || (ref.info.kind === 'other' && ref.info.module === 'child_process' && index === 0);
        // `new Set(['/tmp'])` is a path where the collection is used as one (`SKIP.has(dir)` is a lookup).
        if (isCollection(parent, isGlobal)) return this.isPathUse(parent, depth);
        return !isNonPathCall(parent, isGlobal);
      }
      case 'ArrayExpression':
        return !isSystemRootList(parent, top) && this.isPathUse(this.pathTop(parent), depth);
      case 'Property': {
        const key = propertyName(parent);
        return parent.value === top && parent.parent.type === 'ObjectExpression' && !(key !== undefined && isNonPathKey(key)) && this.isPathUse(this.pathTop(parent.parent), depth);
      }
      case 'PropertyDefinition': {
        const key = propertyName(parent);
        return parent.value === top && !(key !== undefined && isNonPathKey(key));
      }
      case 'VariableDeclarator':
        return parent.init === top && (parent.id.type !== 'Identifier' || this.bindingIsPathUse(parent.id, depth));
      case 'AssignmentExpression': {
        if (parent.right !== top) return false;
        if (parent.left.type === 'Identifier') return this.bindingIsPathUse(parent.left, depth);
        const key = parent.left.type === 'MemberExpression' ? propertyName(parent.left) : undefined;
        return !(key !== undefined && isNonPathKey(key));
      }
      case 'ReturnStatement':
      case 'ExportDefaultDeclaration':
        return true;
      case 'ArrowFunctionExpression':
        return parent.body === top;
      case 'AssignmentPattern':
        return parent.right === top;
      default:
        return false;
    }
  }

  /**
   * Whether a string sits, maybe inside arrays, objects and a whole path, in the arguments of
   * a call that takes text (an assertion, a log, an error): `assert.deepEqual(c, { dir: '/tmp/a' })`.
   */
  inTextCall(expression: Node): boolean {
    let node = this.pathTop(expression);
    for (;;) {
      const parent = node.parent;
      if (parent?.type === 'ArrayExpression') node = this.pathTop(parent);
      else if (parent?.type === 'Property' && parent.value === node && parent.parent.type === 'ObjectExpression') node = this.pathTop(parent.parent);
      else break;
    }
    const parent = node.parent;
    if ((parent?.type !== 'CallExpression' && parent?.type !== 'NewExpression') || !parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
    const ref = this.apis.byNode.get(parent);
    return ref ? isTextApi(ref.info) : isNonPathCall(parent, (id) => !this.variableOf(id)?.defs.length);
  }

  /** A variable holding a path is used as one where any read of it is (a member read standing for the part it reads). */
  private bindingIsPathUse(id: TSESTree.Identifier, depth: number): boolean {
    const variable = this.variableOf(id);
    if (!variable) return false;
    const declaration = id.parent?.parent;
    if (declaration?.parent?.type === 'ExportNamedDeclaration') return true;
    return variable.references.some((reference) => {
      if (!reference.isRead()) return false;
      const read = reference.identifier;
      const member = read.parent;
      if (member?.type === 'ForOfStatement' && member.right === read) return true;
      if (member?.type === 'MemberExpression' && member.object === read) {
        if (member.parent.type === 'CallExpression' && member.parent.callee === member) {
          const method = propertyName(member);
          return method !== undefined && ELEMENT_CALLBACKS.has(method);
        }
        return this.isPathUse(this.pathTop(member), depth);
      }
      return this.isPathUse(this.pathTop(read), depth);
    });
  }

  private sinksAt(node: Node, parent: Node, depth: number): PathSink[] {
    switch (parent.type) {
      case 'CallExpression':
      case 'NewExpression': {
        const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
        if (index < 0) return [];
        const ref = this.apis.byNode.get(parent);
        if (ref) return this.isPathArgument(ref.info, index) ? [{ kind: 'argument', ref, index, expression: node }] : [];
        return this.sinksThroughLocalFunction(parent, index, node, depth);
      }
      case 'Property':
        return parent.value === node ? this.sinksOfKeyed(parent, node, depth) : [];
      case 'AssignmentPattern':
        return parent.right === node ? this.sinksOfPattern(parent, depth) : [];
      case 'VariableDeclarator':
        return parent.init === node && parent.id.type === 'Identifier' ? this.sinksOfBinding(parent.id, depth) : [];
      case 'AssignmentExpression':
        if (parent.right !== node) return [];
        if (parent.left.type === 'Identifier') return this.sinksOfBinding(parent.left, depth);
        if (parent.left.type === 'MemberExpression') {
          const key = propertyName(parent.left);
          return key !== undefined && isPathLikeKey(key) ? [{ kind: 'option', key, expression: node }] : [];
        }
        return [];
      case 'PropertyDefinition': {
        const key = propertyName(parent);
        return key !== undefined && isPathLikeKey(key) ? [{ kind: 'option', key, expression: node }] : [];
      }
      case 'ReturnStatement':
      case 'ArrowFunctionExpression': {
        // What a local function returns is used where its calls are.
        if (parent.type === 'ArrowFunctionExpression' && parent.body !== node) return [];
        let fn: Node | undefined = parent;
        while (fn && !isFunctionNode(fn)) fn = fn.parent;
        return fn && isFunctionNode(fn) ? this.callSitesOf(fn).flatMap((call) => this.sinksOf(call, depth)) : [];
      }
      default:
        return [];
    }
  }

  private isPathArgument(info: ApiInfo, index: number): boolean {
    if (info.kind === 'fs') return info.paths.includes(index);
    if (info.kind === 'path') return true;
    if (info.kind === 'other') return info.paths?.includes(index) ?? false;
    return false;
  }

  private sinksOfKeyed(property: TSESTree.Property, value: Node, depth: number): PathSink[] {
    const key = propertyName(property);
    if (key === 'path' && this.isRequestOptions(property.parent)) return [];
    if (key !== undefined && isPathLikeKey(key)) return [{ kind: 'option', key, expression: value }];
    // `const CONFIG = { out: '/tmp/x' }` used as `CONFIG.out` in a path position.
    const object = property.parent;
    if (key === undefined || object.type !== 'ObjectExpression' || object.parent.type !== 'VariableDeclarator' || object.parent.id.type !== 'Identifier') return [];
    const variable = this.sourceCode.getDeclaredVariables(object.parent).at(0);
    const sinks: PathSink[] = [];
    for (const reference of variable?.references ?? []) {
      const member = reference.identifier.parent;
      if (member?.type === 'MemberExpression' && member.object === reference.identifier && propertyName(member) === key) {
        sinks.push(...this.sinksOf(member, depth));
      }
    }
    return sinks;
  }

  /**
   * Options of an HTTP request, whose `path` is the path of a URL (`/files/tmp/x`), not a
   * file: passed to `http.request`/`get`, or beside a host, port, method or headers.
   */
  private isRequestOptions(object: Node): boolean {
    if (object.type !== 'ObjectExpression') return false;
    if (object.properties.some((p) => p.type === 'Property' && REQUEST_KEYS.has(propertyName(p) ?? ''))) return true;
    const call = object.parent;
    const info = call.type === 'CallExpression' ? this.apis.byNode.get(call)?.info : undefined;
    return info?.kind === 'other' && info.module === 'http' && (info.name === 'request' || info.name === 'get');
  }

  private sinksOf(node: Node, depth: number): PathSink[] {
    return this.sinkMemo.get(node) ?? this.computeSinks(node, depth + 1);
  }

  private sinksOfBinding(identifier: TSESTree.Identifier, depth: number): PathSink[] {
    const variable = this.variableOf(identifier);
    if (!variable) return [];
    return variable.references.filter((r) => r.isRead()).flatMap((r) => this.sinksOf(r.identifier, depth));
  }

  /** A default value: `function f(dir = '/tmp/x')` or `const { dir = '/tmp/x' } = opts`. */
  private sinksOfPattern(pattern: TSESTree.AssignmentPattern, depth: number): PathSink[] {
    const holder = pattern.parent;
    if (holder?.type === 'Property') {
      const key = propertyName(holder);
      if (key !== undefined && isPathLikeKey(key)) return [{ kind: 'option', key, expression: pattern.right }];
    }
    return pattern.left.type === 'Identifier' ? this.sinksOfBinding(pattern.left, depth) : [];
  }

  /**
   * `save('/tmp/x')` where `function save(file) { fs.writeFileSync(file, …) }` is in this file.
   * Only uses of the parameter as the whole path count, so the call-site argument stays the
   * path whose root is judged.
   */
  private sinksThroughLocalFunction(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    index: number,
    argument: Node,
    depth: number,
  ): PathSink[] {
    const callee = unwrap(call.callee);
    if (callee.type !== 'Identifier') return [];
    const variable = this.variableOf(callee);
    const def = variable?.defs[0];
    let fn: Node | undefined;
    if (def?.type === 'FunctionName') fn = def.node;
    else if (variable && def?.type === 'Variable') fn = this.singleValue(variable);
    if (!isFunctionNode(fn)) return [];
    let param = fn.params[index];
    if (param?.type === 'AssignmentPattern') param = param.left;
    if (param?.type !== 'Identifier') return [];
    const parameter = this.variableOf(param);
    const uses = new Set<Node>(parameter?.references.map((r) => r.identifier));
    return this.sinksOfBinding(param, depth)
      .filter((sink) => uses.has(sink.expression))
      .map((sink) => ({ ...sink, expression: argument }));
  }
}

/** A realpath that returns its result (sync or promise): the same location as its argument. */
function isRealpathCall(info: ApiInfo): boolean {
  return info.kind === 'fs' && info.name === 'realpath' && info.style !== 'callback';
}

/** The values of `this.key = …` among a function's statements (in branches too, nested functions excluded). */
function thisAssignments(fn: FunctionNode, key: string): Node[] {
  if (fn.body.type !== 'BlockStatement') return [];
  const values: Node[] = [];
  for (const statement of statementsOf(fn.body)) {
    const expr = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
    if (
      expr?.type === 'AssignmentExpression' &&
      expr.operator === '=' &&
      expr.left.type === 'MemberExpression' &&
      expr.left.object.type === 'ThisExpression' &&
      propertyName(expr.left) === key
    ) {
      values.push(expr.right);
    }
  }
  return values;
}
