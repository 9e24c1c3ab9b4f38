// Race-free replacements for check-then-use patterns (rule `no-check-then-use`): either skip the
// check and let one atomic operation decide, or verify that what was checked is still what is used.
import { closeSync, constants, fstatSync, lstatSync, rmSync, unlinkSync, writeFileSync, type PathLike, type Stats } from 'node:fs';
import { lstat, rm, unlink, type FileHandle } from 'node:fs/promises';

import { hasErrnoCode, suppressedError } from './errors.js';
import { DEFAULT_CREATE_MODE, openGuarded, openGuardedSync } from './internal/no-follow-open.js';
import { openExclusive, openExclusiveSync } from './internal/exclusive-file.js';
import { changedError, sameFile } from './internal/identity.js';
import {
  assertSnapshot,
  describeChanges,
  finalComponentPath,
  isVanished,
  toSnapshot,
  type PathSnapshot,
} from './internal/race-free-shared.js';
import { checkOptions, fileMode, toPath } from './internal/validate.js';

export type { PathSnapshot } from './internal/race-free-shared.js';

/** Options of {@link assertUnchanged} and {@link assertUnchangedSync}. */
export interface AssertUnchangedOptions {
  /** Receives what changed (e.g. `/srv/app/key: mode 0o600 → 0o644`) for the server log. */
  log?: (detail: string) => void;
}

/** Options of {@link createOrFail} and {@link createOrFailSync}. */
export interface CreateOrFailOptions {
  /**
   * Permission bits of the new file, applied with fchmod so the umask cannot widen or narrow them.
   * Default `0o600`; an integer up to `0o777`, or up to `0o7777` with `allowSpecialModeBits`.
   */
  mode?: number;
  /** Accept setuid, setgid and sticky bits in `mode`. Default `false`. */
  allowSpecialModeBits?: boolean;
}

/**
 * Opens `path` refusing a symlink at its final component, and returns the handle with its `fstat`
 * so that every later check and use works on the descriptor, not on the name.
 *
 * `flags` is an `fs.open` flag string (`'r'`, `'r+'`, `'w'`, `'wx'`, `'a'`, …) or a number;
 * `O_NOFOLLOW` is added either way. `mode` (default `0o600`, narrowed by the umask as usual)
 * applies when the open creates the file.
 * Trailing separators are ignored, since `link/` would make the kernel follow `link`.
 *
 * Security: a symlink at the final component is never followed, so `'w'` cannot truncate and
 * `'r'` cannot read a file an attacker pointed the name at; it fails with `ERR_SECURE_FS_SYMLINK`.
 * Where the platform has no `O_NOFOLLOW` (Windows) the entry is `lstat`ed before the open and its
 * device and inode compared with the descriptor's afterwards, failing with `ERR_SECURE_FS_CHANGED`;
 * there a swap inside that window can still make an open with `'w'` truncate the target before
 * the mismatch is detected. Symlinks in parent directories are followed as usual.
 *
 * @throws SecureFsError `ERR_SECURE_FS_SYMLINK`, `ERR_SECURE_FS_CHANGED`; `ERR_SECURE_FS_INVALID_ARG` for a
 * path that is not a string, Buffer or file: URL or a mode outside 0–0o7777, `ERR_SECURE_FS_INSECURE_MODE`
 * for setuid, setgid or sticky bits in `mode`; TypeError `ERR_INVALID_ARG_VALUE` for an unknown flag
 * string; the Node error of the open otherwise.
 */
export async function openNoFollow(
  path: PathLike,
  flags: string | number,
  mode?: number,
): Promise<{ handle: FileHandle; stat: Stats }> {
  return openGuarded(toPath(path), flags, openMode(mode));
}

/**
 * Synchronous {@link openNoFollow}: returns the file descriptor, which the caller must close.
 *
 * Security: as {@link openNoFollow}.
 *
 * @throws SecureFsError `ERR_SECURE_FS_SYMLINK`, `ERR_SECURE_FS_CHANGED`; TypeError `ERR_INVALID_ARG_VALUE`
 * for an unknown flag string; the Node error of the open otherwise.
 */
export function openNoFollowSync(path: PathLike, flags: string | number, mode?: number): { fd: number; stat: Stats } {
  return openGuardedSync(toPath(path), flags, openMode(mode));
}

