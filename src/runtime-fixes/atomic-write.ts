import type { PathLike, Stats } from 'node:fs';
import { closeSync, fsyncSync, lstatSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { lstat, realpath, rename, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

import { SecureFsError } from './errors.js';
import { createExclusive, createExclusiveSync, discard, discardSync } from './internal/exclusive-file.js';
import { fsyncDir, fsyncDirSync } from './internal/fsync-dir.js';
import { assertNotSymlink } from './internal/identity.js';
import { randomName } from './internal/names.js';
import { checkOptions, fileMode, oneOf, toPath } from './internal/validate.js';
import { ignoreNotFound } from './not-found.js';

/** Options of {@link writeFileAtomic} and {@link writeFileAtomicSync}. */
export interface WriteFileAtomicOptions {
  /**
   * Permission bits of the result: an integer up to `0o777`, or up to `0o7777` with
   * `allowSpecialModeBits`. Default: those of the file being replaced (without setuid, setgid
   * and sticky bits), else 0600.
   */
  mode?: number;
  /** Accept setuid, setgid and sticky bits in `mode`. Default `false`: one mistyped digit run as root would make a setuid file. */
  allowSpecialModeBits?: boolean;
  /** Encoding of string data; default `'utf8'`. */
  encoding?: BufferEncoding;
  /** fsync the file before and its directory after the rename; default `true`. */
  fsync?: boolean;
  /**
   * What to do when `path` is a symbolic link: `'refuse'` (default) throws ERR_SECURE_FS_SYMLINK;
   * `'write-through'` atomically replaces the file the link resolves to and keeps the link. Use it
   * only for links you control: whoever can plant the link chooses the file that gets replaced.
   */
  onSymlink?: 'refuse' | 'write-through';
}

interface Target {
  readonly path: string;
  readonly mode: number;
}

const OPTION_KEYS = ['mode', 'allowSpecialModeBits', 'encoding', 'fsync', 'onSymlink'];

/** The options with `mode` and `onSymlink` checked: a misspelt value must fail, never fall back. */
function checked(options: WriteFileAtomicOptions): WriteFileAtomicOptions {
  const given = checkOptions(options, OPTION_KEYS, 'writeFileAtomic');
  oneOf(given.onSymlink, ['refuse', 'write-through'], 'onSymlink');
  if (given.mode !== undefined) fileMode(given.mode, 'The mode', { allowSpecial: given.allowSpecialModeBits === true });
  return given;
}

function followsLinks(options: WriteFileAtomicOptions): boolean {
  return options.onSymlink === 'write-through';
}

function describeTarget(path: string, stats: Stats | undefined, options: WriteFileAtomicOptions): Target {
  if (stats !== undefined && !stats.isFile()) {
    const message = `${path} exists and is not a regular file; refusing to replace it.`;
    throw new SecureFsError('ERR_SECURE_FS_WRONG_TYPE', message, { path });
  }
  // Setuid/setgid/sticky bits are dropped: a rewritten file is new content that nobody vetted.
  return { path, mode: options.mode ?? (stats === undefined ? 0o600 : stats.mode & 0o777) };
}

async function resolveTarget(path: string, options: WriteFileAtomicOptions): Promise<Target> {
  const stats = await ignoreNotFound(lstat(path), undefined);
  if (stats?.isSymbolicLink() !== true) return describeTarget(path, stats, options);
  if (!followsLinks(options)) assertNotSymlink(stats, path);
  const real = await realpath(path);
  return describeTarget(real, await stat(real), options);
}

function resolveTargetSync(path: string, options: WriteFileAtomicOptions): Target {
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (stats?.isSymbolicLink() !== true) return describeTarget(path, stats, options);
  if (!followsLinks(options)) assertNotSymlink(stats, path);
  const real = realpathSync(path);
  return describeTarget(real, statSync(real), options);
}

/** A hidden sibling, so that the rename stays inside one directory and thus one file system. */
function tempNameFor(target: string): () => string {
  const base = basename(target).slice(0, 96);
  return () => `.${base}.${randomName()}.tmp`;
}

/**
 * Replaces the file at `path` with `data` so that readers and a crash see either the complete old
 * content or the complete new content, never a mix.
 *
 * Security: the data goes to a new sibling with a random name, created with `O_CREAT | O_EXCL`
 * (never through a planted file or link) and mode 0600 or `options.mode` from the start, so it is
 * never more readable than the result; it is fsynced, renamed over `path` and the directory is
 * fsynced. Any failure before the rename removes the temp file. A symlink at `path` is refused by
 * default; since rename replaces a link rather than following it, a link planted after the check
 * is replaced, and its target is never written. Concurrent writers each use their own temp file:
 * the last rename wins and no reader sees a torn file. A file killed mid-write (SIGKILL, power
 * loss) can leave one `.<name>.<random>.tmp` sibling behind, never a damaged target.
 *
 * @throws SecureFsError `ERR_SECURE_FS_SYMLINK` for a symlink at `path` (unless `'write-through'`),
 * `ERR_SECURE_FS_WRONG_TYPE` if `path` is not a regular file, `ERR_SECURE_FS_NAME_EXHAUSTED` if
 * no fresh temp name could be created, `ERR_SECURE_FS_INSECURE_MODE` for setuid, setgid or sticky
 * bits without `allowSpecialModeBits`, `ERR_SECURE_FS_INVALID_ARG` for a bad path, option key,
 * `onSymlink` value or a mode outside 0–0o7777.
 */
export async function writeFileAtomic(
  path: PathLike,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const given = checked(options);
  const { fsync = true, encoding = 'utf8' } = given;
  const target = await resolveTarget(toPath(path), given);
  const dir = dirname(target.path);
  const temp = await createExclusive(dir, tempNameFor(target.path), target.mode);
  try {
    await temp.handle.writeFile(data, { encoding });
    if (fsync) await temp.handle.sync();
    await temp.handle.close();
    await rename(temp.path, target.path);
  } catch (error) {
    await discard(temp.handle, temp.path, error);
    throw error;
  }
  if (fsync) await fsyncDir(dir);
}

/**
 * The synchronous twin of {@link writeFileAtomic}.
 *
 * Security: the same guarantees as {@link writeFileAtomic}.
 *
 * @throws SecureFsError the same codes as {@link writeFileAtomic}.
 */
export function writeFileAtomicSync(
  path: PathLike,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): void {
  const given = checked(options);
  const { fsync = true, encoding = 'utf8' } = given;
  const target = resolveTargetSync(toPath(path), given);
  const dir = dirname(target.path);
  const temp = createExclusiveSync(dir, tempNameFor(target.path), target.mode);
  let fd: number | undefined = temp.fd;
  try {
    writeFileSync(fd, data, { encoding });
    if (fsync) fsyncSync(fd);
    // Forget the descriptor before closing: after a failed close its number may already be reused.
    const closing = fd;
    fd = undefined;
    closeSync(closing);
    renameSync(temp.path, target.path);
  } catch (error) {
    discardSync(fd, temp.path, error);
    throw error;
  }
  if (fsync) fsyncDirSync(dir);
}
