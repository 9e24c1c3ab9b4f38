// Unit tests of call-options.ts: which argument of an fs call is its options, flags or mode,
// and that the trailing callback of a callback-style call never is, whatever expression it is.
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import {
  DEFAULT_READ_FLAGS,
  DEFAULT_WRITE_FLAGS,
  type FileFacts,
  type FsCall,
  argumentAt,
  getFileFacts,
  modeExpressionOf,
  openFlagsOf,
} from '../../src/analysis/index.js';

const HEADER = "import fs from 'node:fs';\nimport fse from 'fs-extra';\n";

/** The facts of `code` and its only tracked fs call. */
function analyse(code: string): { facts: FileFacts; call: FsCall } {
  let result: { facts: FileFacts; call: FsCall } | undefined;
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          const facts = getFileFacts(context);
          expect(facts.fsCalls).toHaveLength(1);
          result = { facts, call: facts.fsCalls[0]! };
        },
      };
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(HEADER + code, [
    {
      plugins: { probe: { rules: { probe: rule as never } } },
      rules: { 'probe/probe': 'error' },
      languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
    },
  ]);
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return result!;
}

/** What argumentAt gives, as text for an argument. */
function at(code: string, index: number): string {
  const { facts, call } = analyse(code);
  const argument = argumentAt(call, index);
  return typeof argument === 'string' ? argument : facts.sourceCode.getText(argument);
}

describe('argumentAt', () => {
  it.each([
    // The last argument of a callback-style call is its callback, inline or not.
    ['fs.writeFile(p, d, done);', 2, 'absent'],
    ['fs.writeFile(p, d, this.done);', 2, 'absent'],
    ['fs.writeFile(p, d, () => {});', 2, 'absent'],
    ['fs.writeFile(p, d, opts, done);', 2, 'opts'],
    ['fs.mkdir(p, done);', 1, 'absent'],
    ['fs.access(p, done);', 1, 'absent'],
    ['fs.access(p, fs.constants.W_OK, done);', 1, 'fs.constants.W_OK'],
    // A path is never the callback, even where a callback is missing.
    ['fs.unlink(p);', 0, 'p'],
    ['fs.writeFile(p);', 0, 'p'],
    // Sync calls have no callback: the last argument is what it says.
    ['fs.writeFileSync(p, d, opts);', 2, 'opts'],
    // fs-extra's either-style calls: a callback only when the last argument is a function.
    ['fse.outputFile(p, d, opts);', 2, 'opts'],
    ['fse.outputFile(p, d, function () {});', 2, 'absent'],
    ['fse.outputFile(p, d, opts, () => {});', 2, 'opts'],
    // Missing, undefined and spread arguments.
    ['fs.writeFile(p, d, undefined, done);', 2, 'absent'],
    ['fs.writeFile(p, ...rest);', 2, 'unknown'],
    ['fs.writeFile(p, d, ...rest);', 2, 'unknown'],
  ])('%s [%i] → %s', (code, index, expected) => {
    expect(at(code, index)).toBe(expected);
  });
});

describe('openFlagsOf and modeExpressionOf with a callback in the options position', () => {
  it('reads Node’s defaults for writeFile(p, d, done)', () => {
    const { facts, call } = analyse('fs.writeFile(p, d, done);');
    expect(openFlagsOf(facts, call)).toEqual(DEFAULT_WRITE_FLAGS);
    expect(modeExpressionOf(facts, call)).toBe('absent');
  });

  it('reads the flags argument of open(p, flags, done), and the default for open(p, done)', () => {
    const withFlags = analyse("fs.open(p, 'wx', done);");
    expect(openFlagsOf(withFlags.facts, withFlags.call)).toMatchObject({ write: true, exclusive: true });
    const without = analyse('fs.open(p, done);');
    expect(openFlagsOf(without.facts, without.call)).toEqual(DEFAULT_READ_FLAGS);
  });

  it('still reads options given before the callback, and stays unknown for an options variable', () => {
    const exclusive = analyse("fs.writeFile(p, d, { flag: 'wx' }, done);");
    expect(openFlagsOf(exclusive.facts, exclusive.call)).toMatchObject({ write: true, exclusive: true });
    const unknown = analyse('fs.writeFile(p, d, opts, done);');
    expect(openFlagsOf(unknown.facts, unknown.call)).toBeUndefined();
  });
});
