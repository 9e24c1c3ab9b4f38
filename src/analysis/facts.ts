import { findVariable, getStaticValue } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ApiInfo, FsApi } from './api-table.js';
import { isFunctionNode, propertyName, unwrap } from './ast.js';
import { type ApiRef, trackApis } from './modules.js';
import { type Part, type PathValue, type Token, classify, isAbsolutePart, isSharedTempPart } from './path-value.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

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

function indexApis(sourceCode: Readonly<TSESLint.SourceCode>): TrackedApis {
  const refs: ApiRef[] = [];
  const fsCalls: FsCall[] = [];
  const byNode = new Map<Node, ApiRef>();
  const byBinding = new Map<Node, ApiRef>();
  for (const ref of trackApis(sourceCode).sort((a, b) => a.node.range[0] - b.node.range[0])) {
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
  private readonly variableMemo = new Map<TSESTree.Identifier, Variable | undefined>();

  constructor(sourceCode: Readonly<TSESLint.SourceCode>) {
    this.sourceCode = sourceCode;
  }

  private get apis(): TrackedApis {
    return (this.tracked ??= indexApis(this.sourceCode));
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

  variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    if (this.variableMemo.has(identifier)) return this.variableMemo.get(identifier);
    const variable = (findVariable(this.sourceCode.getScope(identifier) as never, identifier) as Variable | null) ?? undefined;
    this.variableMemo.set(identifier, variable);
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
    const result = getStaticValue(node as never, this.sourceCode.getScope(node) as never);
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
        return node.operator === '+'
          ? [...this.parts(node.left, depth), ...this.parts(node.right, depth)]
          : this.token('unknown', node);
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
      // Only the returning forms of mkdtemp hand back the fresh directory.
      return info.effect === 'mkdtemp' && info.style !== 'callback' ? this.token('private-temp', node) : this.token('unknown', node);
    }
    if (info.kind === 'path' && node.type === 'CallExpression') return this.partsOfPathCall(info.name, node, depth);
    if (info.kind === 'other' && info.name === 'cwd') return this.token('other-root', node);
    return this.token('unknown', node);
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
    if (def?.type === 'Parameter') return this.partsOfParameter(def.name, def.node, node);
    if (def?.type === 'Variable' && def.node.init) {
      // Destructured from a private temp object: `const { path } = await createTempDir()`.
      const origin = this.origin(def.node.init);
      if (origin?.info.kind === 'value' && origin.info.value === 'private-temp') return this.token('private-temp', node);
      // A numeric `let` that is only ever incremented is a counter.
      if (
        typeof this.staticValue(def.node.init) === 'number' &&
        variable.references.every((r) => !r.isWrite() || r.writeExpr === def.node.init || r.identifier.parent.type === 'UpdateExpression')
      ) {
        return this.token('weak', node);
      }
    }
    return this.token('unknown', node);
  }

  /** Parameters of a callback handed a fresh private location: `mkdtemp(p, (err, dir) => …)`, `withTempDir(dir => …)`. */
  private partsOfParameter(name: Node, fn: Node, use: Node): Part[] {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      return this.token('unknown', use);
    }
    const ref = this.apis.byNode.get(call);
    if (!ref || !('params' in fn)) return this.token('unknown', use);
    const index = fn.params.findIndex((p) => p === name || (p.type === 'ObjectPattern' && p.range[0] <= name.range[0] && name.range[1] <= p.range[1]));
    const expected = ref.info.kind === 'fs' && ref.info.effect === 'mkdtemp' ? 1 : ref.info.kind === 'value' && ref.info.value === 'private-temp' ? 0 : -1;
    return index === expected && index >= 0 ? this.token('private-temp', use) : this.token('unknown', use);
  }

  private partsOfMember(node: TSESTree.MemberExpression, depth: number): Part[] {
    const key = propertyName(node);
    if (key === undefined) return this.token('unknown', node);
    const object = unwrap(node.object);
    if (object.type === 'ThisExpression') {
      const value = this.classFieldValue(node, key);
      return value ? this.parts(value, depth) : this.token('unknown', node);
    }
    const objectParts = this.parts(object, depth);
    const head = objectParts[0];
    if (head && 'token' in head && head.token === 'private-temp' && PRIVATE_PATH_KEYS.has(key)) return this.token('private-temp', node);
    if (object.type === 'Identifier') {
      const variable = this.variableOf(object);
      const init = variable && this.singleValue(variable);
      if (init?.type === 'ObjectExpression') {
        const property = init.properties.find((p) => p.type === 'Property' && propertyName(p) === key);
        if (property?.type === 'Property') return this.parts(property.value, depth);
      }
    }
    return this.token('unknown', node);
  }

  /** `this.dir`: a class field initialiser, or the one `this.dir = …` in the constructor. */
  private classFieldValue(node: Node, key: string): Node | undefined {
    let current: Node | undefined = node.parent;
    while (current && current.type !== 'ClassBody') current = current.parent;
    if (!current) return undefined;
    const values: Node[] = [];
    for (const member of current.body) {
      if (member.type === 'PropertyDefinition' && !member.static && propertyName(member) === key && member.value) values.push(member.value);
      if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
        for (const statement of member.value.body?.body ?? []) {
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
      }
    }
    return values.length === 1 ? values[0] : undefined;
  }

  private partsOfCall(node: TSESTree.CallExpression, depth: number): Part[] {
    const callee = unwrap(node.callee);
    if (callee.type === 'Identifier' && (callee.name === 'String' || callee.name === 'Number') && !this.variableOf(callee)?.defs.length) {
      const arg = node.arguments[0];
      return arg && arg.type !== 'SpreadElement' ? this.parts(arg, depth) : this.token('unknown', node);
    }
    if (callee.type === 'MemberExpression') {
      const method = propertyName(callee);
      if (method !== undefined && PRESERVING_METHODS.has(method)) {
        const receiver = this.parts(callee.object, depth);
        if (receiver.every((p) => 'text' in p)) return this.partsOfStatic(node);
        const strength = receiver.find((p) => 'token' in p && (p.token === 'strong' || p.token === 'unknown'))
          ?? receiver.find((p) => 'token' in p);
        return strength && 'token' in strength ? this.token(strength.token === 'strong' || strength.token === 'weak' ? strength.token : 'unknown', node) : this.token('unknown', node);
      }
    }
    return this.partsOfStatic(node);
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

  private computeSinks(expression: Node, depth: number): PathSink[] {
    if (depth > MAX_DEPTH) return [];
    let node = expression;
    let parent = node.parent;
    let pathCall: { ref: ApiRef; index: number } | undefined;
    // Climb through expressions that build a bigger path from this one, `path.join` included:
    // whether `/tmp` is the root is decided on the whole path, not on one argument.
    for (; parent; node = parent, parent = node.parent) {
      if (parent.type === 'CallExpression') {
        const ref = this.apis.byNode.get(parent);
        const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
        if (ref?.info.kind !== 'path' || !COMPOSING_PATH_CALLS.has(ref.info.name) || index < 0) break;
        pathCall = { ref, index };
        continue;
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
    const sinks = parent ? this.sinksAt(node, parent, depth) : [];
    if (sinks.length === 0 && pathCall) return [{ kind: 'argument', ...pathCall, expression: node }];
    return sinks;
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
