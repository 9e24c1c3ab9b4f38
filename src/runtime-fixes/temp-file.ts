import { closeSync, fstatSync, fsyncSync, linkSync, renameSync, unlinkSync, type PathLike } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { link, rename, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';

import { isStillEntry, isStillEntrySync } from './internal/entry-identity.js';
import { createExclusive, createExclusiveSync, discard, discardSync } from './internal/exclusive-file.js';
import { fsyncDir, fsyncDirSync } from './internal/fsync-dir.js';
import type { EntryIdentity } from './internal/identity.js';
import { changedError, identityOf } from './internal/identity.js';
import { assertSafeNamePart, randomName } from './internal/names.js';
import { useThenRelease } from './internal/scoped.js';
import { checkOptions, tempParent, toPath } from './internal/validate.js';
import { nodeError } from './errors.js';

/** Options of {@link createTempFile} and its relatives. */
export interface TempFileOptions {
  /** Directory to create the file in (`parent` is accepted as an alias); default `os.tmpdir()`. Must not be empty. */
  dir?: string | Buffer | URL;
  /** Alias of `dir`. */
  parent?: string | Buffer | URL;
  /** Text before the random part of the name; default `'tmp-'`. */
  prefix?: string;
  /** Text after the random part of the name, e.g. `'.json'`; default none. */
  suffix?: string;
}

/** Options of `persist`. */
export interface PersistOptions {
  /** Replace an existing `dest` (rename) instead of failing with `EEXIST` (link + unlink). Default `false`. */
  overwrite?: boolean;
}

/** A fresh, private, open temp file. */
export interface TempFile {
  readonly path: string;
  /** Open for reading and writing; closed by `remove()`. */
  readonly handle: FileHandle;
  /**
   * Moves the file to `dest` after an fsync, then fsyncs the directory of `dest`. The handle stays
   * open until `remove()`, which after a persist only closes it.
   */
  persist(dest: PathLike, options?: PersistOptions): Promise<void>;
  /** Closes the handle and deletes the file unless it was persisted; later calls return the first call's promise. */
  remove(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The synchronous twin of {@link TempFile}, with a file descriptor instead of a handle. */
export interface TempFileSync {
  readonly path: string;
  readonly fd: number;
  persist(dest: PathLike, options?: PersistOptions): void;
  /** Closes the descriptor and deletes the file unless it was persisted; a no-op after the first call. */
  remove(): void;
  [Symbol.dispose](): void;
}

type State = 'open' | 'persisting' | 'persisted' | 'removed';

const OPTION_KEYS = ['dir', 'parent', 'prefix', 'suffix'];

/** Where and under which names the file is created. */
function placement(options: TempFileOptions | undefined): { dir: string; makeName: () => string } {
  const given = checkOptions(options, OPTION_KEYS, 'createTempFile');
  const prefix = assertSafeNamePart(given.prefix ?? 'tmp-', 'prefix');
  const suffix = assertSafeNamePart(given.suffix ?? '', 'suffix');
  return { dir: tempParent(given, tmpdir), makeName: () => `${prefix}${randomName()}${suffix}` };
}

function assertPersistable(state: State, path: string): void {
  if (state !== 'open') {
    // A programming error, like Node's own ERR_INVALID_STATE; the old name may already be someone else's.
    const message = `The temp file ${path} was already persisted or removed; it cannot be persisted.`;
    throw nodeError(Error, 'ERR_INVALID_STATE', message);
  }
}

function assertStillOurs(present: boolean, path: string): void {
  // Gone counts as changed: the name may already be someone else's by the time we link it.
  if (!present) throw changedError(path);
}

/**
 * Creates a new temp file with an unpredictable name and returns it open, so that
 * `await using file = await createTempFile()` closes and deletes it on scope exit.
 *
 * Security: the name carries 128 random bits; the file is created with `O_CREAT | O_EXCL` (and
 * `O_NOFOLLOW` where available), so a file or symlink planted at the name makes creation fail
 * instead of being followed; after `MAX_NAME_ATTEMPTS` such collisions it gives up. The mode is
 * 0600 from creation on and set explicitly through the descriptor. `persist` never clobbers an
 * existing destination unless asked to, and `persist`/`remove` refuse with `ERR_SECURE_FS_CHANGED`
 * when the temp path no longer names the file we created.
 *
 * @throws SecureFsError `ERR_SECURE_FS_INVALID_NAME` for a bad prefix or suffix,
 * `ERR_SECURE_FS_INVALID_ARG` for an unknown option key or a `dir` (alias `parent`) that is empty
 * or not a path,
 * `ERR_SECURE_FS_NAME_EXHAUSTED` when every attempted name was taken; `persist` and `remove`
 * throw `ERR_SECURE_FS_CHANGED` as described.
 */
export async function createTempFile(options?: TempFileOptions): Promise<TempFile> {
  const { dir, makeName } = placement(options);
  const { path, handle } = await createExclusive(dir, makeName, 0o600);
  let identity: EntryIdentity;
  try {
    identity = identityOf(await handle.stat());
  } catch (error) {
    await discard(handle, path, error);
    throw error;
  }
  let state: State = 'open';
  let removal: Promise<void> | undefined;

  const persist = async (destination: PathLike, { overwrite = false }: PersistOptions = {}): Promise<void> => {
    const dest = toPath(destination, 'destination');
    assertPersistable(state, path);
    state = 'persisting';
    try {
      await handle.sync();
      assertStillOurs(await isStillEntry(path, identity), path);
      if (overwrite) {
        await rename(path, dest);
      } else {
        await link(path, dest);
        await unlink(path);
      }
      await fsyncDir(dirname(dest));
      state = 'persisted';
    } catch (error) {
      // remove() re-checks identity, so going back to 'open' is safe whatever step failed.
      if (state === 'persisting') state = 'open';
      throw error;
    }
  };

  const release = async (wasPersisted: boolean): Promise<void> => {
    try {
      if (!wasPersisted && (await isStillEntry(path, identity))) await unlink(path);
    } finally {
      await handle.close();
    }
  };
  const remove = (): Promise<void> => {
    if (removal === undefined) {
      removal = release(state === 'persisted');
      state = 'removed';
    }
    return removal;
  };

  return Object.freeze({ path, handle, persist, remove, [Symbol.asyncDispose]: remove });
}

/**
 * The synchronous twin of {@link createTempFile}, for `using file = createTempFileSync()`.
 *
 * Security: the same guarantees as {@link createTempFile}.
 *
 * @throws SecureFsError the same codes as {@link createTempFile}.
 */
export function createTempFileSync(options?: TempFileOptions): TempFileSync {
  const { dir, makeName } = placement(options);
  const { path, fd } = createExclusiveSync(dir, makeName, 0o600);
  let identity: EntryIdentity;
  try {
    identity = identityOf(fstatSync(fd));
  } catch (error) {
    discardSync(fd, path, error);
    throw error;
  }
  let state: State = 'open';

  const persist = (destination: PathLike, { overwrite = false }: PersistOptions = {}): void => {
    const dest = toPath(destination, 'destination');
    assertPersistable(state, path);
    fsyncSync(fd);
    assertStillOurs(isStillEntrySync(path, identity), path);
    if (overwrite) {
      renameSync(path, dest);
    } else {
      linkSync(path, dest);
      unlinkSync(path);
    }
    fsyncDirSync(dirname(dest));
    state = 'persisted';
  };

  const remove = (): void => {
    if (state === 'removed') return;
    const wasPersisted = state === 'persisted';
    // Marked first: a closed descriptor number may be reused, so it must never be touched twice.
    state = 'removed';
    try {
      if (!wasPersisted && isStillEntrySync(path, identity)) unlinkSync(path);
    } finally {
      closeSync(fd);
    }
  };

  return Object.freeze({ path, fd, persist, remove, [Symbol.dispose]: remove });
}

/**
 * Runs `fn` with a fresh temp file and closes and deletes it afterwards (unless `fn` persisted
 * it), whether `fn` returns or throws.
 *
 * Security: the guarantees of {@link createTempFile}. The body's error is rethrown unchanged; if
 * cleanup fails as well, a `SuppressedError` (`error`: the cleanup failure, `suppressed`: the
 * body's error) is thrown, as `await using` would.
 */
export async function withTempFile<T>(fn: (file: TempFile) => T | Promise<T>, options?: TempFileOptions): Promise<T> {
  const file = await createTempFile(options);
  return useThenRelease(file, () => file.remove(), fn);
}
