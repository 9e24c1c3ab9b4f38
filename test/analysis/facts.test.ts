// Unit tests of the shared analysis core, without RuleTester: a probe rule hands the file's
// facts to the test, which then asks about the expressions it marked.
import { findVariable } from '@eslint-community/eslint-utils';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { type FileFacts, getFileFacts } from '../../src/analysis/index.js';

interface Probe {
  facts: FileFacts;
  /** The argument of every `probe(…)` call, in order. */
  probes: TSESTree.Node[];
  /** Every string literal that contains MARK. */
  marked: TSESTree.Node[];
}

function analyse(code: string, { ts = false, sourceType = 'module' } = {}): Probe {
  let result: Probe | undefined;
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      const probes: TSESTree.Node[] = [];
      const marked: TSESTree.Node[] = [];
      return {
        Literal(node) {
          if (typeof node.value === 'string' && node.value.includes('MARK')) marked.push(node);
        },
        CallExpression(node) {
          if (node.callee.type === 'Identifier' && node.callee.name === 'probe' && node.arguments[0]) probes.push(node.arguments[0]);
        },
        'Program:exit'() {
          result = { facts: getFileFacts(context), probes, marked };
        },
      };
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
        plugins: { probe: { rules: { probe: rule as never } } },
        rules: { 'probe/probe': 'error' },
        languageOptions: ts ? { parser: tsParser, sourceType } : { sourceType, ecmaVersion: 'latest' },
      },
    ],
    ts ? 'file.ts' : 'file.js',
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return result!;
}

const fsCallNames = (code: string, options?: Parameters<typeof analyse>[1]): string[] =>
  analyse(code, options).facts.fsCalls.map((c) => `${c.info.name}:${c.info.style}`);

describe('API recognition', () => {
  it.each([
    ["import { writeFileSync } from 'fs'; writeFileSync(p, d);", 'named import'],
    ["import * as fs from 'node:fs'; fs.writeFileSync(p, d);", 'namespace import'],
    ["import fs from 'fs'; fs.writeFileSync(p, d);", 'default import'],
    ["import { writeFileSync as w } from 'fs'; w(p, d);", 'renamed import'],
    ["const fs = require('fs'); fs.writeFileSync(p, d);", 'require without declared globals'],
    ["const { writeFileSync: w } = require('node:fs'); w(p, d);", 'destructured require'],
    ['const fs_1 = require("fs"); (0, fs_1.writeFileSync)(p, d);', 'compiled interop call'],
    ['const fs = __importStar(require("fs")); fs.writeFileSync(p, d);', 'TypeScript __importStar'],
    ['const fs_1 = __importDefault(require("fs")); fs_1.default.writeFileSync(p, d);', 'TypeScript __importDefault'],
    ["const fs = process.getBuiltinModule('fs'); fs.writeFileSync(p, d);", 'process.getBuiltinModule'],
    ["import { createRequire } from 'node:module'; const req = createRequire(import.meta.url); req('fs').writeFileSync(p, d);", 'createRequire'],
    ["const { writeFileSync } = await import('node:fs'); writeFileSync(p, d);", 'await import'],
    ["import('node:fs').then((fs) => fs.writeFileSync(p, d));", 'import().then'],
    ["const fse = require('fs-extra'); fse.writeFileSync(p, d);", 'fs-extra'],
    ["const gfs = require('graceful-fs'); gfs.writeFileSync(p, d);", 'graceful-fs'],
  ])('finds %s (%s)', (code) => {
    expect(fsCallNames(code)).toEqual(['writeFile:sync']);
  });

  it('finds TypeScript import-equals', () => {
    expect(fsCallNames("import fs = require('fs'); fs.writeFileSync(p, d);", { ts: true })).toEqual(['writeFile:sync']);
  });

  it('finds the promise forms', () => {
    expect(
      fsCallNames(
        "import fs from 'fs'; import fsp from 'fs/promises'; import { promises as p2 } from 'node:fs'; fs.promises.readFile(a); fsp.readFile(a); p2.readFile(a); require('fs').promises.readFile(a);",
      ),
    ).toEqual(['readFile:promise', 'readFile:promise', 'readFile:promise', 'readFile:promise']);
  });

  it('counts a call through `a || b` of two APIs once', () => {
    expect(fsCallNames("const fs = require('fs'); const rm = fs.rmSync || fs.rmdirSync; rm(p);")).toEqual(['rm:sync']);
  });

  it('ignores a local variable that is merely called fs, and a shadowed require', () => {
    expect(fsCallNames("const fs = { writeFileSync() {} }; fs.writeFileSync(p, d);")).toEqual([]);
    expect(fsCallNames("function f(require) { require('fs').writeFileSync(p, d); }")).toEqual([]);
    expect(fsCallNames("function g(fs) { fs.writeFileSync(p, d); } const fs = require('fs');")).toEqual([]);
    expect(fsCallNames("import('node:fs').catch((fs) => fs.writeFileSync(p, d));")).toEqual([]);
  });
});

