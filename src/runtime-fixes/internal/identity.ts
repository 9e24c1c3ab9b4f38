// Who owns an entry, what it is, and whether it is still the one we saw: the checks and the
// refusals every helper shares, so that each is decided (and worded) in one place.
import { constants, type Stats } from 'node:fs';
import process from 'node:process';

import { SecureFsError, hasErrnoCode } from '../errors.js';

/** The effective uid, or undefined where the platform has none (Windows). */
export function currentUid(): number | undefined {
  return typeof process.geteuid === 'function' ? process.geteuid() : undefined;
}

export const GROUP_OTHER_BITS = 0o077;

export function describeMode(mode: number): string {
  return `0o${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/** Device and inode: what names a file, whatever its path or metadata. */
export interface EntryIdentity {
  readonly dev: number;
  readonly ino: number;
}

export function identityOf(stats: Stats): EntryIdentity {
  return { dev: stats.dev, ino: stats.ino };
}

/** Same device and inode: the same file, whatever its name or metadata. */
export function sameFile(a: EntryIdentity, b: EntryIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** `O_NOFOLLOW`, or 0 where the platform has none (Windows): callers then fall back to lstat/fstat checks. */
export const NO_FOLLOW: number = constants.O_NOFOLLOW ?? 0;

/** What open(2) reports for a symlink at the final component under O_NOFOLLOW (FreeBSD says EMLINK). */
export function isNoFollowRefusal(error: unknown): boolean {
  return hasErrnoCode(error, 'ELOOP') || (process.platform === 'freebsd' && hasErrnoCode(error, 'EMLINK'));
}

// Opening the directory itself (never a link to one) lets every later check and the chmod act on
// the same inode, whatever happens to the name meanwhile.
export const DIR_NO_FOLLOW_FLAGS: number = constants.O_RDONLY | (constants.O_DIRECTORY ?? 0) | NO_FOLLOW;

/**
 * What a `DIR_NO_FOLLOW_FLAGS` open reports for anything but a plain directory: with O_DIRECTORY,
 * Linux says ENOTDIR for a symlink as for a file, so only an lstat can tell which it was.
 */
export function isDirOpenRefusal(error: unknown): boolean {
  return isNoFollowRefusal(error) || hasErrnoCode(error, 'ENOTDIR');
}

/** `ERR_SECURE_FS_SYMLINK`; `syscall` and `cause` when an open refused the link rather than an lstat. */
export function symlinkError(path: string, options: { syscall?: string; cause?: unknown } = {}): SecureFsError {
  return new SecureFsError('ERR_SECURE_FS_SYMLINK', `${path} is a symbolic link; refusing to follow it.`, { path, ...options });
}

// Deliberately generic: which property changed is for the server log, not for whoever reads the error.
export function changedError(path: string, cause?: unknown): SecureFsError {
  return new SecureFsError('ERR_SECURE_FS_CHANGED', `${path} changed between check and use; refusing to use it.`, {
    path,
    cause,
  });
}

/** Throws unless `stats` (from `lstat`/`fstat`) belongs to `uid`; a no-op where uids do not exist. */
export function assertOwnedBy(stats: Stats, path: string, uid: number | undefined = currentUid()): void {
  if (uid !== undefined && stats.uid !== uid) {
    throw new SecureFsError(
      'ERR_SECURE_FS_NOT_OWNER',
      `${path} is owned by uid ${stats.uid}, not by the current user (uid ${uid}); refusing to use it.`,
      { path },
    );
  }
}

export function assertNotSymlink(stats: Stats, path: string): void {
  if (stats.isSymbolicLink()) throw symlinkError(path);
}
