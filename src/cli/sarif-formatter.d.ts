// @microsoft/eslint-formatter-sarif ships no types. It is bundled into dist (see tsdown.config.ts).
declare module '@microsoft/eslint-formatter-sarif' {
  import type { ESLint } from 'eslint';

  const format: (results: ESLint.LintResult[], data?: Partial<ESLint.LintResultData>) => string;
  export default format;
}

// lodash's per-method module, used by src/cli/vendor/lodash.ts (no @types/lodash needed for one function).
declare module 'lodash/get.js' {
  const get: (object: unknown, path: string, defaultValue?: unknown) => unknown;
  export default get;
}
