import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { expect } from 'vitest';

export interface SourceCodeOptions {
  ts?: boolean;
  sourceType?: 'module' | 'script' | 'commonjs';
  globals?: Record<string, 'readonly'>;
}

/** Runs `check` on the SourceCode ESLint builds for `code`, as a rule sees it at `Program:exit`. */
export function withSourceCode(code: string, check: (sourceCode: TSESLint.SourceCode) => void, { ts = false, sourceType = 'module', globals = {} }: SourceCodeOptions = {}): void {
  let ran = false;
  const rule: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create: (context) => ({
      'Program:exit'() {
        check(context.sourceCode);
        ran = true;
      },
    }),
  };
  const messages = new Linter({ configType: 'flat' }).verify(code, [
    {
      files: ['**/*.{js,ts}'],
      plugins: { t: { rules: { r: rule } } } as never,
      rules: { 't/r': 'error' },
      languageOptions: { ecmaVersion: 'latest', sourceType, globals, ...(ts ? { parser: tsParser } : {}) },
    },
  ], { filename: ts ? 'file.ts' : 'file.js' });
  expect(messages).toEqual([]);
  expect(ran).toBe(true);
}