describe('path values', () => {
  const value = (code: string, options?: Parameters<typeof analyse>[1]) => {
    const { facts, probes } = analyse(code, options);
    return probes.map((p) => {
      const v = facts.pathValue(p);
      return { root: v.root, name: v.name, lastSegment: v.lastSegment, belowRoot: v.belowRoot };
    });
  };

  it.each([
    ["probe('/tmp/app.log')", 'shared-tmp', 'constant'],
    ["probe('/var/tmp')", 'shared-tmp', 'constant'],
    ["probe('C:\\\\Windows\\\\Temp\\\\x')", 'shared-tmp', 'constant'],
    ["probe('c:/windows/temp/x')", 'shared-tmp', 'constant'],
    ["probe('/TMP/x')", 'other', 'constant'],
    ["probe('/tmpx/y')", 'other', 'constant'],
    ["import os from 'os'; import path from 'path'; probe(path.join(os.tmpdir(), 'x'))", 'os-tmpdir', 'constant'],
    ["import os from 'os'; probe(`${os.tmpdir()}/app-${Date.now()}`)", 'os-tmpdir', 'weak'],
    ["import path from 'path'; probe(path.join('/tmp', `f-${Math.random()}`))", 'shared-tmp', 'weak'],
    ["probe('/tmp/' + process.pid)", 'shared-tmp', 'weak'],
    ["let n = 0; n++; probe('/tmp/f' + n)", 'shared-tmp', 'weak'],
    ["probe(`/tmp/${new Date().toISOString()}`)", 'shared-tmp', 'weak'],
    ["import { randomUUID } from 'node:crypto'; probe(`/tmp/${randomUUID()}`)", 'shared-tmp', 'strong'],
    ["import crypto from 'crypto'; probe('/tmp/' + crypto.randomBytes(8).toString('hex'))", 'shared-tmp', 'strong'],
    ["probe('/tmp/' + crypto.randomUUID())", 'shared-tmp', 'strong'],
    ['probe(`/tmp/${name}`)', 'shared-tmp', 'unknown'],
    ['probe(process.env.TMPDIR)', 'env-tmp', 'constant'],
    ["probe(process.env.TMPDIR || '/tmp')", 'env-tmp', 'constant'],
    ["probe(opts.dir || '/tmp/x')", 'shared-tmp', 'constant'],
    ["probe(process.env.XDG_RUNTIME_DIR + '/app.sock')", 'runtime-dir', 'constant'],
    ["import fs from 'fs'; import os from 'os'; const d = fs.mkdtempSync(os.tmpdir() + '/a-'); probe(d + '/f')", 'private-temp', 'constant'],
    ["import fsp from 'fs/promises'; const d = await fsp.mkdtemp('/tmp/a-'); probe(`${d}/f`)", 'private-temp', 'constant'],
    ["import fs from 'fs'; fs.mkdtemp('/tmp/a-', (err, dir) => probe(dir + '/x'))", 'private-temp', 'constant'],
    ["import tmp from 'tmp'; probe(tmp.dirSync().name + '/x')", 'private-temp', 'constant'],
    ["import { withTempDir } from 'eslint-plugin-secure-fs/runtime'; await withTempDir((dir) => probe(dir + '/x'))", 'private-temp', 'constant'],
    ["import path from 'path'; probe(path.join(__dirname, 'x'))", 'other', 'constant'],
    ["import path from 'path'; probe(path.resolve('build', 'x'))", 'other', 'constant'],
    ["import path from 'path'; probe(path.resolve(base, '/tmp/x'))", 'shared-tmp', 'constant'],
    ["const C = { out: '/tmp/o' }; probe(C.out)", 'shared-tmp', 'constant'],
    ["class A { dir = '/tmp/a'; m() { probe(this.dir); } }", 'shared-tmp', 'constant'],
    ["class B { constructor() { this.dir = '/var/tmp/b'; } m() { probe(this.dir); } }", 'shared-tmp', 'constant'],
    ['probe(someCall())', 'unknown', 'unknown'],
  ])('%s → %s, name %s', (code, root, name) => {
    expect(value(code)[0]).toMatchObject({ root, name });
  });

  it('separates the root from what is below it', () => {
    expect(value("probe('/tmp')")[0]).toMatchObject({ belowRoot: false });
    expect(value("probe('/tmp/')")[0]).toMatchObject({ belowRoot: false });
    expect(value("probe('/tmp/x')")[0]).toMatchObject({ belowRoot: true });
    expect(value("probe(`/tmp/${Date.now()}/app.sock`)")[0]).toMatchObject({ name: 'weak', lastSegment: 'constant' });
  });
});

