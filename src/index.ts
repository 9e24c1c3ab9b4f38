import type { ESLint, Linter, Rule } from 'eslint';

import { rules } from './rules/index.js';

const PLUGIN_NAME = 'eslint-plugin-secure-fs';
// Kept in step with package.json by the integrity test; a literal keeps the bundle free of JSON imports.
const VERSION = '0.1.0';

type RuleName = keyof typeof rules;

/**
 * Rules that use type information when the parser provides it (and work the same way without
 * it): those whose meta says so, and these, which use types only to confirm or widen what the
 * syntax shows and so do not declare `requiresTypeChecking` (the docs would call it required).
 */
const TYPE_AWARE_RULES: readonly RuleName[] = ['no-error-leak'];
const usesTypes = (name: RuleName): boolean =>
  TYPE_AWARE_RULES.includes(name) || (rules[name].meta.docs as { requiresTypeChecking?: boolean }).requiresTypeChecking === true;

function severities(filter: (name: RuleName) => boolean): Linter.RulesRecord {
  const entries = (Object.keys(rules) as RuleName[]).filter(filter).map((name) => [`secure-fs/${name}`, 'error'] as const);
  return Object.fromEntries(entries);
}

type Configs = {
  /** Every rule whose reports are near-certain defects, as errors. */
  recommended: Linter.Config;
  /**
   * `recommended` plus the rules that use types, with typescript-eslint's project service
   * switched on (use it with typescript-eslint's parser configured for your files).
   */
  recommendedTypeChecked: Linter.Config;
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
plugin.configs.recommendedTypeChecked = {
  name: 'secure-fs/recommended-type-checked',
  plugins: { 'secure-fs': plugin },
  languageOptions: { parserOptions: { projectService: true } },
  rules: severities((name) => rules[name].meta.docs.recommended || usesTypes(name)),
};
plugin.configs.all = {
  name: 'secure-fs/all',
  plugins: { 'secure-fs': plugin },
  rules: severities(() => true),
};

export default plugin;
