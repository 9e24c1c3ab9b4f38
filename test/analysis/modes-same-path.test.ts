// Unit tests of mode evaluation (modes.ts) and path sameness (same-path.ts): a probe rule
// hands the file's facts and the arguments of every `probe(…)` call to the test.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { type FileFacts, getFileFacts, isSamePath, modeValue } from '../../src/analysis/index.js';

function analyse(code: string): { facts: FileFacts; probes: TSESTree.CallExpressionArgument[][] } {
  let result: { facts: FileFacts; probes: TSESTree.CallExpressionArgument[][] } | undefined;
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      const probes: TSESTree.CallExpressionArgument[][] = [];
      return {
        CallExpression(node) {
          if (node.callee.type === 'Identifier' && node.callee.name === 'probe') probes.push(node.arguments);
        },
        'Program:exit'() {
          result = { facts: getFileFacts(context), probes };
        },
      };
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(code, [
    {
      plugins: { probe: { rules: { probe: rule as never } } },
      rules: { 'probe/probe': 'error' },
      languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
    },
  ]);
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return result!;
}

describe('modeValue', () => {
  it.each([
    ['probe(0o755);', 0o755, false],
    ["probe('644');", 0o644, false],
    ['probe(511);', 0o777, false],
    ["probe(parseInt('750', 8));", 0o750, false],
    ['const MODE = 0o600; probe(MODE);', 0o600, false],
    ["import fs from 'node:fs'; probe(fs.constants.S_IRWXU | fs.constants.S_IWOTH);", 0o702, false],
    ["import { constants } from 'fs'; const { S_IRUSR, S_IWUSR } = constants; probe(S_IRUSR + S_IWUSR);", 0o600, false],
    ['probe(0o777 & ~process.umask());', 0o777, true],
    ['probe(0o666 & ~mask);', 0o666, true],
  ])('%s', (code, bits, bounded) => {
    const { facts, probes } = analyse(code);
    expect(modeValue(facts, probes[0]![0]!)).toEqual({ bits, bounded });
  });

  it.each(['probe(mode);', "probe('0o777');", "probe('rw-');", 'probe(a | b);', 'probe(x.mode);'])('%s is unknown', (code) => {
    const { facts, probes } = analyse(code);
    expect(modeValue(facts, probes[0]![0]!)).toBeUndefined();
  });
});

describe('isSamePath', () => {
  const same = (code: string): boolean => {
    const { facts, probes } = analyse(code);
    return isSamePath(facts, probes[0]![0]!, probes[1]![0]!);
  };

  it.each([
    'const p = getPath(); probe(p); probe(p);',
    "probe('/tmp/x'); probe('/tmp/' + 'x');",
    "import path from 'node:path'; const p = path.join(dir, 'key.pem'); probe(p); probe(path.join(dir, 'key.pem'));",
    "import path from 'node:path'; probe(path.join(dir, name)); probe(path.join(dir, name));",
    'function f(file) { probe(file); probe(file); }',
    'probe(config.keyPath); probe(config.keyPath);',
    'probe(`${dir}/key`); probe(`${dir}/key`);',
    'class C { m() { probe(this.file); probe(this.file); } }',
  ])('same: %s', (code) => {
    expect(same(code)).toBe(true);
  });

  it.each([
    'probe(a); probe(b);',
    'let p = first(); probe(p); p = second(); probe(p);',
    "import path from 'node:path'; probe(path.join(dir, 'a')); probe(path.join(dir, 'b'));",
    'probe(make()); probe(make());',
    'probe(config.keyPath); probe(other.keyPath);',
    'function f(file) { file = x; probe(file); probe(file); }',
  ])('not the same: %s', (code) => {
    expect(same(code)).toBe(false);
  });
});
