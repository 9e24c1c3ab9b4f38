// The import-form matrix: one snippet written against `fs.`, `path.`, `os.`, `crypto.`, `net.`,
// `http.` expands into every way real code reaches those modules (CommonJS with and without
// declared globals, destructuring, compiled interop, ESM default/namespace/renamed imports,
// TypeScript import-equals), with error positions and suggestion outputs moved to match.
import * as espree from 'espree';

import { RUNTIME_SPECIFIER } from '../../src/util/fixes.js';

const MODULES = ['fs', 'path', 'os', 'crypto', 'net', 'http', 'http2'] as const;
type Module = (typeof MODULES)[number];

export interface SuggestionSpec {
  messageId: string;
  data?: Record<string, string>;
  /** The body after the suggestion, without the import it adds. */
  output: string;
  /** The runtime helper the suggestion imports, if any. */
  imports?: string;
}

/** The shared private-directory suggestion (`src/util/fixes.ts`): the literal becomes `createTempDirSync(…).path`. */
export const createTempDirSuggestion = (output: string): SuggestionSpec => ({
  messageId: 'useCreateTempDir',
  data: { helper: 'createTempDirSync' },
  output,
  imports: 'createTempDirSync',
});

export interface ErrorSpec {
  messageId: string;
  data?: Record<string, string>;
  line: number;
  column: number;
  suggestions?: SuggestionSpec[];
}

export interface CaseSpec {
  code: string;
  options?: unknown[];
  /** Run only these forms (for code whose meaning depends on the module system). */
  forms?: readonly FormName[];
}

export interface InvalidSpec extends CaseSpec {
  errors: ErrorSpec[];
  /** The autofix output of the body, when the rule fixes. */
  output?: string;
}

export type FormName =
  | 'cjs'
  | 'cjs-undeclared'
  | 'cjs-destructured'
  | 'compiled-interop'
  | 'esm-default'
  | 'esm-namespace'
  | 'esm-named-renamed'
  | 'ts-import-equals'
  | 'ts-esm';

interface Form {
  name: FormName;
  kind: 'cjs' | 'esm' | 'ts';
  /** For forms that rewrite `fs.x(` calls: the header for the names used, and each call's new spelling. */
  header(module: Module, names: readonly string[]): string;
  call?(module: Module, name: string): string;
  sourceType: 'commonjs' | 'module';
}

const FORMS: readonly Form[] = [
  { name: 'cjs', kind: 'cjs', sourceType: 'commonjs', header: (m) => `const ${m} = require('${m}');` },
  { name: 'cjs-undeclared', kind: 'cjs', sourceType: 'module', header: (m) => `const ${m} = require('node:${m}');` },
  {
    name: 'cjs-destructured',
    kind: 'cjs',
    sourceType: 'commonjs',
    header: (m, names) => `const { ${names.join(', ')} } = require('${m}');`,
    call: (_m, name) => name,
  },
  {
    name: 'compiled-interop',
    kind: 'cjs',
    sourceType: 'commonjs',
    header: (m) => `const ${m}_1 = require("${m}");`,
    call: (m, name) => `(0, ${m}_1.${name})`,
  },
  { name: 'esm-default', kind: 'esm', sourceType: 'module', header: (m) => `import ${m} from 'node:${m}';` },
  { name: 'esm-namespace', kind: 'esm', sourceType: 'module', header: (m) => `import * as ${m} from '${m}';` },
  {
    name: 'esm-named-renamed',
    kind: 'esm',
    sourceType: 'module',
    header: (m, names) => `import { ${names.map((n) => `${n} as ${m}_${n}`).join(', ')} } from '${m}';`,
    call: (m, name) => `${m}_${name}`,
  },
  { name: 'ts-import-equals', kind: 'ts', sourceType: 'module', header: (m) => `import ${m} = require('${m}');` },
  { name: 'ts-esm', kind: 'ts', sourceType: 'module', header: (m) => `import * as ${m} from 'node:${m}';` },
];

// A module reference in the body: `fs.writeFileSync`, not `x.fs.y` or `fsx.y`.
const reference = (m: Module): RegExp => new RegExp(`(?<![\\w.$])${m}\\.(\\w+)`, 'gu');
const anyReference = (used: readonly Module[]): RegExp => new RegExp(`(?<![\\w.$])(${used.join('|')})\\.(\\w+)`, 'gu');

interface Rewrite {
  code: string;
  mapColumn(line: number, column: number): number;
}