// open(2) applies setuid/setgid bits too, so they are refused here as well; fchmod what must have them.
const openMode = (mode: number | undefined): number | undefined => (mode === undefined ? undefined : fileMode(mode, 'The mode'));

/**
 * Records device, inode, owner, group and mode (type and permission bits) of `path` via `lstat`,
 * as a frozen object to hand to {@link assertUnchanged} right before the path is used.
 *
 * Security: `lstat` describes a symlink itself, so a symlink swapped in later shows up as a
 * change of inode and type rather than being looked through.
 *
 * @throws the Node error of `lstat` (e.g. `ENOENT`).
 */
export async function snapshotPath(path: PathLike): Promise<PathSnapshot> {
  return toSnapshot(await lstat(finalComponentPath(toPath(path))));
}

/**
 * Synchronous {@link snapshotPath}.
 *
 * Security: as {@link snapshotPath}.
 *
 * @throws the Node error of `lstat` (e.g. `ENOENT`).
 */
export function snapshotPathSync(path: PathLike): PathSnapshot {
  return toSnapshot(lstatSync(finalComponentPath(toPath(path))));
}

function verify(path: string, snapshot: PathSnapshot, current: Stats, log: AssertUnchangedOptions['log']): void {
  const changes = describeChanges(snapshot, toSnapshot(current));
  if (changes.length === 0) return;
  log?.(`${path}: ${changes.join(', ')}`);
  throw changedError(path);
}

function vanished(path: string, error: NodeJS.ErrnoException, log: AssertUnchangedOptions['log']): Error {
  log?.(`${path}: no longer exists (${error.code})`);
  return changedError(path, error);
}

/**
 * Verifies that `path` still has the identity recorded by {@link snapshotPath}; throws otherwise.
 * Removal of the path counts as a change (the `ENOENT`/`ENOTDIR` becomes the error's `cause`).
 *
 * Security: a different device, inode, owner, group, file type or mode fails with
 * `ERR_SECURE_FS_CHANGED`, whose message deliberately does not say which property changed, so an
 * error that reaches a client or a less trusted log does not tell an attacker which trick was
 * noticed; the detail goes to `options.log` only. The check narrows the window between check and
 * use to the time between this call and the use: prefer working on a descriptor from
 * {@link openNoFollow} where the operation allows it.
 *
 * @throws SecureFsError `ERR_SECURE_FS_CHANGED`; `ERR_SECURE_FS_INVALID_ARG` for a `snapshot` that
 * `snapshotPath` did not make; the Node error of `lstat` otherwise (e.g. `EACCES`).
 */
export async function assertUnchanged(
  path: PathLike,
  snapshot: PathSnapshot,
  options: AssertUnchangedOptions = {},
): Promise<void> {
  const target = finalComponentPath(toPath(path));
  assertSnapshot(snapshot);
  let current: Stats;
  try {
    current = await lstat(target);
  } catch (error) {
    if (isVanished(error)) throw vanished(target, error, options.log);
    throw error;
  }
  verify(target, snapshot, current, options.log);
}

/**
 * Synchronous {@link assertUnchanged}.
 *
 * Security: as {@link assertUnchanged}.
 *
 * @throws SecureFsError `ERR_SECURE_FS_CHANGED`; the Node error of `lstat` otherwise (e.g. `EACCES`).
 */
export function assertUnchangedSync(path: PathLike, snapshot: PathSnapshot, options: AssertUnchangedOptions = {}): void {
  const target = finalComponentPath(toPath(path));
  assertSnapshot(snapshot);
  let current: Stats;
  try {
    current = lstatSync(target);
  } catch (error) {
    if (isVanished(error)) throw vanished(target, error, options.log);
    throw error;
  }
  verify(target, snapshot, current, options.log);
}

function createMode(options: CreateOrFailOptions): number {
  const { mode = DEFAULT_CREATE_MODE, allowSpecialModeBits = false } = checkOptions(options, ['mode', 'allowSpecialModeBits'], 'createOrFail');
  return fileMode(mode, 'The mode', { allowSpecial: allowSpecialModeBits === true });
}

const CREATED = Object.freeze({ created: true });
const NOT_CREATED = Object.freeze({ created: false });

