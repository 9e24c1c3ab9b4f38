import type { Stats } from 'node:fs';
import { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

import { SecureFsError, hasErrnoCode } from '../errors.js';
import { assertOwnedBy } from './identity.js';

/** What a path pointed to when we created it. */
export interface EntryIdentity {
  readonly dev: number;
  readonly ino: number;
}

export function identityOf(stats: Stats): EntryIdentity {
  return { dev: stats.dev, ino: stats.ino };
}

// Opening the directory itself (never a link to one) lets every later check and the chmod act on
// the same inode, whatever happens to the name meanwhile.
const DIR_FLAGS = constants.O_RDONLY | (constants.O_DIRECTORY ?? 0) | (constants.O_NOFOLLOW ?? 0);

// With O_DIRECTORY | O_NOFOLLOW, Linux reports a symlink as ENOTDIR and others as ELOOP, so
// the entry itself (lstat, never followed) decides which refusal to report.
const NOT_A_PLAIN_DIR = ['ELOOP', 'ENOTDIR'];

function refusal(stats: Stats | undefined, path: string, cause: unknown): unknown {
  if (stats === undefined) return cause;
  const options = { path, cause };
  return stats.isSymbolicLink()
    ? new SecureFsError('ERR_SECURE_FS_SYMLINK', `${path} is a symbolic link; refusing to follow it.`, options)
    : new SecureFsError('ERR_SECURE_FS_WRONG_TYPE', `${path} is not a directory.`, options);
}

function checkOwnDir(stats: Stats, path: string): EntryIdentity {
  if (!stats.isDirectory()) {
    throw new SecureFsError('ERR_SECURE_FS_WRONG_TYPE', `${path} is not a directory.`, { path });
  }
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
    handle = await open(path, DIR_FLAGS);
  } catch (error) {
    if (!hasErrnoCode(error, ...NOT_A_PLAIN_DIR)) throw error;
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
    fd = openSync(path, DIR_FLAGS);
  } catch (error) {
    if (!hasErrnoCode(error, ...NOT_A_PLAIN_DIR)) throw error;
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

/** `true` if `stats` (or its absence) still matches; throws ERR_SECURE_FS_CHANGED otherwise. */
function matches(stats: Stats | undefined, identity: EntryIdentity, path: string): boolean {
  if (stats === undefined) return false;
  if (stats.dev !== identity.dev || stats.ino !== identity.ino) {
    // Deliberately generic: the caller may be showing this to someone who should not learn more.
    const message = `${path} was replaced after it was created; refusing to touch it.`;
    throw new SecureFsError('ERR_SECURE_FS_CHANGED', message, { path });
  }
  return true;
}

/**
 * Whether `path` is still the entry we created (`true`) or is gone (`false`); anything else at
 * that name, a swapped-in symlink included, throws ERR_SECURE_FS_CHANGED. Never follows a link.
 */
export async function isStillEntry(path: string, identity: EntryIdentity): Promise<boolean> {
  let stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    if (!hasErrnoCode(error, 'ENOENT')) throw error;
  }
  return matches(stats, identity, path);
}

export function isStillEntrySync(path: string, identity: EntryIdentity): boolean {
  return matches(lstatSync(path, { throwIfNoEntry: false }), identity, path);
}