function rewrite(body: string, form: Form, used: readonly Module[]): Rewrite {
  const shifts: { line: number; at: number; delta: number }[] = [];
  const lines = body.split('\n').map((text, index) => {
    const call = form.call?.bind(form);
    if (!call || used.length === 0) return text;
    return text.replace(anyReference(used), (match, m: Module, name: string, offset: number) => {
      const replacement = call(m, name);
      shifts.push({ line: index + 1, at: offset, delta: replacement.length - match.length });
      return replacement;
    });
  });
  return {
    code: lines.join('\n'),
    mapColumn: (line, column) =>
      column + shifts.filter((s) => s.line === line && s.at < column - 1).reduce((sum, s) => sum + s.delta, 0),
  };
}

function modulesUsed(code: string): Module[] {
  return MODULES.filter((m) => reference(m).test(code));
}

function namesUsed(codes: readonly string[], m: Module): string[] {
  const names = new Set<string>();
  for (const code of codes) for (const match of code.matchAll(reference(m))) names.add(match[1]!);
  return [...names];
}

function header(form: Form, used: readonly Module[], codes: readonly string[]): string[] {
  return used.map((m) => form.header(m, namesUsed(codes, m)));
}

// typescript-eslint's RuleTester parses with its own parser unless told otherwise (and refuses
// to be told it explicitly); the ESLint 9 run adds it for `.ts` files.
function languageOptions(form: Form) {
  return form.kind === 'ts'
    ? { sourceType: form.sourceType }
    : // typescript-eslint's RuleTester defaults parserOptions.sourceType to 'module', which would
      // make espree parse CommonJS as a module: say it explicitly.
      { parser: espree, sourceType: form.sourceType, ecmaVersion: 'latest' as const, parserOptions: { sourceType: form.sourceType } };
}

function filename(form: Form): string {
  return form.kind === 'ts' ? 'file.ts' : form.sourceType === 'commonjs' ? 'file.cjs' : 'file.mjs';
}

function importLine(form: Form, helper: string): string {
  return form.kind === 'cjs' ? `const { ${helper} } = require('${RUNTIME_SPECIFIER}');` : `import { ${helper} } from '${RUNTIME_SPECIFIER}';`;
}

function formsFor(spec: CaseSpec, used: readonly Module[]): readonly Form[] {
  const selected = spec.forms ? FORMS.filter((f) => spec.forms!.includes(f.name)) : FORMS;
  // Without any module reference the rewriting forms are all the same program.
  return used.length > 0 ? selected : selected.filter((f) => ['cjs', 'esm-default', 'ts-esm'].includes(f.name) || spec.forms);
}

function expand(spec: CaseSpec, extraCodes: readonly string[] = []) {
  const used = modulesUsed([spec.code, ...extraCodes].join('\n'));
  return formsFor(spec, used).map((form) => {
    const head = header(form, used, [spec.code, ...extraCodes]);
    const body = rewrite(spec.code, form, used);
    return {
      form,
      head,
      body,
      base: {
        name: `${form.name}: ${spec.code.length > 70 ? `${spec.code.slice(0, 67)}...` : spec.code}`,
        code: [...head, body.code].join('\n'),
        filename: filename(form),
        languageOptions: languageOptions(form),
        ...(spec.options ? { options: spec.options } : {}),
      },
    };
  });
}

/** Valid cases: the snippet in every import form. */
export function validForms(specs: readonly (string | CaseSpec)[]) {
  return specs.flatMap((s) => expand(typeof s === 'string' ? { code: s } : s).map((e) => e.base));
}

/** Invalid cases: the snippet in every import form, positions and outputs moved to match. */
export function invalidForms(specs: readonly InvalidSpec[]) {
  return specs.flatMap((spec) => {
    const outputs = [spec.output, ...spec.errors.flatMap((e) => e.suggestions?.map((s) => s.output) ?? [])].filter(
      (o): o is string => o !== undefined,
    );
    return expand(spec, outputs).map(({ form, head, body, base }) => {
      const used = modulesUsed([spec.code, ...outputs].join('\n'));
      const shifted = head.length;
      return {
        ...base,
        ...(spec.output === undefined ? {} : { output: [...head, rewrite(spec.output, form, used).code].join('\n') }),
        errors: spec.errors.map((error) => ({
          messageId: error.messageId,
          ...(error.data ? { data: error.data } : {}),
          line: error.line + shifted,
          column: body.mapColumn(error.line, error.column),
          ...(error.suggestions
            ? {
                suggestions: error.suggestions.map((s) => ({
                  messageId: s.messageId,
                  ...(s.data ? { data: s.data } : {}),
                  output: [
                    ...(head.length > 0 ? head : []),
                    ...(s.imports ? [importLine(form, s.imports)] : []),
                    rewrite(s.output, form, used).code,
                  ].join('\n'),
                })),
              }
            : {}),
        })),
      };
    });
  });
}
