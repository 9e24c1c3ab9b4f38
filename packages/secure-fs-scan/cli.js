#!/usr/bin/env node
// `npx secure-fs-scan [paths…]`: the `secure-fs` command of eslint-plugin-secure-fs, with ESLint,
// the TypeScript parser and TypeScript as dependencies of this package, so that one command scans
// on a machine that has only Node and npm. The plugin itself keeps ESLint as a peer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// The plugin's `bin`, found through its package.json so that this stays right whatever its layout.
const manifestPath = createRequire(import.meta.url).resolve('eslint-plugin-secure-fs/package.json');
const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
await import(pathToFileURL(join(dirname(manifestPath), bin['secure-fs'])).href);
