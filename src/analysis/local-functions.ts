// Functions the file defines and calls itself: which function a call runs, where a function is
// called, and whether it is handed out to other code (returned by a factory, exported). Only
// what one file shows: a function that arrives from another module is out of reach.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, matchesByName, nodesAt, propertyName, unwrap } from './ast.js';
import type { FileFacts } from './facts.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/** `this.name`, the name captured: where a method is read or called from its own home. */
const THIS_MEMBER = /\bthis\s*\.\s*([A-Za-z_$][\w$]*)/u;

/**
 * What `this` stands for in a method: a class body, an object literal, or the constructor
 * whose prototype the method is assigned to (`Server.prototype.serve = function …`), which is
 * how compiled and pre-class code defines its classes.
 */
type Home = TSESTree.ClassBody | TSESTree.ObjectExpression | Variable;

/** `X.prototype.name` as an assignment target: the constructor's name and the method's. */
function prototypeMember(target: Node): { constructor: TSESTree.Identifier; name: string } | undefined {
  if (target.type !== 'MemberExpression') return undefined;
  const holder = target.object;
  const name = propertyName(target);
  if (holder.type !== 'MemberExpression' || propertyName(holder) !== 'prototype' || holder.object.type !== 'Identifier' || name === undefined) return undefined;
  return { constructor: holder.object, name };
}

/** The function whose `this` a node sees: the nearest enclosing non-arrow function. */
function thisFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') return current;
  }
  return undefined;
}

class LocalFunctions {
  private readonly facts: FileFacts;
  private thisPlaces: Map<string, number[]> | undefined;
  private readonly thisMembers = new Map<string, TSESTree.MemberExpression[]>();

  constructor(facts: FileFacts) {
    this.facts = facts;
  }

  /** The home a method belongs to, with the method's name. */
  private methodHome(fn: FunctionNode): { home: Home; name: string } | undefined {
    const holder = fn.parent;
    if (holder?.type === 'MethodDefinition' || holder?.type === 'PropertyDefinition') {
      const name = holder.key.type === 'Identifier' && !holder.computed ? holder.key.name : undefined;
      return name !== undefined && holder.parent.type === 'ClassBody' ? { home: holder.parent, name } : undefined;
    }
    if (holder?.type === 'Property' && holder.value === fn && holder.parent.type === 'ObjectExpression') {
      const name = propertyName(holder);
      return name !== undefined ? { home: holder.parent, name } : undefined;
    }
    if (holder?.type === 'AssignmentExpression' && holder.right === fn && holder.operator === '=') {
      const member = prototypeMember(holder.left);
      const variable = member && this.facts.variableOf(member.constructor);
      return variable ? { home: variable, name: member.name } : undefined;
    }
    return undefined;
  }

  /** What `this` stands for at a node, when it is one of the file's homes; a constructor is its prototype's home. */
  private thisHome(node: Node): Home | undefined {
    const fn = thisFunction(node);
    if (!fn) return undefined;
    const method = this.methodHome(fn);
    if (method) return method.home;
    const binding = fn.type === 'FunctionDeclaration' ? fn.id : fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' ? fn.parent.id : undefined;
    return (binding && this.facts.variableOf(binding)) ?? undefined;
  }

