import { getStringIfConstant } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { escapeRegExp, nodesMatching } from './ast.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export const READ = Symbol('read');
export const CALL = Symbol('call');
export const CONSTRUCT = Symbol('construct');
export type UseType = typeof READ | typeof CALL | typeof CONSTRUCT;

/** What to look for below a module or global: member names, and the info of a read, call or construction there. */
export interface TraceMap {
  [key: string]: TraceMap;
  [READ]?: unknown;
  [CALL]?: unknown;
  [CONSTRUCT]?: unknown;
}

/** The variable a name refers to where it stands (FileFacts#variableOf). */
export type VariableLookup = (identifier: TSESTree.Identifier) => Variable | undefined;

/** Where a found use goes: the read node, CallExpression or NewExpression, and the map's info. */
export type Emit = (node: Node, type: UseType, info: unknown) => void;

/** What a call returns when handed a traced value as its first argument (`promisify(fs.readFile)`), if that is a traced value too. */
export type Wrapper = (call: TSESTree.CallExpression, map: TraceMap) => TraceMap | undefined;

const GLOBAL_OBJECTS = ['global', 'globalThis', 'self', 'window'];

// An imported module is looked up both as itself and as its `default` export (CommonJS
// interop): one such map per module map.
const interopMaps = new WeakMap<TraceMap, TraceMap>();
export function withDefault(map: TraceMap): TraceMap {
  let interop = interopMaps.get(map);
  if (!interop) interopMaps.set(map, (interop = { default: map, ...map }));
  return interop;
}

function isModifiedGlobal(variable: Variable | undefined): boolean {
  return variable === undefined || variable.defs.length > 0 || variable.references.some((r) => r.isWrite());
}

/** Whether a node's value passes through its parent unchanged: `a || b`, `c ? a : b`, `(x, a)`, `a!`. */
function isPassThrough(node: Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case 'ConditionalExpression':
      return parent.consequent === node || parent.alternate === node;
    case 'SequenceExpression':
      return parent.expressions.at(-1) === node;
    case 'LogicalExpression':
    case 'ChainExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'TSNonNullExpression':
    case 'TSInstantiationExpression':
      return true;
    default:
      return false;
  }
}

function keyOf(node: TSESTree.MemberExpression | TSESTree.Property): string | null {
  if (node.type === 'MemberExpression') {
    if (node.computed) return getStringIfConstant(node.property as never);
    return node.property.type === 'PrivateIdentifier' ? null : node.property.name;
  }
  if (node.computed) return getStringIfConstant(node.key as never);
  return node.key.type === 'Literal' ? String(node.key.value) : node.key.name;
}

/**
 * eslint-utils' ReferenceTracker walk in its `legacy` mode (an import of a CommonJS module
 * is its namespace and its `default` alike), with the same findings, as plain recursion into
 * one callback. Its generators resume every level of `yield*` for each finding, which made the
 * walk the largest single cost of a file with many fs calls.
 */