describe('path sinks', () => {
  const sinks = (code: string) => {
    const { facts, marked } = analyse(code);
    return facts.pathSinks(marked[0]!).map((s) => (s.kind === 'option' ? `option:${s.key}` : `argument:${s.index}`));
  };
  it.each([
    ["import fs from 'fs'; fs.writeFileSync('/tmp/MARK', d);", ['argument:0']],
    ["import fs from 'fs'; fs.writeFileSync(d, '/tmp/MARK');", []],
    ["import fs from 'fs'; import path from 'path'; fs.writeFileSync(path.join('/tmp/MARK', name), d);", ['argument:0']],
    ["import path from 'path'; const p = path.join('/tmp/MARK', name); use(p);", ['argument:0']],
    ["import fs from 'fs'; const a = '/tmp/MARK'; const b = a + '/x'; fs.rmSync(b);", ['argument:0']],
    ["start({ socketPath: '/tmp/MARK' });", ['option:socketPath']],
    ["start({ cacheDirectory: '/tmp/MARK', profile: '/tmp/x' });", ['option:cacheDirectory']],
    ["start({ profile: '/tmp/MARK' });", []],
    ["console.log('/tmp/MARK');", []],
    ["const msg = 'see /tmp/MARK'; logger.warn(msg);", []],
    ["import fs from 'fs'; function save(f) { fs.writeFileSync(f, d); } save('/tmp/MARK');", ['argument:0']],
    ["import fs from 'fs'; function save(f) { fs.writeFileSync(`${base}/${f}`, d); } save('/tmp/MARK');", []],
    ["this.outputFile = '/tmp/MARK';", ['option:outputFile']],
  ])('%s', (code, expected) => {
    expect(sinks(code)).toEqual(expected);
  });
});

describe('variable lookup', () => {
  it("resolves every identifier to its own binding, a function or class declaration's name to the outer one", () => {
    // Shadowing, function and class names, parameters, catch bindings, named function
    // expressions and undeclared globals.
    const unit = (i: number): string =>
      [
        `function f${i}(a, { b }, ...c) { const f${i} = a; try { g(b) } catch (a) { return a + f${i} } return c; }`,
        `const h${i} = function h${i}(x) { return x ? h${i}(x - 1) : undeclared${i}; };`,
        `class K${i} { m(k) { let K = k; { const k = K; return k; } } }`,
        `for (const v of [f${i}, h${i}, K${i}]) probe(v);`,
      ].join('\n');
    const code = Array.from({ length: 20 }, (_, i) => unit(i)).join('\n');
    const { facts } = analyse(code);
    const identifiers: TSESTree.Identifier[] = [];
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(visit);
      const n = node as TSESTree.Node;
      if (n.type === 'Identifier') identifiers.push(n);
      for (const key of facts.sourceCode.visitorKeys[n.type] ?? []) visit((n as unknown as Record<string, unknown>)[key]);
    };
    visit(facts.sourceCode.ast);
    // The reference, from the scope manager's own records: the variable an identifier
    // declares, or the one its reference resolves to; a name lookup only for the rest.
    const recorded = new Map<TSESTree.Node, unknown>();
    for (const scope of facts.sourceCode.scopeManager?.scopes ?? []) {
      // A class binds its name twice, outside and in its own scope: its declaration is the outer one.
      for (const variable of scope.variables) for (const id of variable.identifiers) if (!(id.parent?.type === 'ClassDeclaration' && recorded.has(id))) recorded.set(id, variable);
      for (const reference of scope.references) if (reference.resolved && !recorded.has(reference.identifier)) recorded.set(reference.identifier, reference.resolved);
    }
    const expected = identifiers.map((id) => (recorded.has(id) ? recorded.get(id) : (findVariable(facts.sourceCode.getScope(id) as never, id) ?? undefined)));
    expect(identifiers.length).toBeGreaterThan(500);
    expect(identifiers.map((id) => facts.variableOf(id))).toEqual(expected);
  });
});
