import { describe, expect, it } from 'vitest';

import { FS_MODULES, SHARED_TMP_WORDS, TMPDIR_WORDS, fsNamePattern, loads, readsProcessMember } from '../../src/analysis/index.js';
import { type FsEffect, fsExtraModule, fsModule, fsPromisesModule, thirdPartyFsModules } from '../../src/analysis/api-table.js';
import { type SourceCodeOptions, withSourceCode } from '../helpers/source-code.js';

const EFFECTS: readonly FsEffect[] = ['exists', 'access', 'stat', 'lstat'];

describe('prefilters', () => {
  it('name every call of the effects they stand for, in every form', () => {
    const pattern = fsNamePattern(EFFECTS);
    for (const table of [fsModule, fsPromisesModule, fsExtraModule]) {
      for (const [name, api] of Object.entries(table)) {
        if (!EFFECTS.includes(api.effect)) continue;
        for (const text of [`fs.${name}(p)`, `const { ${name}: check } = fs;`, `(0, fs_1.${name})(p)`, `fs['${name}'](p)`, `import { ${name} as x } from 'fs';`]) {
          expect(pattern.test(text), text).toBe(true);
        }
      }
    }
  });

  it('are sound for every effect: each table key is its canonical name, maybe with Sync', () => {
    for (const table of [fsModule, fsPromisesModule, fsExtraModule]) {
      for (const [name, api] of Object.entries(table)) {
        expect([api.name, `${api.name}Sync`], name).toContain(name);
        expect(fsNamePattern([api.effect]).test(`x.${name}()`), name).toBe(true);
      }
    }
  });

  it('name the temp root in every spelling of its APIs, and third-party libraries by their specifier', () => {
    for (const text of ['os.tmpdir()', '(0, os_1.tmpdir)()', 'process.env.TMPDIR', "process.env['TMP']", 'const { TEMP } = process.env;']) {
      expect(TMPDIR_WORDS.test(text), text).toBe(true);
    }
    expect(TMPDIR_WORDS.test('const template = tmpl;')).toBe(false);
    expect(fsNamePattern(['mkdir']).test("const mk = require('make-dir'); mk(p, { mode: 0o777 });")).toBe(true);
    expect(fsNamePattern(['mkdir']).test("const m = require('mkdirp'); m.sync(p);")).toBe(true);
  });

  it('match whole words only, so common words that contain a name do not count', () => {
    const pattern = fsNamePattern(EFFECTS);
    for (const text of ['fs.readFileSync(p)', 'parseStatement(node)', 'isStatic', 'this.state', 'accessor', 'accessible', 'setState()']) {
      expect(pattern.test(text), text).toBe(false);
    }
  });

  it('match every spelling of a shared temp location', () => {
    for (const text of [
      '/tmp/x', '/var/tmp', '/dev/shm/x', 'C:\\\\Windows\\\\Temp', 'c:/windows/temp', 'C:\\\\WINDOWS\\\\TEMP', "path.join('C:', 'Windows', 'Temp')",
      "join(sep, 'tmp', name)", 'os.tmpdir()', "import { tmpdir } from 'os'", 'process.env.TMPDIR', 'process.env.TEMP', "process.env['TMP']",
    ]) {
      expect(SHARED_TMP_WORDS.test(text), text).toBe(true);
    }
  });

  it('ignore words that merely contain temp', () => {
    for (const text of ["fs.readFileSync('./config.json')", 'renderTemplate(view)', 'attempt += 1', 'const temperature = read()']) {
      expect(SHARED_TMP_WORDS.test(text), text).toBe(false);
    }
  });

  it('know every module an fs call can come from, in every way a file can load it', () => {
    const specifiers = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'graceful-fs', 'fs-extra', 'fs-extra/esm', ...Object.keys(thirdPartyFsModules)];
    for (const specifier of specifiers) {
      for (const [text, options] of [
        [`const x = require('${specifier}');`, { sourceType: 'commonjs' }],
        [`const x = require('${specifier}');`, { sourceType: 'module' }],
        [`import x from "${specifier}";`, {}],
        [`export { x } from "${specifier}";`, {}],
        [`export * from "${specifier}";`, {}],
        [`const x = await import(\`${specifier}\`);`, {}],
        [`import('${specifier}').then(use);`, { sourceType: 'commonjs' }],
        [`const x = await import("${specifier}", { with: {} });`, {}],
        [`const x = await import('' + '${specifier}');`, {}],
        [`const x: typeof import('vm') = await import('${specifier}');`, { ts: true }],
        [`var x = __importStar(require("${specifier}"));`, { sourceType: 'commonjs' }],
        [`function _fs() { const data = require("${specifier}"); _fs = () => data; return data; }`, { sourceType: 'commonjs' }],
        [`import x = require('${specifier}');`, { ts: true }],
        [`export import x = require('${specifier}');`, { ts: true }],
      ] as [string, SourceCodeOptions][]) {
        withSourceCode(text, (sourceCode) => expect(loads(sourceCode, FS_MODULES), text).toBe(true), options);
      }
    }
  });

  it('take a file that reaches a module loader to load any module it names', () => {
    for (const text of [
      "const fs = process.getBuiltinModule('fs');",
      "const { getBuiltinModule } = process; getBuiltinModule('fs');",
      "import { createRequire } from 'node:module'; const load = createRequire(import.meta.url); load('fs');",
      "import proc from 'node:process'; proc.getBuiltinModule('fs');",
    ]) {
      withSourceCode(text, (sourceCode) => expect(loads(sourceCode, FS_MODULES), text).toBe(true));
    }
    // …by a name it spells: a loader alone is not every module.
    const text = "import { createRequire } from 'node:module'; const load = createRequire(import.meta.url); load('os');";
    withSourceCode(text, (sourceCode) => expect(loads(sourceCode, FS_MODULES), text).toBe(false));
  });

  it('do not take an fs-like name or a module that merely contains fs for an fs module', () => {
    for (const text of [
      'function f(fs) { fs.readFileSync(p); }', "require('memfs')", "import { x } from 'fs-monkey'", "require('./fs')", 'const refs = offsets;', "require('delay')",
      "const name = 'fs'; log(name);", "jest.mock('fs');", "function g(require) { require('fs'); }", '// require("fs")', "import type { Stats } from 'fs'; process.exit(1);",
      "loader.import('fs');", "const s = \"import('fs')\";", "/* import('fs') */ import('os');", 'log(`import(${"fs"})`);', "reimport('fs');",
    ]) {
      withSourceCode(text, (sourceCode) => expect(loads(sourceCode, FS_MODULES), text).toBe(text.startsWith('import type')), { ts: text.startsWith('import type') });
    }
  });

  it('find a member of process read through the global, destructured or from its module', () => {
    const cases: [string, boolean][] = [
      ['process.umask(0);', true],
      ["process['umask'](0);", true],
      ['const { umask } = process; umask(0);', true],
      ["import process from 'node:process'; process.umask(0);", true],
      ['process.exit(0); const umask = 0;', false],
      ['function f(process) { return process.umask(0); }', false],
    ];
    for (const [text, expected] of cases) {
      withSourceCode(text, (sourceCode) => expect(readsProcessMember(sourceCode, 'umask'), text).toBe(expected));
    }
    // CommonJS declares `require` but not `process`.
    withSourceCode("const fs = require('fs'); process.umask(0);", (sourceCode) => expect(readsProcessMember(sourceCode, 'umask')).toBe(true), { sourceType: 'commonjs' });
  });
});
