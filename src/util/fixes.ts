import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** The specifier suggestions import helpers from: the package's public entry point. */
export const RUNTIME_SPECIFIER = 'eslint-plugin-secure-fs/runtime';

function isRequireOf(node: TSESTree.Node | null | undefined, specifier?: string): boolean {
  return (
    node?.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === 'Literal' &&
    (specifier === undefined || node.arguments[0].value === specifier)
  );
}

function topLevelRequire(statement: TSESTree.ProgramStatement, specifier?: string): TSESTree.VariableDeclarator | undefined {
  if (statement.type !== 'VariableDeclaration') return undefined;
  return statement.declarations.find((d) => isRequireOf(d.init, specifier));
}

/** Where a file imports the runtime helpers, or would: found once per file, since a file with many reports asks for every one. */
interface ImportSite {
  /** The specifiers of an existing `import { … } from` the runtime, or the properties of `const { … } = require(…)` of it. */
  readonly existing?: readonly (TSESTree.ImportClause | TSESTree.Property | TSESTree.RestElement)[];
  readonly commonJs: boolean;
  readonly anchor?: TSESTree.Node;
  readonly first?: TSESTree.Node;
}

const importSites = new WeakMap<object, ImportSite>();

function importSiteOf(sourceCode: Readonly<TSESLint.SourceCode>): ImportSite {
  let site = importSites.get(sourceCode);
  if (site) return site;
  const body = sourceCode.ast.body;
  let existing: ImportSite['existing'];
  for (const statement of body) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === RUNTIME_SPECIFIER) {
      const named = statement.specifiers.filter((s) => s.type === 'ImportSpecifier');
      if (named.length > 0) existing ??= named;
    }
    const declarator = topLevelRequire(statement, RUNTIME_SPECIFIER);
    if (declarator?.id.type === 'ObjectPattern' && declarator.id.properties.length > 0) existing ??= declarator.id.properties;
  }
  const imports = body.filter((s) => s.type === 'ImportDeclaration' || s.type === 'TSImportEqualsDeclaration');
  const requires = body.filter((s) => topLevelRequire(s) !== undefined);
  const commonJs = imports.length === 0 && (requires.length > 0 || sourceCode.ast.sourceType !== 'module');
  const directives = body.filter((s) => s.type === 'ExpressionStatement' && 'directive' in s && s.directive !== undefined);
  site = { existing, commonJs, anchor: (commonJs ? requires : imports).at(-1) ?? directives.at(-1), first: body[0] };
  importSites.set(sourceCode, site);
  return site;
}

/**
 * A fix that makes `name` available from the runtime entry point: nothing when it already
 * is, an added specifier when the file already imports from it, else a new `import` (or a
 * `require` in a CommonJS file), placed after the file's last import.
 */
export function importRuntimeHelper(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  name: string,
): TSESLint.RuleFix[] {
  const { existing, commonJs, anchor, first } = importSiteOf(sourceCode);
  if (existing) {
    const bound = (s: (typeof existing)[number]): boolean =>
      s.type === 'ImportSpecifier' ? s.local.name === name : s.type === 'Property' && s.value.type === 'Identifier' && s.value.name === name;
    return existing.some(bound) ? [] : [fixer.insertTextAfter(existing.at(-1)!, `, ${name}`)];
  }
  const statement = commonJs
    ? `const { ${name} } = require('${RUNTIME_SPECIFIER}');`
    : `import { ${name} } from '${RUNTIME_SPECIFIER}';`;
  if (anchor) return [fixer.insertTextAfter(anchor, `\n${statement}`)];
  return [first ? fixer.insertTextBefore(first, `${statement}\n`) : fixer.insertTextAfterRange([0, 0], `${statement}\n`)];
}

/** `'/tmp/build'` below the root `/tmp` → `build-`: the name the code meant, as a mkdtemp prefix. */
function prefixFor(text: string, root: string): string | undefined {
  const rest = text.slice(root.length).replace(/^[\\/]+|[\\/]+$/gu, '');
  if (rest === '') return '';
  return /^[\w.-]{1,64}$/u.test(rest) && !rest.includes('..') ? `${rest}-` : undefined;
}

/**
 * A fix that replaces a fixed shared-temp directory literal (`'/tmp/build'`, or the root alone)
 * with a fresh private one from the sync temp-dir helper, named like the original, and imports
 * it; undefined when the literal is not a plain `<root>/<name>`.
 */
export function privateDirFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  literal: TSESTree.StringLiteral,
  root: string,
  helper: string,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  const prefix = prefixFor(literal.value, root);
  if (prefix === undefined) return undefined;
  return (fixer) => [
    fixer.replaceText(literal, `${helper}(${prefix ? `{ prefix: '${prefix}' }` : ''}).path`),
    ...importRuntimeHelper(fixer, sourceCode, helper),
  ];
}
