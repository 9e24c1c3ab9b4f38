import type { PathLike } from 'node:fs';

import { ensurePrivateDirAs, ensurePrivateDirAsSync } from './internal/private-dir-impl.js';
import { currentUid } from './internal/identity.js';
import { toPath } from './internal/validate.js';

/** Options of {@link ensurePrivateDir}. */
export interface EnsurePrivateDirOptions {
  /** Create the directory (mode 0700) when it is missing. Default `true`; `false` only verifies and tightens. */
  create?: boolean;
}

/** What {@link ensurePrivateDir} found and did; a frozen object. */
export interface PrivateDir {
  /** The absolute path of the directory. */
  readonly path: string;
  /** `true` when this call created the directory. */
  readonly created: boolean;
  /** `true` when group/other permission bits were found and removed (mode set to 0700). */
  readonly tightened: boolean;
}

/**
 * Makes sure `dir` is a directory only the current user can use: creates it with mode 0700 when
 * missing, refuses a symlink, a non-directory and a directory owned by another user, and removes
 * group/other permission bits it finds (`chmod 0700`).
 *
 * Missing parents are created too (mode 0700, narrowed by the umask), but only the final directory
 * is checked and tightened: the parents must be trustworthy already (your home directory, a
 * runtime directory). With `create: false` a missing directory rejects with Node's `ENOENT`.
 *
 * Security: the directory is never followed through a symlink. After the `lstat` checks it is opened
 * with `O_DIRECTORY | O_NOFOLLOW`, and the descriptor must be the same file (device and inode)
 * before its owner is re-checked and its mode changed through the descriptor (`fchmod`), so a symlink or
 * directory swapped in between cannot redirect the `chmod`. On Windows only the type checks
 * apply (no symlink or junction, a real directory): permissions there are ACLs, which this helper
 * neither reads nor changes.
 *
 * @throws {SecureFsError} `ERR_SECURE_FS_SYMLINK`, `ERR_SECURE_FS_WRONG_TYPE`, `ERR_SECURE_FS_NOT_OWNER`,
 *   `ERR_SECURE_FS_CHANGED` (swapped during the check), `ERR_SECURE_FS_INVALID_NAME` (empty path);
 *   Node's own errors (`ENOENT`, `EACCES`, …) pass through unchanged.
 */
export async function ensurePrivateDir(dir: PathLike, options: EnsurePrivateDirOptions = {}): Promise<PrivateDir> {
  return ensurePrivateDirAs(toPath(dir, 'directory'), { create: options.create ?? true, uid: currentUid() });
}

/**
 * Synchronous twin of {@link ensurePrivateDir}, with the same checks and errors.
 *
 * Security: as {@link ensurePrivateDir}: no symlink is followed, and the mode is changed through
 * a descriptor verified to be the checked directory.
 */
export function ensurePrivateDirSync(dir: PathLike, options: EnsurePrivateDirOptions = {}): PrivateDir {
  return ensurePrivateDirAsSync(toPath(dir, 'directory'), { create: options.create ?? true, uid: currentUid() });
}
