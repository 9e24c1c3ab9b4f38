import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { adoptPrivateDir, adoptPrivateDirSync, isStillEntry, isStillEntrySync } from './internal/entry-identity.js';
import type { EntryIdentity } from './internal/identity.js';
import { assertSafeNamePart, randomName } from './internal/names.js';
import { useThenRelease, useThenReleaseSync } from './internal/scoped.js';
import { checkOptions, tempParent } from './internal/validate.js';

/** Options of {@link createTempDir} and its relatives. */
export interface TempDirOptions {
  /** Directory to create the temp dir in (`parent` is accepted as an alias); default `os.tmpdir()`. Must not be empty. */
  dir?: string | Buffer | URL;
  /** Alias of `dir`. */
  parent?: string | Buffer | URL;
  /** Start of the directory name, before the random part; default `'tmp-'`. Must not be empty. */
  prefix?: string;
}

/** A private temp directory; the same shape as Node 24's `fs.promises.mkdtempDisposable` result. */
export interface TempDir {
  readonly path: string;
  /** Deletes the directory recursively; later calls return the first call's promise. */
  remove(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The synchronous twin of {@link TempDir}. */
export interface TempDirSync {
  readonly path: string;
  /** Deletes the directory recursively; a no-op once it has succeeded. */
  remove(): void;
  [Symbol.dispose](): void;
}

const OPTION_KEYS = ['dir', 'parent', 'prefix'];

/**
 * mkdtemp's own suffix is 6 characters (about 36 bits), few enough for another user to fill the
 * likely names and make creation fail; our 128 random bits before it make that hopeless.
 */
function template(options: TempDirOptions | undefined): string {
  const given = checkOptions(options, OPTION_KEYS, 'createTempDir');
  // Non-empty, as documented: in a shared temp root a bare random name tells nobody whose it is.
  const prefix = assertSafeNamePart(given.prefix ?? 'tmp-', 'prefix', { allowEmpty: false });
  return join(tempParent(given, tmpdir), `${prefix}${randomName()}-`);
}

/**
 * Creates a fresh, private temporary directory with `mkdtemp` and returns a disposable handle to
 * it, so that `await using dir = await createTempDir()` cleans up on scope exit.
 *
 * Security: the directory is new (mkdtemp never reuses or follows an existing entry), has mode
 * 0700 set explicitly through a descriptor opened without following links, and is verified to be
 * a directory owned by the current user. `remove()` deletes it only if the path still names that
 * same directory (device and inode), so a symlink or other entry swapped in later is refused with
 * `ERR_SECURE_FS_CHANGED` and what it points to is left untouched.
 *
 * The name is the prefix, 128 random bits of the helper's own (32 hex digits) and mkdtemp's six
 * characters, so that nobody can fill the likely names to make creation fail.
 *
 * @throws SecureFsError `ERR_SECURE_FS_INVALID_NAME` for a bad prefix; `ERR_SECURE_FS_INVALID_ARG`
 * for an unknown option key, or a `dir` (alias `parent`) that is empty or not a path;
 * `ERR_SECURE_FS_SYMLINK`, `ERR_SECURE_FS_WRONG_TYPE` or `ERR_SECURE_FS_NOT_OWNER` if the new
 * entry fails verification.
 */
export async function createTempDir(options?: TempDirOptions): Promise<TempDir> {
  const path = await mkdtemp(template(options));
  const identity = await adoptPrivateDir(path);
  let removal: Promise<void> | undefined;
  const remove = (): Promise<void> => (removal ??= removeDir(path, identity));
  return Object.freeze({ path, remove, [Symbol.asyncDispose]: remove });
}

// Between the check and rm only someone allowed to rename entries of the parent could swap the
// name, and a sticky temp root such as /tmp forbids that for entries we own.
async function removeDir(path: string, identity: EntryIdentity): Promise<void> {
  if (await isStillEntry(path, identity)) await rm(path, { recursive: true, force: true });
}

/**
 * The synchronous twin of {@link createTempDir}, for `using dir = createTempDirSync()`.
 *
 * Security: the same guarantees as {@link createTempDir}.
 *
 * @throws SecureFsError the same codes as {@link createTempDir}.
 */
export function createTempDirSync(options?: TempDirOptions): TempDirSync {
  const path = mkdtempSync(template(options));
  const identity = adoptPrivateDirSync(path);
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    if (isStillEntrySync(path, identity)) rmSync(path, { recursive: true, force: true });
    removed = true;
  };
  return Object.freeze({ path, remove, [Symbol.dispose]: remove });
}

/**
 * Runs `fn` with the path of a fresh private temp directory and removes the directory afterwards,
 * whether `fn` returns or throws.
 *
 * Security: the guarantees of {@link createTempDir}. The body's error is rethrown unchanged; if
 * removal fails as well, a `SuppressedError` (`error`: the removal failure, `suppressed`: the
 * body's error) is thrown, as `await using` would.
 */
export async function withTempDir<T>(fn: (dir: string) => T | Promise<T>, options?: TempDirOptions): Promise<T> {
  const dir = await createTempDir(options);
  return useThenRelease(dir.path, () => dir.remove(), fn);
}

/**
 * The synchronous twin of {@link withTempDir}.
 *
 * Security: the guarantees of {@link createTempDir}, with the error semantics of {@link withTempDir}.
 */
export function withTempDirSync<T>(fn: (dir: string) => T, options?: TempDirOptions): T {
  const dir = createTempDirSync(options);
  return useThenReleaseSync(dir.path, () => { dir.remove(); }, fn);
}
