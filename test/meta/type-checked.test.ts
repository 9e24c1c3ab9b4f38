// configs.recommendedTypeChecked: configs.recommended plus the rules that use types, with
// typescript-eslint's project service on. On a file where only the types show the receiver
// (an error sent to a ServerResponse parameter), it reports what configs.recommended cannot.
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { rules } from '../../src/rules/index.js';

const fixtures = new URL('../fixtures/type-checked/', import.meta.url).pathname;
const { recommended, recommendedTypeChecked } = plugin.configs;

async function lint(config: Linter.Config): Promise<string[]> {
  const eslint = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { tsconfigRootDir: fixtures } } },
      { ...config, files: ['**/*.ts'] },
    ],
  });
  const [result] = await eslint.lintFiles(['reply.ts']);
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
}

describe('configs.recommendedTypeChecked', () => {
  it('is recommended plus every rule that uses types, at least no-error-leak', () => {
    const ids = Object.keys(recommendedTypeChecked.rules ?? {});
    for (const id of Object.keys(recommended.rules ?? {})) expect(ids).toContain(id);
    expect(ids).toContain('secure-fs/no-error-leak');
    for (const [name, rule] of Object.entries(rules)) {
      if ((rule.meta.docs as { requiresTypeChecking?: boolean }).requiresTypeChecking) expect(ids).toContain(`secure-fs/${name}`);
    }
    for (const severity of Object.values(recommendedTypeChecked.rules ?? {})) expect(severity).toBe('error');
    expect(recommendedTypeChecked.name).toBe('secure-fs/recommended-type-checked');
    expect(recommendedTypeChecked.plugins?.['secure-fs']).toBe(plugin);
  });

  it('switches on the project service', () => {
    expect(recommendedTypeChecked.languageOptions?.parserOptions).toEqual({ projectService: true });
  });

  it('reports through types what the syntax alone does not show', async () => {
    expect(await lint(recommended)).toEqual([]);
    expect(await lint(recommendedTypeChecked)).toEqual(['9:13 secure-fs/no-error-leak']);
  }, 60_000);
});
