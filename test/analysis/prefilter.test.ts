import { describe, expect, it } from 'vitest';

import { FS_MODULE_WORDS, SHARED_TMP_WORDS, TMPDIR_WORDS, fsNamePattern } from '../../src/analysis/index.js';
import { type FsEffect, fsExtraModule, fsModule, fsPromisesModule, thirdPartyFsModules } from '../../src/analysis/api-table.js';

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

  it('name every module an fs call can come from, in every way a file can load it', () => {
    const specifiers = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'graceful-fs', 'fs-extra', 'fs-extra/esm', ...Object.keys(thirdPartyFsModules)];
    for (const specifier of specifiers) {
      for (const text of [
        `const x = require('${specifier}');`,
        `import x from "${specifier}";`,
        `const x = await import(\`${specifier}\`);`,
        `var x = __importStar(require("${specifier}"));`,
        `import x = require('${specifier}');`,
      ]) {
        expect(FS_MODULE_WORDS.test(text), text).toBe(true);
      }
    }
    expect(FS_MODULE_WORDS.test("const fs = process.getBuiltinModule('fs');")).toBe(true);
  });

  it('do not take an fs-like name or a module that merely contains fs for an fs module', () => {
    for (const text of ['function f(fs) { fs.readFileSync(p); }', "require('memfs')", "import { x } from 'fs-monkey'", "require('./fs')", 'const refs = offsets;', "require('delay')"]) {
      expect(FS_MODULE_WORDS.test(text), text).toBe(false);
    }
  });
});
