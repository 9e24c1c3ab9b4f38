import type { Stats } from 'node:fs';
import process from 'node:process';

import { SecureFsError } from '../errors.js';

/** The effective uid, or undefined where the platform has none (Windows). */
export function currentUid(): number | undefined {
  return typeof process.geteuid === 'function' ? process.geteuid() : undefined;
}

export const GROUP_OTHER_BITS = 0o077;

export function describeMode(mode: number): string {
  return `0o${(mode & 0o7777).toString(8).padStart(3, '0')}`;
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
  if (stats.isSymbolicLink()) {
    throw new SecureFsError('ERR_SECURE_FS_SYMLINK', `${path} is a symbolic link; refusing to follow it.`, { path });
  }
}
