// ESLint and the TypeScript parser are optional peers of the package: `./runtime` users never
// need them, so the CLI loads them only when it runs, and says what to install when they are missing.
import type * as ESLintModule from 'eslint';

import { UsageError } from './options.js';

export type Parser = ESLintModule.Linter.Parser;

export interface Peers {
  ESLint: typeof ESLintModule.ESLint;
  tsParser: Parser;
}

/** A missing or unusable peer: exit code 2 with an install hint. */
export class PeerError extends UsageError {
  override name = 'PeerError';
}

function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && (message ?? '').includes(`'${name}'`);
}

async function load<T>(name: string, importer: () => Promise<T>, why: string): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    if (isNotFound(error, name)) {
      throw new PeerError(`${name} is not installed, and secure-fs needs it ${why}. Install it next to the plugin:\n  npm install --save-dev ${name}`);
    }
    throw new PeerError(`${name} could not be loaded: ${(error as Error).message}`);
  }
}

export async function loadPeers(): Promise<Peers> {
  const eslint = await load('eslint', () => import('eslint'), 'to lint');
  const major = Number(eslint.ESLint.version.split('.')[0]);
  if (!(major >= 9)) {
    throw new PeerError(`secure-fs needs ESLint 9 or 10, but found ESLint ${eslint.ESLint.version}:\n  npm install --save-dev eslint@^10`);
  }
  const parser = await load('@typescript-eslint/parser', () => import('@typescript-eslint/parser'), 'to parse TypeScript files');
  return { ESLint: eslint.ESLint, tsParser: ((parser as { default?: Parser }).default ?? parser) as Parser };
}
