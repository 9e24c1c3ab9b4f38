/**
 * Stable, documented error codes of `eslint-plugin-secure-fs/runtime`. They are part of the
 * public API: callers branch on `err.code`, so a code is never renamed within a major version.
 */
export type SecureFsErrorCode =
  /** A symlink stood where a real file, directory or socket was required. */
  | 'ERR_SECURE_FS_SYMLINK'
  /** The entry is owned by another user. */
  | 'ERR_SECURE_FS_NOT_OWNER'
  /** The entry has group/other permission bits that the helper may not remove, or a requested mode is not one it allows. */
  | 'ERR_SECURE_FS_INSECURE_MODE'
  /** Not the expected kind of entry (directory, regular file, socket). */
  | 'ERR_SECURE_FS_WRONG_TYPE'
  /** The entry's identity changed between a check and its use. */
  | 'ERR_SECURE_FS_CHANGED'
  /**
   * A prefix, suffix or application name was rejected, or a path made from or given with one
   * (empty, relative home directory, abstract or too long for a Unix socket).
   */
  | 'ERR_SECURE_FS_INVALID_NAME'
  /**
   * An argument or option of the wrong kind: a path that is not a string, Buffer or `file:` URL (or
   * holds a NUL byte, or is a Buffer that is not UTF-8), an unknown option key, an empty directory
   * option, an option value outside its documented set, a mode that is not an integer from 0 to
   * 0o7777, or a value passed as a snapshot that `snapshotPath` did not make.
   */
  | 'ERR_SECURE_FS_INVALID_ARG'
  /** A directory option escapes the root it must stay under. */
  | 'ERR_SECURE_FS_OUTSIDE_ROOT'
  /** Every attempt to create a fresh random name met an existing entry. */
  | 'ERR_SECURE_FS_NAME_EXHAUSTED'
  /** A live server already answers on the socket path. */
  | 'ERR_SECURE_FS_IN_USE';

export interface SecureFsErrorOptions {
  path?: string;
  syscall?: string;
  cause?: unknown;
}

/** Every failure a helper decides on itself; system errors from Node pass through untouched. */
export class SecureFsError extends Error {
  override readonly name = 'SecureFsError';
  readonly code: SecureFsErrorCode;
  readonly path?: string;
  readonly syscall?: string;

  constructor(code: SecureFsErrorCode, message: string, options: SecureFsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.path !== undefined) this.path = options.path;
    if (options.syscall !== undefined) this.syscall = options.syscall;
  }
}

/** Narrows a caught value to a SecureFsError, optionally of one `code`. */
export function isSecureFsError(error: unknown, code?: SecureFsErrorCode): error is SecureFsError {
  return error instanceof SecureFsError && (code === undefined || error.code === code);
}

/** Node's `ErrnoException` shape, narrowed by `code`. */
export function hasErrnoCode(error: unknown, ...codes: string[]): error is NodeJS.ErrnoException {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    codes.includes((error as { code: string }).code)
  );
}

/** Node's own codes for a caller's mistake, as distinct from anything found on the file system. */
type NodeErrorCode = 'ERR_INVALID_ARG_VALUE' | 'ERR_INVALID_STATE' | 'ERR_OUT_OF_RANGE';

/** An error shaped like Node's own argument and state errors: the given class with a Node `code`. */
export function nodeError<E extends Error>(
  Ctor: new (message: string) => E,
  code: NodeErrorCode,
  message: string,
): E & { code: NodeErrorCode } {
  return Object.assign(new Ctor(message), { code });
}

interface SuppressedErrorLike extends Error {
  readonly error: unknown;
  readonly suppressed: unknown;
}

type SuppressedErrorConstructor = new (error: unknown, suppressed: unknown, message?: string) => SuppressedErrorLike;

class LocalSuppressedError extends Error implements SuppressedErrorLike {
  override readonly name = 'SuppressedError';
  constructor(
    readonly error: unknown,
    readonly suppressed: unknown,
    message = 'An error was suppressed during disposal.',
  ) {
    super(message);
  }
}

/**
 * The error `await using` throws when both the body and the disposal fail: the global
 * `SuppressedError` where the runtime has one (Node 24+), an equivalent shape on Node 20/22.
 */
export function suppressedError(disposalError: unknown, bodyError: unknown): Error {
  const Native = (globalThis as { SuppressedError?: SuppressedErrorConstructor }).SuppressedError;
  const Ctor: SuppressedErrorConstructor = Native ?? LocalSuppressedError;
  return new Ctor(disposalError, bodyError, 'Cleanup failed after the callback threw.');
}
