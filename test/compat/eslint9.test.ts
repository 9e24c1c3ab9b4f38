// Every rule's case table again, under ESLint 9's own RuleTester (the other supported peer).
import { readdirSync } from 'node:fs';

import tsParser from '@typescript-eslint/parser';
import { RuleTester } from 'eslint9';
import { describe, it } from 'vitest';

import { rules } from '../../src/rules/index.js';
import type { Cases } from '../helpers/run.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const casesDir = new URL('../rules/', import.meta.url);
const names = readdirSync(casesDir)
  .filter((file) => file.endsWith('.cases.ts'))
  .map((file) => file.slice(0, -'.cases.ts'.length));

// typescript-eslint's RuleTester picks its parser for `.ts` files by itself; ESLint 9's needs telling.
const withParser = <T extends object>(test: T): T =>
  'filename' in test && typeof test.filename === 'string' && test.filename.endsWith('.ts')
    ? { ...test, languageOptions: { ...('languageOptions' in test ? (test.languageOptions as object) : {}), parser: tsParser } }
    : test;

describe('ESLint 9', () => {
  it('finds the case tables', () => {
    if (names.length === 0) throw new Error('no case tables found');
  });
});

for (const name of names) {
  const rule = (rules as Record<string, unknown>)[name];
  if (!rule) throw new Error(`test/rules/${name}.cases.ts has no rule of that name`);
  const cases = (await import(new URL(`${name}.cases.ts`, casesDir).href)) as Cases;
  new RuleTester().run(name, rule as never, {
    valid: cases.valid.map(withParser) as never,
    invalid: cases.invalid.map(withParser) as never,
  });
}
