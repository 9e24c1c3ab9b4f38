// The core's own ReferenceTracker and scope lookup replace eslint-utils' and ESLint's for speed:
// each must give what the original gives, on every shape the originals handle.
import { CALL as UTILS_CALL, CONSTRUCT as UTILS_CONSTRUCT, READ as UTILS_READ, ReferenceTracker as UtilsTracker } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getFileFacts } from '../../src/analysis/index.js';
import { CALL, CONSTRUCT, READ, ReferenceTracker, type TraceMap, type UseType } from '../../src/analysis/reference-tracker.js';
import { withSourceCode } from '../helpers/source-code.js';

/** The same trace map under both libraries' symbols. */
function traceMaps(shape: Record<string, unknown>): { ours: TraceMap; theirs: Record<string | symbol, unknown> } {
  const convert = (value: Record<string, unknown>, symbols: Record<string, symbol>): Record<string | symbol, unknown> =>
    Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key in symbols ? [symbols[key]!, inner] : [key, convert(inner as Record<string, unknown>, symbols)],
      ),
    );
  return {
    ours: convert(shape, { $read: READ, $call: CALL, $construct: CONSTRUCT }) as TraceMap,
    theirs: convert(shape, { $read: UTILS_READ, $call: UTILS_CALL, $construct: UTILS_CONSTRUCT }),
  };
}

const FS = {
  $read: 'fs-module',
  readFileSync: { $call: 'readFileSync' },
  promises: { $read: 'promises', writeFile: { $call: 'promises.writeFile' } },
  constants: { O_EXCL: { $read: 'O_EXCL' } },
  Stats: { $construct: 'Stats' },
};
const MODULES = { fs: FS, 'node:fs': FS, path: { join: { $call: 'join' }, default: { $read: 'path-default' } } };
const GLOBALS = { process: { env: { TMPDIR: { $read: 'TMPDIR' } }, cwd: { $call: 'cwd' } }, URL: { $construct: 'URL' } };

type Finding = string;
const describeFinding = (sourceCode: TSESLint.SourceCode, node: TSESTree.Node, type: string, info: unknown): Finding =>
  `${type} ${String(info)} ${node.type}@${node.range[0]} ${sourceCode.getText(node).slice(0, 30)}`;

function ours(sourceCode: TSESLint.SourceCode, seeds: (tracker: ReferenceTracker) => void): Finding[] {
  const found: Finding[] = [];
  const name = (type: UseType): string => (type === CALL ? 'call' : type === CONSTRUCT ? 'construct' : 'read');
  const facts = getFileFacts({ sourceCode });
  const tracker = new ReferenceTracker(sourceCode, sourceCode.scopeManager!.globalScope!, (id) => facts.variableOf(id), (node, type, info) =>
    found.push(describeFinding(sourceCode, node, name(type), info)),
  );
  seeds(tracker);
  return found.sort();
}

function theirs(sourceCode: TSESLint.SourceCode, results: (tracker: UtilsTracker) => Iterable<{ node: unknown; type: symbol; info: unknown }>): Finding[] {
  const tracker = new UtilsTracker(sourceCode.scopeManager!.globalScope! as never, { mode: 'legacy' });
  const name = (type: symbol): string => (type === UTILS_CALL ? 'call' : type === UTILS_CONSTRUCT ? 'construct' : 'read');
  return [...results(tracker)].map(({ node, type, info }) => describeFinding(sourceCode, node as TSESTree.Node, name(type), info)).sort();
}

const ESM = `
import fs, { readFileSync as read, promises } from 'fs';
import * as ns from 'node:fs';
import { default as alias } from 'fs';
import path from 'path';
export { readFileSync, default as fsDefault } from 'fs';
export * from 'node:fs';
read('a');
fs.readFileSync('b');
fs.promises.writeFile('c', '');
promises.writeFile('d', '');
ns.readFileSync('e');
ns.default.readFileSync('f');
ns.default;
fs.default.readFileSync('g');
alias.readFileSync('h');
alias.default;
fs['readFileSync']('i');
fs[\`constants\`].O_EXCL;
new fs.Stats();
const { readFileSync: r2, promises: { writeFile } } = fs;
r2('j'); writeFile('k', '');
let p = fs.promises; p.writeFile('l', '');
let q; q = fs; q.readFileSync('m');
const alt = fs.readFileSync || fs.promises; alt('n');
(0, fs.readFileSync)('o');
fs?.readFileSync('p');
function inner(fs) { fs.readFileSync('shadowed'); }
const x = { fs }; x.fs.readFileSync('not followed');
path.join('a'); path.default;
`;

