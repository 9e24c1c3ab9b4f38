// Small AST helpers the analysis modules share. Only types come from typescript-eslint: node
// types are compared as strings, so its runtime enum (and ESLint, TypeScript) is never loaded.
import type { TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

/** A function of any form: arrow, function expression, declaration. */
export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** A function written where a value goes (a callback): an arrow or a function expression, never a declaration. */
export type FunctionExpressionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

function isTypeWrapper(
  node: Node,
): node is TSESTree.TSAsExpression | TSESTree.TSNonNullExpression | TSESTree.TSSatisfiesExpression | TSESTree.TSTypeAssertion {
  return (
    node.type === 'TSAsExpression' ||
    node.type === 'TSNonNullExpression' ||
    node.type === 'TSSatisfiesExpression' ||
    node.type === 'TSTypeAssertion'
  );
}

/** The expression under TypeScript-only wrappers (`x as T`, `x!`, `x satisfies T`, `<T>x`), which change no value. */
export function skipTypeWrappers(node: Node): Node {
  let current = node;
  while (isTypeWrapper(current)) current = current.expression;
  return current;
}

/**
 * The value an expression stands for: under TypeScript wrappers, an optional chain's
 * `ChainExpression` and `await` (an awaited value is taken as the value itself).
 */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (isTypeWrapper(current) || current.type === 'ChainExpression') current = current.expression;
    else if (current.type === 'AwaitExpression') current = current.argument;
    else return current;
  }
}

/**
 * The static name of a property key or member: `a.b`, `a['b']`, `{ b: … }`, `{ 'b': … }`,
 * a class field `b = …`. `undefined` for computed keys other than string literals
 * (`a[b]`, `a[0]`) and for private names.
 */
export function propertyName(node: TSESTree.Property | TSESTree.MemberExpression | TSESTree.PropertyDefinition): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/** A function of any form: arrow, function expression or declaration. */
export function isFunctionNode(node: Node | undefined): node is FunctionNode {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression' || node?.type === 'FunctionDeclaration';
}

/** An arrow or function expression, not a declaration: what can stand as an argument (a callback). */
export function isFunctionExpression(node: Node | undefined): node is FunctionExpressionNode {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression';
}

/** A statement and the statements nested in it (blocks, branches, loops, `try`), functions excluded. */
export function* statementsOf(node: Node): Generator<Node> {
  yield node;
  switch (node.type) {
    case 'BlockStatement':
      for (const s of node.body) yield* statementsOf(s);
      break;
    case 'IfStatement':
      yield* statementsOf(node.consequent);
      if (node.alternate) yield* statementsOf(node.alternate);
      break;
    case 'TryStatement':
      yield* statementsOf(node.block);
      if (node.handler) yield* statementsOf(node.handler.body);
      if (node.finalizer) yield* statementsOf(node.finalizer);
      break;
    case 'SwitchStatement':
      for (const c of node.cases) for (const s of c.consequent) yield* statementsOf(s);
      break;
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LabeledStatement':
      yield* statementsOf(node.body);
      break;
    default:
      break;
  }
}
