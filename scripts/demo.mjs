#!/usr/bin/env node
// `npm run demo`: lint the bundled example app with configs.recommended, as a user would
// after `npm install`, and print the findings. Fails only if nothing is found (a broken demo).
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';

import plugin from '../dist/index.js';

const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfigFile: true,
  overrideConfig: [plugin.configs.recommended, { files: ['**/*.ts'], languageOptions: { parser: tsParser } }],
});
const results = await eslint.lintFiles(['examples/']);
const formatter = await eslint.loadFormatter('stylish');
process.stdout.write(await formatter.format(results));
const count = results.reduce((sum, r) => sum + r.messages.length, 0);
const clean = results.filter((r) => r.messages.length === 0).map((r) => r.filePath);
console.log(`${count} findings in ${results.length - clean.length} of ${results.length} example files.`);
if (count === 0) process.exitCode = 1;
