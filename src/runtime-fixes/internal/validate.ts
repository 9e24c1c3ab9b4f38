// Argument checks shared by every helper: a caller's mistake fails with one typed code,
// ERR_SECURE_FS_INVALID_ARG, before anything touches the file system.
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';

import { SecureFsError } from '../errors.js';

export function invalidArg(message: string, cause?: unknown): SecureFsError {
  return new SecureFsError('ERR_SECURE_FS_INVALID_ARG', message, cause === undefined ? {} : { cause });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return `${typeof value} ${value.toString()}`;
  return typeof value;
}

/**
 * What Node's fs accepts as a path (a string, a Buffer, a `file:` URL), as the string the helpers
 * work on. A Buffer must be UTF-8: decoding anything else would name a different file.
 * `allowNul` leaves NUL bytes to the caller, for whom one may mean something (an abstract socket).
 */
export function toPath(value: unknown, what = 'path', { allowNul = false } = {}): string {
  let path: string;
  if (typeof value === 'string') {
    path = value;
  } else if (Buffer.isBuffer(value)) {
    path = value.toString('utf8');
    if (!Buffer.from(path, 'utf8').equals(value)) throw invalidArg(`The ${what} Buffer is not valid UTF-8; pass the path as a string.`);
  } else if (value instanceof URL) {
    if (value.protocol !== 'file:') throw invalidArg(`The ${what} URL must be a file: URL, got ${value.protocol}.`);
    try {
      path = fileURLToPath(value);
    } catch (error) {
      throw invalidArg(`The ${what} URL does not name a local file: ${(error as Error).message}`, error);
    }
  } else {
    throw invalidArg(`The ${what} must be a string, a Buffer or a file: URL, got ${describe(value)}.`);
  }
  if (!allowNul && path.includes('\0')) throw invalidArg(`The ${what} must not contain NUL bytes.`);
  return path;
}

/**
 * An options argument: `undefined` or a plain object whose keys are all known. A misspelt key
 * must fail loudly, since the default it falls back to (the shared temp root, say) may be the
 * very thing the caller meant to avoid.
 */
export function checkOptions<T extends object>(options: T | undefined, known: readonly string[], helper: string): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArg(`The options of ${helper} must be an object, got ${describe(options)}.`);
  }
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw invalidArg(`Unknown option${unknown.length > 1 ? 's' : ''} of ${helper}: ${unknown.join(', ')} (known: ${known.join(', ')}).`);
  }
  return options;
}

/** `value` if it is `undefined` or one of `allowed`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T | undefined {
  if (value === undefined || (allowed as readonly unknown[]).includes(value)) return value as T | undefined;
  throw invalidArg(`${what} must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${describe(value)}.`);
}

const SPECIAL_BITS = 0o7000;

/**
 * A file mode as chmod takes it: an integer from 0 to 0o7777 (anything larger would be silently
 * truncated). Setuid, setgid and sticky bits only when `allowSpecial`: a helper run as root would
 * otherwise create a setuid file from one mistyped digit.
 */
export function fileMode(value: unknown, what: string, { allowSpecial = false } = {}): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0o7777) {
    throw invalidArg(`${what} must be an integer from 0 to 0o7777, got ${describe(value)}.`);
  }
  if ((value & SPECIAL_BITS) !== 0 && !allowSpecial) {
    throw new SecureFsError(
      'ERR_SECURE_FS_INSECURE_MODE',
      `${what} 0o${value.toString(8)} has setuid, setgid or sticky bits; pass allowSpecialModeBits: true if that is intended.`,
    );
  }
  return value;
}

/** The directory option of the temp helpers: `dir`, or its alias `parent`. */
interface DirOption {
  dir?: string | Buffer | URL;
  parent?: string | Buffer | URL;
}

/**
 * The directory a temp helper creates in: `dir` (or `parent`), never empty (`join('', name)`
 * would land in the working directory), by default `os.tmpdir()`.
 */
export function tempParent(options: DirOption, fallback: () => string): string {
  const { dir, parent } = options;
  if (dir !== undefined && parent !== undefined && toPath(dir, 'dir') !== toPath(parent, 'parent')) {
    throw invalidArg('Give the directory as dir or as parent (its alias), not both.');
  }
  const given = dir !== undefined ? dir : parent;
  if (given === undefined) return fallback();
  const path = toPath(given, dir === undefined ? 'parent' : 'dir');
  if (path === '') throw invalidArg('The directory must not be empty; omit it for the system temp directory.');
  return path;
}
