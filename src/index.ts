import type { ESLint, Linter, Rule } from 'eslint';

import { rules } from './rules/index.js';

const PLUGIN_NAME = 'eslint-plugin-secure-fs';
// Kept in step with package.json by the integrity test; a literal keeps the bundle free of JSON imports.
const VERSION = '0.1.0';

type RuleName = keyof typeof rules;

function severities(filter: (name: RuleName) => boolean): Linter.RulesRecord {
  const entries = (Object.keys(rules) as RuleName[]).filter(filter).map((name) => [`secure-fs/${name}`, 'error'] as const);
  return Object.fromEntries(entries);
}

type Configs = {
  /** Every rule whose reports are near-certain defects, as errors. */
  recommended: Linter.Config;
  /** Every rule, as errors. */
  all: Linter.Config;
};

const plugin: ESLint.Plugin & { meta: { name: string; version: string }; configs: Configs } = {
  meta: { name: PLUGIN_NAME, version: VERSION },
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as Configs,
};

plugin.configs.recommended = {
  name: 'secure-fs/recommended',
  plugins: { 'secure-fs': plugin },
  rules: severities((name) => rules[name].meta.docs.recommended),
};
plugin.configs.all = {
  name: 'secure-fs/all',
  plugins: { 'secure-fs': plugin },
  rules: severities(() => true),
};

export default plugin;
