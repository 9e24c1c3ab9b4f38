import { closeSync, constants, fchmodSync, openSync, unlinkSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { SecureFsError, hasErrnoCode, suppressedError } from '../errors.js';
import { NO_FOLLOW } from './identity.js';
import { MAX_NAME_ATTEMPTS } from './names.js';

// O_EXCL with O_CREAT already fails on any existing entry, a symlink included (POSIX); O_NOFOLLOW
// is a second line of defence where the platform has it.
const EXCLUSIVE_FLAGS = constants.O_CREAT | constants.O_EXCL | NO_FOLLOW;

/**
 * Creates `path`, which must not exist in any form, and sets `mode` on the new descriptor: the
 * umask can only narrow the creation mode, the explicit `fchmod` makes the result exact.
 * Fails with `EEXIST` on anything at `path`; on a failed `fchmod` the new file is removed again.
 * `access` is `O_RDWR` or `O_WRONLY`.
 */
export async function openExclusive(path: string, mode: number, access = constants.O_RDWR): Promise<FileHandle> {
  const handle = await open(path, access | EXCLUSIVE_FLAGS, mode);
  try {
    await handle.chmod(mode);
  } catch (error) {
    await discard(handle, path, error);
    throw error;
  }
  return handle;
}

export function openExclusiveSync(path: string, mode: number, access = constants.O_RDWR): number {
  const fd = openSync(path, access | EXCLUSIVE_FLAGS, mode);
  try {
    fchmodSync(fd, mode);
  } catch (error) {
    discardSync(fd, path, error);
    throw error;
  }
  return fd;
}

/** Opens a fresh file in `dir` under a name from `makeName`, retrying only on `EEXIST`. */
export async function createExclusive(
  dir: string,
  makeName: () => string,
  mode: number,
): Promise<{ path: string; handle: FileHandle }> {
  for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
    const path = join(dir, makeName());
    try {
      return { path, handle: await openExclusive(path, mode) };
    } catch (error) {
      if (!hasErrnoCode(error, 'EEXIST')) throw error;
    }
  }
  throw exhausted(dir);
}

export function createExclusiveSync(dir: string, makeName: () => string, mode: number): { path: string; fd: number } {
  for (let attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
    const path = join(dir, makeName());
    try {
      return { path, fd: openExclusiveSync(path, mode) };
    } catch (error) {
      if (!hasErrnoCode(error, 'EEXIST')) throw error;
    }
  }
  throw exhausted(dir);
}

function exhausted(dir: string): SecureFsError {
  return new SecureFsError(
    'ERR_SECURE_FS_NAME_EXHAUSTED',
    `Could not create a fresh file in ${dir}: ${MAX_NAME_ATTEMPTS} random names in a row were already taken, ` +
      'which suggests that someone is pre-creating names there.',
    { path: dir },
  );
}

/**
 * Closes and unlinks a file this process created, after `cause` made it useless. A cleanup failure
 * is reported together with `cause` rather than hiding either.
 */
export async function discard(handle: FileHandle, path: string, cause: unknown): Promise<void> {
  try {
    await handle.close();
    await unlink(path);
  } catch (error) {
    if (!hasErrnoCode(error, 'ENOENT')) throw suppressedError(error, cause);
  }
}

export function discardSync(fd: number | undefined, path: string, cause: unknown): void {
  try {
    if (fd !== undefined) closeSync(fd);
    unlinkSync(path);
  } catch (error) {
    if (!hasErrnoCode(error, 'ENOENT')) throw suppressedError(error, cause);
  }
}