  private memberOf(home: Home, name: string): FunctionNode | undefined {
    if ('references' in home) {
      for (const reference of home.references) {
        const member = reference.identifier.parent?.parent;
        const assignment = member?.parent;
        if (assignment?.type === 'AssignmentExpression' && assignment.left === member && prototypeMember(member)?.name === name && isFunctionNode(assignment.right)) return assignment.right;
      }
      return undefined;
    }
    if (home.type === 'ClassBody') {
      for (const member of home.body) {
        if ((member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') && !member.computed && member.key.type === 'Identifier' && member.key.name === name) {
          return isFunctionNode(member.value ?? undefined) ? (member.value as FunctionNode) : undefined;
        }
      }
      return undefined;
    }
    for (const property of home.properties) {
      if (property.type === 'Property' && propertyName(property) === name) return isFunctionNode(property.value) ? property.value : undefined;
    }
    return undefined;
  }

  /**
   * The method `name` of the class or constructor function `constructor` names: its class
   * body's method, or its `prototype` assignment (`X.prototype.show = function`), as compiled
   * decorators address it (`__decorate([…], X.prototype, 'show', null)`).
   */
  prototypeMethod(constructor: TSESTree.Identifier, name: string): FunctionNode | undefined {
    const variable = this.facts.variableOf(constructor);
    if (!variable) return undefined;
    const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
    const value = def?.type === 'ClassName' ? def.node : this.facts.singleValue(variable);
    if (value?.type === 'ClassDeclaration' || value?.type === 'ClassExpression') return this.memberOf(value.body, name);
    return this.memberOf(variable, name);
  }

  /** The file's own function a call runs: `f()`, `this.m()` (or `self.m()` with `self = this`) of a home, `obj.m()` of a const literal. */
  calledFunction(call: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === 'Identifier') return this.functionOf(callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const name = propertyName(callee);
    if (name === undefined) return undefined;
    let object = unwrap(callee.object);
    if (object.type === 'Identifier') {
      // `self.m()` with `self = this`, or `obj.m()` of a const object literal.
      const variable = this.facts.variableOf(object);
      const init = variable && this.facts.singleValue(variable);
      if (init?.type === 'ObjectExpression') return this.memberOf(init, name);
      if (init?.type !== 'ThisExpression') return undefined;
      object = init;
    }
    const home = object.type === 'ThisExpression' ? this.thisHome(object) : undefined;
    return home ? this.memberOf(home, name) : undefined;
  }

  /** The file's own function a name is bound to once: `function f() {}`, `const f = () => …`. */
  functionOf(identifier: TSESTree.Identifier): FunctionNode | undefined {
    const variable = this.facts.variableOf(identifier);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'FunctionName' && isFunctionNode(def.node)) return def.node;
    const init = variable && this.facts.singleValue(variable);
    return init && isFunctionNode(init) ? init : undefined;
  }

  /** Calls of a function through the name it is declared or bound to (`function f`, `const f = …`). */
  bindingCallsOf(fn: FunctionNode): TSESTree.CallExpression[] {
    const calls: TSESTree.CallExpression[] = [];
    let binding: TSESTree.Identifier | undefined;
    if (fn.type === 'FunctionDeclaration' && fn.id) binding = fn.id;
    else if (fn.parent?.type === 'VariableDeclarator' && fn.parent.init === fn && fn.parent.id.type === 'Identifier') binding = fn.parent.id;
    const variable = binding && this.facts.variableOf(binding);
    for (const reference of variable?.references ?? []) {
      const parent = reference.identifier.parent;
      if (parent?.type === 'CallExpression' && parent.callee === reference.identifier) calls.push(parent);
    }
    return calls;
  }

  /** Calls of a function: through its binding, or as `this.name()` from its own home. */
  callsOf(fn: FunctionNode): TSESTree.CallExpression[] {
    const calls = this.bindingCallsOf(fn);
    const method = this.methodHome(fn);
    if (method) {
      for (const member of this.thisMembersNamed(method.name)) {
        const call = member.parent;
        if (call.type === 'CallExpression' && call.callee === member && this.thisHome(call) === method.home) calls.push(call);
      }
    }
    return calls;
  }