// Removes the file this call created, but only if the name still points at it: a name an attacker
// re-pointed in the meantime is left alone.
async function discardCreated(path: string, handle: FileHandle): Promise<void> {
  try {
    if (sameFile(await handle.stat(), await lstat(path))) await unlink(path);
  } finally {
    await handle.close();
  }
}

function discardCreatedSync(path: string, fd: number): void {
  try {
    if (sameFile(fstatSync(fd), lstatSync(path))) unlinkSync(path);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates `path` with `data` only if nothing exists there, in one exclusive open (`'wx'` plus
 * `O_NOFOLLOW`), and says whether it did: the race-free form of `if (!existsSync(p)) writeFileSync(p, d)`.
 * When the write fails, the file just created is removed again and the error rethrown.
 *
 * Security: an existing entry, including a symlink (dangling or not), yields `{ created: false }`
 * and is neither followed, opened nor modified. The new file gets `options.mode` (default `0o600`)
 * via `fchmod` on the descriptor, independent of the umask.
 *
 * @throws the Node error of the open (other than `EEXIST`) or of the write.
 */
export async function createOrFail(
  path: PathLike,
  data: string | Uint8Array,
  options: CreateOrFailOptions = {},
): Promise<{ created: boolean }> {
  const target = finalComponentPath(toPath(path));
  const mode = createMode(options);
  let handle: FileHandle;
  try {
    handle = await openExclusive(target, mode, constants.O_WRONLY);
  } catch (error) {
    if (hasErrnoCode(error, 'EEXIST')) return NOT_CREATED;
    throw error;
  }
  try {
    await handle.writeFile(data);
  } catch (error) {
    try {
      await discardCreated(target, handle);
    } catch (cleanupError) {
      throw suppressedError(cleanupError, error);
    }
    throw error;
  }
  await handle.close();
  return CREATED;
}

/**
 * Synchronous {@link createOrFail}.
 *
 * Security: as {@link createOrFail}.
 *
 * @throws the Node error of the open (other than `EEXIST`) or of the write.
 */
export function createOrFailSync(
  path: PathLike,
  data: string | Uint8Array,
  options: CreateOrFailOptions = {},
): { created: boolean } {
  const target = finalComponentPath(toPath(path));
  const mode = createMode(options);
  let fd: number;
  try {
    fd = openExclusiveSync(target, mode, constants.O_WRONLY);
  } catch (error) {
    if (hasErrnoCode(error, 'EEXIST')) return NOT_CREATED;
    throw error;
  }
  try {
    writeFileSync(fd, data);
  } catch (error) {
    try {
      discardCreatedSync(target, fd);
    } catch (cleanupError) {
      throw suppressedError(cleanupError, error);
    }
    throw error;
  }
  closeSync(fd);
  return CREATED;
}

/**
 * Removes `path` if it exists and says whether it did: `fs.rm` with `ENOENT` meaning `false`
 * instead of a prior existence check. Directories are removed recursively.
 *
 * Security: a symlink at the final component is removed itself; its target is never touched
 * (trailing separators are ignored so `link/` cannot make it resolve). Inside a directory,
 * `fs.rm` `lstat`s each entry and unlinks symlinks rather than descending into them. Like `fs.rm`
 * (and `rm -rf`), recursive removal is not atomic: the tree must not be writable by an attacker
 * while it runs, or an entry swapped for a symlink between the `lstat` and the descent can
 * redirect it. Every error other than `ENOENT` (`EACCES`, `EPERM`, `ENOTDIR`, `EBUSY`, …) is rethrown.
 *
 * @throws the Node error of the removal, except `ENOENT`.
 */
export async function removeIfExists(path: PathLike): Promise<boolean> {
  const target = finalComponentPath(toPath(path));
  try {
    await rm(target, { recursive: true });
    return true;
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return false;
    throw error;
  }
}

/**
 * Synchronous {@link removeIfExists}.
 *
 * Security: as {@link removeIfExists}.
 *
 * @throws the Node error of the removal, except `ENOENT`.
 */
export function removeIfExistsSync(path: PathLike): boolean {
  const target = finalComponentPath(toPath(path));
  try {
    rmSync(target, { recursive: true });
    return true;
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return false;
    throw error;
  }
}
