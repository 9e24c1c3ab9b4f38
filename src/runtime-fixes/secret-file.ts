import type { PathLike, Stats } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';

import { SecureFsError } from './errors.js';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';
import {
  GROUP_OTHER_BITS,
  NO_FOLLOW,
  assertOwnedBy,
  currentUid,
  describeMode,
  isNoFollowRefusal,
  symlinkError,
} from './internal/identity.js';
import { toPath } from './internal/validate.js';

/** Options of {@link writeSecretFile} and {@link writeSecretFileSync}. */
export interface WriteSecretFileOptions {
  /** Encoding of string data; default `'utf8'`. */
  encoding?: BufferEncoding;
  /** fsync the file and its directory; default `true`. */
  fsync?: boolean;
}

/** Options of {@link readSecretFile} and {@link readSecretFileSync}. */
export interface ReadSecretFileOptions {
  /** Return a string in this encoding instead of a Buffer. */
  encoding?: BufferEncoding;
  /** Also accept group read permission (mode 0640), for files shared with a service group. */
  allowGroupRead?: boolean;
}

/**
 * Writes a secret (key, token, machine secret) to `path`, atomically replacing any previous file.
 *
 * Security: the content is never readable by another user at any moment: it is written to a
 * sibling created exclusively with mode 0600 from the start, fsynced and renamed into place, so
 * there is no window between creating and narrowing the mode. The result is 0600 even if the old
 * file was wider. A symlink at `path` is refused. Built on {@link writeFileAtomic}.
 *
 * @throws SecureFsError `ERR_SECURE_FS_SYMLINK`, `ERR_SECURE_FS_WRONG_TYPE`, `ERR_SECURE_FS_NAME_EXHAUSTED`.
 */
export async function writeSecretFile(
  path: PathLike,
  data: string | Uint8Array,
  options: WriteSecretFileOptions = {},
): Promise<void> {
  await writeFileAtomic(path, data, { ...options, mode: 0o600, onSymlink: 'refuse' });
}

/**
 * The synchronous twin of {@link writeSecretFile}.
 *
 * Security: the same guarantees as {@link writeSecretFile}.
 *
 * @throws SecureFsError the same codes as {@link writeSecretFile}.
 */
export function writeSecretFileSync(
  path: PathLike,
  data: string | Uint8Array,
  options: WriteSecretFileOptions = {},
): void {
  writeFileAtomicSync(path, data, { ...options, mode: 0o600, onSymlink: 'refuse' });
}

// O_NONBLOCK: opening a planted FIFO must fail the type check, not hang until someone writes.
const READ_FLAGS = constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0);

function openError(error: unknown, path: string): unknown {
  return isNoFollowRefusal(error) ? symlinkError(path, { syscall: 'open', cause: error }) : error;
}

/** The checks daemons such as sshd apply to their key files, on the opened file itself. */
function checkSecret(stats: Stats, path: string, options: ReadSecretFileOptions): void {
  if (!stats.isFile()) {
    const message = `${path} is not a regular file; refusing to read it as a secret.`;
    throw new SecureFsError('ERR_SECURE_FS_WRONG_TYPE', message, { path });
  }
  assertOwnedBy(stats, path);
  // Without uids (Windows) the mode bits are synthetic and say nothing about who can read the file.
  if (currentUid() === undefined) return;
  const allowed = options.allowGroupRead === true ? 0o040 : 0;
  if ((stats.mode & GROUP_OTHER_BITS & ~allowed) !== 0) {
    const fix = options.allowGroupRead === true ? 'chmod 640' : 'chmod 600';
    throw new SecureFsError(
      'ERR_SECURE_FS_INSECURE_MODE',
      `${path} has mode ${describeMode(stats.mode)}, which lets other users access a secret; ` +
        `restrict it with \`${fix} ${path}\` (and replace the secret if others may have read it).`,
      { path },
    );
  }
}

/**
 * Reads a secret file after checking that nobody else could have read or changed it.
 *
 * Security: the file is opened without following a final symlink, and every check runs on the
 * opened descriptor (`fstat`), so the file read is the file checked: it must be a regular file
 * owned by the current user with no group or other permission bits (with `allowGroupRead`,
 * exactly group read is tolerated).
 *
 * @throws SecureFsError `ERR_SECURE_FS_SYMLINK`, `ERR_SECURE_FS_WRONG_TYPE`, `ERR_SECURE_FS_NOT_OWNER`,
 * `ERR_SECURE_FS_INSECURE_MODE` (its message says which `chmod` fixes it).
 */
export async function readSecretFile(
  path: PathLike,
  options: ReadSecretFileOptions & { encoding: BufferEncoding },
): Promise<string>;
export async function readSecretFile(path: PathLike, options?: ReadSecretFileOptions): Promise<Buffer>;
export async function readSecretFile(given: PathLike, options: ReadSecretFileOptions = {}): Promise<Buffer | string> {
  const path = toPath(given);
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    throw openError(error, path);
  }
  try {
    checkSecret(await handle.stat(), path, options);
    const content = await handle.readFile();
    return options.encoding === undefined ? content : content.toString(options.encoding);
  } finally {
    await handle.close();
  }
}

/**
 * The synchronous twin of {@link readSecretFile}.
 *
 * Security: the same guarantees as {@link readSecretFile}.
 *
 * @throws SecureFsError the same codes as {@link readSecretFile}.
 */
export function readSecretFileSync(path: PathLike, options: ReadSecretFileOptions & { encoding: BufferEncoding }): string;
export function readSecretFileSync(path: PathLike, options?: ReadSecretFileOptions): Buffer;
export function readSecretFileSync(given: PathLike, options: ReadSecretFileOptions = {}): Buffer | string {
  const path = toPath(given);
  let fd;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    throw openError(error, path);
  }
  try {
    checkSecret(fstatSync(fd), path, options);
    const content = readFileSync(fd);
    return options.encoding === undefined ? content : content.toString(options.encoding);
  } finally {
    closeSync(fd);
  }
}
