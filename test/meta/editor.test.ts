// Suggestions the way editors use them: the ESLint Node API (`ESLint#lintText`, as
// vscode-eslint's language server calls it, under ESLint 10 and 9), each suggestion's
// `fix` applied to the text as an edit, then the result linted again: it must parse, give
// what the rule's case table expects, and no longer carry the report the suggestion was for.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { ESLint as ESLint10, type Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { rules } from '../../src/rules/index.js';

interface Case {
  name?: string;
  code: string;
  filename?: string;
  options?: unknown[];
  languageOptions?: Linter.LanguageOptions;
  errors: { messageId?: string; suggestions?: { output: string }[] }[];
}

const cwd = new URL('../fixtures/', import.meta.url).pathname;
const withSuggestions = Object.entries(rules).filter(
  ([name, rule]) => (rule.meta as { hasSuggestions?: boolean }).hasSuggestions === true && existsSync(new URL(`../rules/${name}.cases.ts`, import.meta.url)),
);

function engine(Engine: typeof ESLint10, name: string, test: Case): ESLint10 {
  const ts = /\.[cm]?tsx?$/u.test(test.filename ?? 'file.ts');
  return new Engine({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
        plugins: { 'secure-fs': plugin },
        languageOptions: { ...test.languageOptions, ...(ts ? { parser: tsParser } : {}) },
        rules: { [`secure-fs/${name}`]: ['error', ...(test.options ?? [])] },
      },
    ],
  });
}

const apply = (text: string, fix: { range: [number, number]; text: string }): string => `${text.slice(0, fix.range[0])}${fix.text}${text.slice(fix.range[1])}`;

describe('rules with suggestions', () => {
  it('are exercised here', () => {
    expect(withSuggestions.length).toBeGreaterThan(0);
  });
});

describe.each(withSuggestions)('%s through ESLint#lintText', async (name) => {
  const { invalid } = (await import(`../rules/${name}.cases.ts`)) as { invalid: Case[] };
  const cases = invalid.filter((c) => c.errors.some((e) => (e.suggestions?.length ?? 0) > 0));
  const ruleId = `secure-fs/${name}`;

  it('has invalid cases with suggestions', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  describe.each([
    ['ESLint 10', ESLint10],
    ['ESLint 9', ESLint9 as unknown as typeof ESLint10],
  ])('%s', (_version, Engine) => {
    it.each(cases.map((c) => [c.name ?? c.code, c] as const))('%s', async (_title, test) => {
      const eslint = engine(Engine, name, test);
      const filePath = join(cwd, test.filename ?? 'file.ts');
      const [result] = await eslint.lintText(test.code, { filePath });
      const messages = result!.messages.filter((m) => m.ruleId === ruleId);
      expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
      expect(messages).toHaveLength(test.errors.length);
      for (const [index, message] of messages.entries()) {
        const expected = test.errors[index]!.suggestions ?? [];
        expect(message.suggestions ?? [], `report ${index + 1}`).toHaveLength(expected.length);
        for (const [s, suggestion] of (message.suggestions ?? []).entries()) {
          const output = apply(test.code, suggestion.fix);
          expect(output, `report ${index + 1}, suggestion ${s + 1}`).toBe(expected[s]!.output);
          const [again] = await eslint.lintText(output, { filePath });
          expect(again!.messages.filter((m) => m.fatal), output).toEqual([]);
          // The report the suggestion was for is gone. Another may take its place: stat → lstat
          // fixes what the check sees, and the check-then-write that remains is reported next.
          const left = again!.messages.filter((m) => m.ruleId === ruleId);
          const same = (m: Linter.LintMessage): boolean => m.message === message.message && m.messageId === message.messageId;
          expect(left.filter(same).length, output).toBeLessThan(messages.filter(same).length);
        }
      }
    });
  });
});
