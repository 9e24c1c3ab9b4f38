import { defineConfig } from 'tsdown';

// Inlined into dist so that installing the package pulls in neither ESLint nor TypeScript
// (both of these declare a non-optional `eslint` peer); their licences ship beside the bundle.
const INLINED = ['@eslint-community/eslint-utils', 'eslint-visitor-keys'];

export default defineConfig({
  entry: { index: 'src/index.ts', runtime: 'src/runtime.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  fixedExtension: false,
  dts: true,
  clean: true,
  deps: {
    neverBundle: [/^node:/u, 'eslint', /^@typescript-eslint\//u, 'typescript'],
    onlyBundle: INLINED,
  },
  copy: INLINED.map((name) => ({ from: `node_modules/${name}/LICENSE`, to: `dist/licenses/${name}` })),
});
