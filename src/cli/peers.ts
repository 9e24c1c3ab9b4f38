// ESLint and the TypeScript parser are optional peers of the package: `./runtime` users never
// need them, so the CLI loads them only when it runs, and says what to install when they are missing.
import type * as ESLintModule from 'eslint';

import { UsageError } from './options.js';

export type Parser = ESLintModule.Linter.Parser;

export interface Peers {
  ESLint: typeof ESLintModule.ESLint;
  /** Undefined when not installed: TypeScript files are then listed as not scanned. */
  tsParser: Parser | undefined;
}

/** A missing or unusable peer: exit code 2 with an install hint. */
export class PeerError extends UsageError {
  override name = 'PeerError';
}

/** The package that brings ESLint and the parser along, for a scan with nothing installed. */
export const SCAN_PACKAGE = 'secure-fs-scan';

function isNotFound(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && (message ?? '').includes(`'${name}'`);
}

/** The module, or undefined when it is not installed; any other failure to load is a PeerError. */
async function load<T>(name: string, importer: () => Promise<T>): Promise<T | undefined> {
  try {
    return await importer();
  } catch (error) {
    if (isNotFound(error, name)) return undefined;
    throw new PeerError(`${name} could not be loaded: ${(error as Error).message}`);
  }
}

export async function loadPeers(): Promise<Peers> {
  const eslint = await load('eslint', () => import('eslint'));
  if (eslint === undefined) {
    throw new PeerError(
      `eslint is not installed, and secure-fs needs it to lint. Install it next to the plugin:\n  npm install --save-dev eslint\nor scan without installing anything:\n  npx ${SCAN_PACKAGE} .`,
    );
  }
  const major = Number(eslint.ESLint.version.split('.')[0]);
  if (!(major >= 9)) {
    throw new PeerError(`secure-fs needs ESLint 9 or 10, but found ESLint ${eslint.ESLint.version}:\n  npm install --save-dev eslint@^10`);
  }
  const parser = await load('@typescript-eslint/parser', () => import('@typescript-eslint/parser'));
  return { ESLint: eslint.ESLint, tsParser: parser && ((parser as { default?: Parser }).default ?? parser) };
}