const GLOBAL_USES = `
process.env.TMPDIR;
process.cwd();
globalThis.process.env.TMPDIR;
window.process.cwd();
new URL('x');
const { env: { TMPDIR } } = process;
function local(process) { process.cwd(); }
`;

describe('ReferenceTracker', () => {
  it('finds what eslint-utils finds in legacy mode: imports, re-exports, namespaces, defaults, destructuring, aliases', () => {
    const { ours: map, theirs: utilsMap } = traceMaps(MODULES);
    withSourceCode(ESM, (sourceCode) => {
      const expected = theirs(sourceCode, (t) => t.iterateEsmReferences(utilsMap as never));
      expect(expected.length).toBeGreaterThan(20);
      expect(ours(sourceCode, (t) => t.modules(map as never))).toEqual(expected);
    });
  });

  it('finds what eslint-utils finds for declared globals and the global object aliases', () => {
    const { ours: map, theirs: utilsMap } = traceMaps(GLOBALS);
    withSourceCode(GLOBAL_USES, (sourceCode) => {
      // Declared globals: eslint-utils tracks only variables of the global scope.
      const globalScope = sourceCode.scopeManager!.globalScope!;
      for (const name of ['process', 'URL', 'globalThis', 'window']) {
        expect(globalScope.set.has(name), name).toBe(true);
      }
      const expected = theirs(sourceCode, (t) => t.iterateGlobalReferences(utilsMap as never));
      expect(expected.length).toBeGreaterThanOrEqual(6);
      expect(ours(sourceCode, (t) => t.globals(map))).toEqual(expected);
    }, { globals: { process: 'readonly', URL: 'readonly', globalThis: 'readonly', window: 'readonly' } });
  });

  it('finds what eslint-utils finds from a value (a require call), through TypeScript casts too', () => {
    const { ours: map, theirs: utilsMap } = traceMaps(FS);
    const code = `
const fs = require('fs') as typeof import('fs');
fs.readFileSync('a');
(fs as any).promises.writeFile('b', '');
fs!.readFileSync('c');
const { readFileSync } = require('fs'); readFileSync('d');
`;
    withSourceCode(
      code,
      (sourceCode) => {
        const calls = (sourceCode.ast.body as TSESTree.Node[]).flatMap((s) =>
          s.type === 'VariableDeclaration' ? s.declarations.map((d) => (d.init?.type === 'TSAsExpression' ? d.init.expression : d.init)) : [],
        ) as TSESTree.Node[];
        const expected = theirs(sourceCode, function* (t) {
          for (const call of calls) yield* t.iteratePropertyReferences(call as never, utilsMap as never);
        });
        expect(expected.length).toBe(5);
        expect(ours(sourceCode, (t) => calls.forEach((call) => t.property(call, map)))).toEqual(expected);
      },
      { ts: true },
    );
  });
});

/** `scopeAt` answers as `getScope` at every node of the file. */
function expectScopesOfGetScope(sourceCode: TSESLint.SourceCode): void {
  const facts = getFileFacts({ sourceCode });
  let nodes = 0;
  const visit = (node: TSESTree.Node): void => {
    nodes++;
    expect(facts.scopeAt(node), `${node.type}@${node.range[0]}`).toBe(sourceCode.getScope(node));
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof (child as TSESTree.Node).type === 'string') visit(child as TSESTree.Node);
    }
  };
  visit(sourceCode.ast);
  expect(nodes).toBeGreaterThan(30);
}

describe('FileFacts#scopeAt', () => {
  const SCOPES = `
const top = 1;
function f(a, { b } = {}) {
  const g = function named(c) { return named(c) + a; };
  for (let i = 0; i < 3; i++) { const inLoop = i; }
  try { top(); } catch (e) { e; }
  switch (a) { case 1: { let s = 1; } }
  class K extends Base { field = this.x; static { const y = top; } method() { return super.m(); } }
  return (d) => d + b + g;
}
label: { let z = 2; }
`;

  for (const [name, sourceType] of [['module', 'module'], ['script', 'script'], ['commonjs', 'commonjs']] as const) {
    it(`is SourceCode#getScope at every node (${name})`, () => {
      withSourceCode(
        SCOPES,
        expectScopesOfGetScope,
        { sourceType },
      );
    });
  }

  it('is SourceCode#getScope at every node of TypeScript', () => {
    const code = `
namespace N { export const v = 1; }
enum E { A, B = A }
type T<U> = U extends infer V ? V : never;
function h<X>(x: X): X { return x; }
`;
    withSourceCode(
      code,
      expectScopesOfGetScope,
      { ts: true },
    );
  });
});
