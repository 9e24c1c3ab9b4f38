// The plugin's own lint: typescript-eslint (type-checked) on everything, eslint-plugin-eslint-plugin
// on rules and rule tests, architecture fences, and the plugin's own rules on the runtime
// helpers and the examples' fixed code (dogfooding).
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'packages/*/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Parts of the analysis deliberately narrow AST unions by hand.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // AST node types are compared as strings so that only *types* come from typescript-eslint
      // (its runtime enum would pull ESLint and TypeScript into every install).
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs['rules-recommended'],
    rules: {
      ...eslintPlugin.configs['rules-recommended'].rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce)' }],
      'eslint-plugin/require-meta-docs-url': 'off', // filled in by createRule
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/no-meta-schema-default': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/prefer-message-ids': 'error',
      'eslint-plugin/no-unused-message-ids': 'error',
      'eslint-plugin/no-missing-placeholders': 'error',
      // Rules are thin: recognising Node's APIs is the analysis core's job.
      'no-restricted-imports': ['error', { patterns: [{ group: ['@eslint-community/*'], message: 'Use src/analysis instead.' }] }],
    },
  },
  {
    files: ['test/rules/**/*.ts'],
    ...eslintPlugin.configs['tests-recommended'],
  },
  {
    // Test tables give sync and async variants the same async shape on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // The runtime helpers ship to production: Node built-ins and relative files only.
    files: ['src/runtime-fixes/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!node:|\\.)', message: 'Runtime helpers import only node: built-ins.' }] }],
    },
  },
);