export class ReferenceTracker {
  private readonly visiting = new Set<Variable>();
  // `this.fs = this.fs || require('fs')` reads the field it assigns.
  private readonly visitingFields = new Set<string>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly globalScope: TSESLint.Scope.Scope,
    private readonly variableOf: VariableLookup,
    private readonly emit: Emit,
    private readonly wrapped: Wrapper = () => undefined,
  ) {}

  /** Imports and re-exports of the modules in `map`, keyed by specifier. */
  modules(map: Readonly<Record<string, TraceMap>>): void {
    for (const node of this.sourceCode.ast.body) {
      if (node.type !== 'ImportDeclaration' && node.type !== 'ExportNamedDeclaration' && node.type !== 'ExportAllDeclaration') continue;
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !Object.hasOwn(map, specifier)) continue;
      const module = map[specifier]!;
      if (module[READ]) this.emit(node, READ, module[READ]);
      if (node.type === 'ExportAllDeclaration') {
        for (const key of Object.keys(module)) if (module[key]![READ]) this.emit(node, READ, module[key]![READ]);
        continue;
      }
      for (const spec of node.specifiers) this.specifier(spec, withDefault(module));
    }
  }

  /** Globals in `map` the file does not declare or assign, and the same below `globalThis` and its aliases. */
  globals(map: TraceMap): void {
    for (const key of Object.keys(map)) {
      const variable = this.globalScope.set.get(key);
      if (!isModifiedGlobal(variable)) this.variable(variable!, map[key]!, true, false);
    }
    for (const key of GLOBAL_OBJECTS) {
      const variable = this.globalScope.set.get(key);
      if (!isModifiedGlobal(variable)) this.variable(variable!, map, false, false);
    }
  }

  /** Uses of `map`'s members on the value of `node`. */
  property(node: Node, map: TraceMap): void {
    this.member(node, map, 0, false);
  }

  // `bare` is true while nothing has been taken from an imported module but its `default`:
  // a read of the module object itself is no finding.
  private read(node: Node, map: TraceMap, bare: boolean): void {
    if (map[READ] && !bare) this.emit(node, READ, map[READ]);
  }

  private specifier(spec: TSESTree.ImportClause | TSESTree.ExportSpecifier, map: TraceMap): void {
    if (spec.type === 'ImportNamespaceSpecifier') {
      this.declared(spec, map, 0, true);
      return;
    }
    const key =
      spec.type === 'ImportDefaultSpecifier'
        ? 'default'
        : spec.type === 'ImportSpecifier'
          ? spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value
          : spec.local.type === 'Identifier' ? spec.local.name : spec.local.value;
    if (!Object.hasOwn(map, key)) return;
    const next = map[key]!;
    const bare = key === 'default';
    this.read(spec, next, bare);
    if (spec.type !== 'ExportSpecifier') this.declared(spec, next, 1, bare);
  }

  private declared(spec: TSESTree.ImportClause, map: TraceMap, depth: number, bare: boolean): void {
    const variable = this.sourceCode.getDeclaredVariables(spec)[0];
    if (variable) this.variable(variable, map, false, bare, depth);
  }

  private variable(variable: Variable, map: TraceMap, report: boolean, bare: boolean, depth = 0): void {
    if (this.visiting.has(variable)) return;
    this.visiting.add(variable);
    try {
      for (const reference of variable.references) {
        if (!reference.isRead()) continue;
        if (report) this.read(reference.identifier, map, bare);
        this.member(reference.identifier, map, depth, bare);
      }
    } finally {
      this.visiting.delete(variable);
    }
  }

  private member(start: Node, map: TraceMap, depth: number, bare: boolean): void {
    let node = start;
    while (isPassThrough(node)) node = node.parent!;
    const parent = node.parent;
    switch (parent?.type) {
      case 'MemberExpression': {
        if (parent.object !== node) return;
        const key = keyOf(parent);
        if (key === null || !Object.hasOwn(map, key)) return;
        const next = map[key]!;
        const stillBare = bare && depth === 0 && key === 'default';
        this.read(parent, next, stillBare);
        this.member(parent, next, depth + 1, stillBare);
        return;
      }
      case 'CallExpression': {
        if (parent.callee === node) {
          if (map[CALL]) this.emit(parent, CALL, map[CALL]);
          return;
        }
        const result = parent.arguments[0] === node ? this.wrapped(parent, map) : undefined;
        if (result) this.member(parent, result, depth, bare);
        return;
      }
      case 'NewExpression':
        if (parent.callee === node && map[CONSTRUCT]) this.emit(parent, CONSTRUCT, map[CONSTRUCT]);
        return;
      case 'AssignmentExpression':
        if (parent.right !== node) return;
        this.pattern(parent.left, map, depth, bare);
        this.member(parent, map, depth, bare);
        return;
      case 'AssignmentPattern':
        if (parent.right === node) this.pattern(parent.left, map, depth, bare);
        return;
      case 'VariableDeclarator':
        if (parent.init === node) this.pattern(parent.id, map, depth, bare);
        return;
      default:
        return;
    }
  }

  private pattern(node: Node, map: TraceMap, depth: number, bare: boolean): void {
    if (node.type === 'Identifier') {
      const variable = this.variableOf(node);
      if (variable) this.variable(variable, map, false, bare, depth);
    } else if (node.type === 'ObjectPattern') {
      for (const property of node.properties) {
        if (property.type !== 'Property') continue;
        const key = keyOf(property);
        if (key === null || !Object.hasOwn(map, key)) continue;
        const next = map[key]!;
        const stillBare = bare && depth === 0 && key === 'default';
        this.read(property, next, stillBare);
        this.pattern(property.value, next, depth + 1, stillBare);
      }
    } else if (node.type === 'AssignmentPattern') {
      this.pattern(node.left, map, depth, bare);
    } else if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') {
      // `this.fs = require('fs')` in a constructor: its methods call `this.fs.chmodSync(…)`.
      const key = keyOf(node);
      if (key === null || this.visitingFields.has(key)) return;
      this.visitingFields.add(key);
      try {
        for (const read of this.thisFieldReads(key)) if (read !== node) this.member(read, map, depth, bare);
      } finally {
        this.visitingFields.delete(key);
      }
    }
  }

  /** Every `this.key`, or `self.key` with `const self = this`, that the file reads. */
  private thisFieldReads(key: string): TSESTree.MemberExpression[] {
    let pattern = fieldPatterns.get(key);
    if (!pattern) fieldPatterns.set(key, (pattern = new RegExp(`\\.\\s*(${escapeRegExp(key)})(?![\\w$])`, 'u')));
    const reads: TSESTree.MemberExpression[] = [];
    for (const name of nodesMatching(this.sourceCode, pattern)) {
      const member = name.parent;
      if (member?.type !== 'MemberExpression' || member.property !== name || member.computed) continue;
      if (member.object.type === 'ThisExpression' || (member.object.type === 'Identifier' && this.isThisAlias(member.object))) reads.push(member);
    }
    return reads;
  }

  private isThisAlias(identifier: TSESTree.Identifier): boolean {
    const def = this.variableOf(identifier)?.defs;
    return def?.length === 1 && def[0]!.type === 'Variable' && def[0]!.node.init?.type === 'ThisExpression';
  }
}

// One pattern per field name, kept so that nodesMatching can memoise its scan per file.
const fieldPatterns = new Map<string, RegExp>();
