import type { Stats } from 'node:fs';
import { closeSync, fchmodSync, fstatSync, lstatSync, openSync } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

import { SecureFsError } from '../errors.js';
import { ignoreNotFound } from '../not-found.js';
import type { EntryIdentity } from './identity.js';
import {
  DIR_NO_FOLLOW_FLAGS,
  assertOwnedBy,
  changedError,
  identityOf,
  isDirOpenRefusal,
  sameFile,
  symlinkError,
} from './identity.js';

function notADirectory(path: string, cause?: unknown): SecureFsError {
  return new SecureFsError('ERR_SECURE_FS_WRONG_TYPE', `${path} is not a directory.`, { path, cause });
}

/** The entry itself (lstat, never followed) decides which refusal a failed open means. */
function refusal(stats: Stats | undefined, path: string, cause: unknown): unknown {
  if (stats === undefined) return cause;
  return stats.isSymbolicLink() ? symlinkError(path, { cause }) : notADirectory(path, cause);
}

function checkOwnDir(stats: Stats, path: string): EntryIdentity {
  if (!stats.isDirectory()) throw notADirectory(path);
  assertOwnedBy(stats, path);
  return identityOf(stats);
}

/**
 * Takes possession of a directory this process just created: refuses a symlink or anything that
 * is not a directory owned by the current user, sets mode 0700 through the descriptor, and
 * returns its identity. Exported for the attack tests, which plant links at the exact name.
 */
export async function adoptPrivateDir(path: string): Promise<EntryIdentity> {
  let handle;
  try {
    handle = await open(path, DIR_NO_FOLLOW_FLAGS);
  } catch (error) {
    if (!isDirOpenRefusal(error)) throw error;
    throw refusal(await lstat(path).catch(() => undefined), path, error);
  }
  try {
    const identity = checkOwnDir(await handle.stat(), path);
    await handle.chmod(0o700);
    return identity;
  } finally {
    await handle.close();
  }
}

export function adoptPrivateDirSync(path: string): EntryIdentity {
  let fd;
  try {
    fd = openSync(path, DIR_NO_FOLLOW_FLAGS);
  } catch (error) {
    if (!isDirOpenRefusal(error)) throw error;
    throw refusal(lstatSync(path, { throwIfNoEntry: false }), path, error);
  }
  try {
    const identity = checkOwnDir(fstatSync(fd), path);
    fchmodSync(fd, 0o700);
    return identity;
  } finally {
    closeSync(fd);
  }
}

/** `true` if `stats` still matches, `false` if the entry is gone; throws ERR_SECURE_FS_CHANGED otherwise. */
function matches(stats: Stats | undefined, identity: EntryIdentity, path: string): boolean {
  if (stats === undefined) return false;
  if (!sameFile(stats, identity)) throw changedError(path);
  return true;
}

/**
 * Whether `path` is still the entry we created (`true`) or is gone (`false`); anything else at
 * that name, a swapped-in symlink included, throws ERR_SECURE_FS_CHANGED. Never follows a link.
 */
export async function isStillEntry(path: string, identity: EntryIdentity): Promise<boolean> {
  return matches(await ignoreNotFound(lstat(path), undefined), identity, path);
}

export function isStillEntrySync(path: string, identity: EntryIdentity): boolean {
  return matches(lstatSync(path, { throwIfNoEntry: false }), identity, path);
}
