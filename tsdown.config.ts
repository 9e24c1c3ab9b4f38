import { resolve } from 'node:path';

import { defineConfig } from 'tsdown';

// Inlined into dist so that installing the package pulls in neither ESLint nor TypeScript
// (both of these declare a non-optional `eslint` peer); their licences ship beside the bundle.
const INLINED = ['@eslint-community/eslint-utils', 'eslint-visitor-keys'];
// The CLI's SARIF formatter and what it requires: @microsoft/eslint-formatter-sarif declares
// `eslint@^8` as a *dependency*, so it is bundled (into a chunk loaded only for --format sarif)
// rather than depended on. It ships no licence file: its package.json says MIT, © Microsoft.
// Its `lodash` and `jschardet` resolve to the two small modules in src/cli/vendor/ (why: there).
const INLINED_CLI = ['@microsoft/eslint-formatter-sarif', 'lodash', 'utf8'];
const LICENSES: Record<string, string> = {
  '@eslint-community/eslint-utils': 'node_modules/@eslint-community/eslint-utils/LICENSE',
  'eslint-visitor-keys': 'node_modules/eslint-visitor-keys/LICENSE',
  '@microsoft/eslint-formatter-sarif': 'src/cli/licenses/eslint-formatter-sarif/LICENSE',
  lodash: 'node_modules/lodash/LICENSE',
  utf8: 'node_modules/utf8/LICENSE-MIT.txt',
};

export default defineConfig({
  entry: { index: 'src/index.ts', runtime: 'src/runtime.ts', cli: 'src/cli.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  fixedExtension: false,
  alias: { lodash: resolve(import.meta.dirname, 'src/cli/vendor/lodash.ts'), jschardet: resolve(import.meta.dirname, 'src/cli/vendor/jschardet.ts') },
  dts: true,
  clean: true,
  deps: {
    neverBundle: [/^node:/u, 'eslint', /^@typescript-eslint\//u, 'typescript'],
    onlyBundle: [...INLINED, ...INLINED_CLI],
  },
  copy: Object.entries(LICENSES).map(([name, from]) => ({ from, to: `dist/licenses/${name}` })),
});
