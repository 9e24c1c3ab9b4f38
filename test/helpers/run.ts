import { RuleTester } from '@typescript-eslint/rule-tester';

import type { SecureFsRule } from '../../src/util/create-rule.js';

export interface Cases {
  valid: readonly object[];
  invalid: readonly object[];
}

/**
 * Runs a rule's case table with typescript-eslint's RuleTester (ESLint 10). The tables are
 * plain data shared with the ESLint 9 run, so their option types are checked by the schema
 * at run time rather than by TypeScript here.
 */
export function runRuleTests(name: string, rule: SecureFsRule, cases: Cases): void {
  new RuleTester().run(name, rule, cases as never);
}