  /**
   * The reads of a method by name, as when it is handed to a router: `ctrl.show` for
   * `const ctrl = { show(req, res) {…} }` or `const ctrl = new Ctrl()`, `Ctrl.show` for a
   * static method, `this.show` from the method's own home.
   */
  methodReads(fn: FunctionNode): TSESTree.MemberExpression[] {
    const method = this.methodHome(fn);
    if (!method) return [];
    const { home, name } = method;
    const reads: TSESTree.MemberExpression[] = [];
    const take = (object: Node): void => {
      const member = object.parent;
      if (member?.type === 'MemberExpression' && member.object === object && propertyName(member) === name) reads.push(member);
    };
    const readsOf = (binding: Node | null | undefined): Node[] => {
      const variable = binding?.type === 'Identifier' ? this.facts.variableOf(binding) : undefined;
      return (variable?.references ?? []).filter((r) => r.isRead()).map((r) => r.identifier);
    };
    // `const ctrl = new Ctrl()`: the instance's reads.
    const instancesOf = (constructor: Node): Node[] =>
      constructor.parent?.type === 'NewExpression' && constructor.parent.callee === constructor && constructor.parent.parent.type === 'VariableDeclarator'
        ? readsOf(constructor.parent.parent.id)
        : [];
    const holder = fn.parent;
    const isStatic = (holder?.type === 'MethodDefinition' || holder?.type === 'PropertyDefinition') && holder.static;
    if ('references' in home) {
      for (const reference of home.references) instancesOf(reference.identifier).forEach(take);
    } else if (home.type === 'ObjectExpression') {
      const declarator = home.parent;
      if (declarator?.type === 'VariableDeclarator' && declarator.init === home) readsOf(declarator.id).forEach(take);
    } else {
      const cls = home.parent;
      const binding = cls.type === 'ClassDeclaration' ? cls.id : cls.parent?.type === 'VariableDeclarator' && cls.parent.init === cls ? cls.parent.id : undefined;
      for (const read of readsOf(binding)) {
        if (isStatic) take(read);
        else instancesOf(read).forEach(take);
      }
    }
    if (!isStatic) {
      for (const member of this.thisMembersNamed(name)) if (this.thisHome(member) === home) reads.push(member);
    }
    return reads;
  }

  /**
   * `this.name` members by name. Every method of a class asks, and a scan of the file's members
   * per method grows with its square; so the text is scanned once per file for where each name
   * follows `this.`, and only the names asked for are looked up in the tree (a bundle spells
   * hundreds, and its methods ask for a few dozen).
   */
  private thisMembersNamed(name: string): readonly TSESTree.MemberExpression[] {
    const places = (this.thisPlaces ??= matchesByName(this.facts.sourceCode.text, THIS_MEMBER));
    let members = this.thisMembers.get(name);
    if (!members) {
      members = [];
      for (const node of nodesAt(this.facts.sourceCode, places.get(name) ?? [])) {
        const member = node.parent;
        if (member?.type === 'MemberExpression' && member.property === node && member.object.type === 'ThisExpression' && node.type === 'Identifier') members.push(member);
      }
      this.thisMembers.set(name, members);
    }
    return members;
  }
}

/**
 * Whether a function is handed to code the file cannot see: returned by another function (a
 * factory of middleware), or exported (`module.exports = …`, `exports.x = …`, `export`).
 */
export function isExposed(fn: FunctionNode, isUnbound: (identifier: TSESTree.Identifier) => boolean): boolean {
  const parent = fn.parent;
  if (!parent) return false;
  if (parent.type === 'ReturnStatement') return true;
  if (parent.type === 'ArrowFunctionExpression' && parent.body === fn) return true;
  if (parent.type === 'ExportDefaultDeclaration' || parent.type === 'ExportNamedDeclaration') return true;
  let target: Node | undefined;
  if (parent.type === 'AssignmentExpression' && parent.right === fn) target = parent.left;
  else if (parent.type === 'VariableDeclarator' && parent.init === fn && parent.parent.parent?.type === 'ExportNamedDeclaration') return true;
  if (target?.type !== 'MemberExpression') return false;
  const object = unwrap(target.object);
  // CommonJS's own bindings, not a local variable that happens to share their names.
  const root = object.type === 'MemberExpression' && propertyName(object) === 'exports' ? unwrap(object.object) : object;
  if (root.type !== 'Identifier' || !isUnbound(root)) return false;
  return root === object ? root.name === 'exports' || root.name === 'module' : root.name === 'module';
}

const cache = new WeakMap<FileFacts, LocalFunctions>();

/** The file's own functions, as the facts of one file see them. */
export function localFunctions(facts: FileFacts): LocalFunctions {
  let functions = cache.get(facts);
  if (!functions) cache.set(facts, (functions = new LocalFunctions(facts)));
  return functions;
}

export type { LocalFunctions };
