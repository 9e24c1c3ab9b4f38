// Root-confined file access (rule `no-path-traversal`): a name that arrives from outside (a
// route parameter, an upload's file name, an archive entry) is opened only if it stays inside a
// root directory, by `..` and by symlinks alike, in the manner of Go's `os.Root`.
import { closeSync, constants, mkdirSync, readFileSync, realpathSync, type ReadStream, type Stats } from 'node:fs';
import { lstat, mkdir, realpath, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';

import { writeFileAtomic, writeFileAtomicSync, type WriteFileAtomicOptions } from './atomic-write.js';
import { SecureFsError, hasErrnoCode } from './errors.js';
import { DIR_NO_FOLLOW_FLAGS } from './internal/identity.js';
import { openTarget, openTargetSync } from './internal/inside-open.js';
import { componentsOf, type InsideTarget, notDirectoryError, targetOf } from './internal/inside-root.js';
import { DEFAULT_CREATE_MODE } from './internal/no-follow-open.js';

/** Options of {@link writeFileInside} and {@link writeFileInsideSync}: those of the atomic write, which never follows a final symlink. */
export type WriteFileInsideOptions = Omit<WriteFileAtomicOptions, 'onSymlink'>;

/** Options of {@link readFileInside} and {@link readFileInsideSync}. */
export interface ReadFileInsideOptions {
  /** Return a string in this encoding instead of a Buffer. */
  encoding?: BufferEncoding;
}

// Reads and stats never block on a FIFO planted under the root.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The absolute path `name` denotes inside `root`, computed lexically (no file-system access,
 * symlinks are not looked at): use it to name a file in a message or a log, and open through
 * {@link openInside} and its siblings, which also refuse symlinks.
 *
 * Security: refuses, with `ERR_SECURE_FS_OUTSIDE_ROOT`, a `..` that climbs above the root,
 * absolute names (`/etc/passwd`, `C:\x`, `C:x`, `\\server\share`), backslashes (Windows
 * separators, refused on every platform) and NUL bytes. `a/../b` is `b`. Nothing is decoded or
 * normalised silently: `%2e%2e%2f` is an ordinary file name, so decode before calling, once.
 *
 * @throws SecureFsError `ERR_SECURE_FS_OUTSIDE_ROOT`; `ERR_SECURE_FS_INVALID_NAME` for a name that is not a string.
 */
export function resolveInside(root: string, name: string): string {
  const base = resolve(root);
  return targetOf(base, componentsOf(base, name)).path;
}

async function targetInside(root: string, name: string): Promise<InsideTarget> {
  const real = await realpath(root);
  const components = componentsOf(real, name);
  return targetOf(real, components);
}

function targetInsideSync(root: string, name: string): InsideTarget {
  const real = realpathSync(root);
  return targetOf(real, componentsOf(real, name));
}

/**
 * Opens `name` under `root` so that neither `..` nor a symlink in any component, nor a component
 * swapped for a symlink during the call, can make it open a file outside the root; returns the
 * handle with its `fstat`, like {@link openNoFollow}.
 *
 * `flags` is an `fs.open` flag string or number (default `'r'`); `mode` (default `0o600`) applies
 * when the open creates the file. Only the final component is ever created: intermediate
 * directories must exist (see {@link mkdirInside}). The root is resolved with `realpath` once, at
 * the start of the call, so a root that is itself a symlink is followed, once.
 *
 * Security: Node has no `openat`, so the guarantee is a proof after the fact. The name is checked
 * lexically as by {@link resolveInside}; the final component is opened with `O_NOFOLLOW`; then on
 * Linux the descriptor's real location, read from `/proc/self/fd/N`, must be exactly the
 * expected path (any symlink on the way, even one pointing inside the root, fails:
 * `ERR_SECURE_FS_OUTSIDE_ROOT` when it led outside, `ERR_SECURE_FS_SYMLINK` otherwise). This
 * holds whatever is swapped during the call, because the descriptor, not the name, is checked.
 * Elsewhere (macOS, BSD, Windows, Linux without /proc) every intermediate directory is lstat'ed
 * before and after the open and must be a real directory with the same identity, and the entry's
 * lstat must be the descriptor's fstat (`ERR_SECURE_FS_CHANGED`): a symlink that is there is
 * always refused, but these checks are by name, so they only narrow the window: a concurrent
 * process that can write inside the root and swaps a directory for a symlink and back between
 * the checks can still win (the attack tests show it within a second). There, keep the root
 * writable only by the process itself, or extract into a fresh private directory. `O_TRUNC` is applied only after the proof, so a
 * lost race never empties a file outside the root; a creating open that loses a race may leave a
 * new empty file where the symlink pointed (an existing file there is not changed). A hard link
 * inside the root to a file outside is an ordinary file of the root: it cannot be told apart and
 * is opened (only whoever can already write inside the root can make one, and not across devices).
 *
 * @throws SecureFsError `ERR_SECURE_FS_OUTSIDE_ROOT`, `ERR_SECURE_FS_SYMLINK`, `ERR_SECURE_FS_CHANGED`,
 * `ERR_SECURE_FS_WRONG_TYPE` (an intermediate that is not a directory); the Node error of the open otherwise.
 */
export async function openInside(
  root: string,
  name: string,
  flags: string | number = 'r',
  mode: number = DEFAULT_CREATE_MODE,
): Promise<{ handle: FileHandle; stat: Stats }> {
  return openTarget(await targetInside(root, name), flags, mode);
}

/**
 * Synchronous {@link openInside}: returns the file descriptor, which the caller must close.
 *
 * Security: as {@link openInside}.
 *
 * @throws the same errors as {@link openInside}.
 */
export function openInsideSync(root: string, name: string, flags: string | number = 'r', mode: number = DEFAULT_CREATE_MODE): { fd: number; stat: Stats } {
  return openTargetSync(targetInsideSync(root, name), flags, mode);
}

function regularFile(target: InsideTarget, stat: Stats): void {
  if (!stat.isFile()) throw new SecureFsError('ERR_SECURE_FS_WRONG_TYPE', `${target.path} is not a regular file.`, { path: target.path });
}

async function withFile<T>(root: string, name: string, use: (handle: FileHandle, target: InsideTarget) => Promise<T>): Promise<T> {
  const target = await targetInside(root, name);
  const { handle, stat } = await openTarget(target, READ_FLAGS, DEFAULT_CREATE_MODE);
  try {
    regularFile(target, stat);
    return await use(handle, target);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the regular file `name` under `root`, refusing every escape as {@link openInside} does.
 *
 * Security: as {@link openInside}; a FIFO, device or directory is refused with
 * `ERR_SECURE_FS_WRONG_TYPE` without blocking.
 *
 * @throws the errors of {@link openInside}; `ERR_SECURE_FS_WRONG_TYPE`.
 */
export function readFileInside(root: string, name: string, options: ReadFileInsideOptions & { encoding: BufferEncoding }): Promise<string>;
export function readFileInside(root: string, name: string, options?: ReadFileInsideOptions): Promise<Buffer>;
export function readFileInside(root: string, name: string, options: ReadFileInsideOptions = {}): Promise<string | Buffer> {
  return withFile<string | Buffer>(root, name, (handle) => (options.encoding ? handle.readFile({ encoding: options.encoding }) : handle.readFile()));
}

/**
 * Synchronous {@link readFileInside}.
 *
 * Security: as {@link readFileInside}.
 *
 * @throws the same errors as {@link readFileInside}.
 */
export function readFileInsideSync(root: string, name: string, options: ReadFileInsideOptions & { encoding: BufferEncoding }): string;
export function readFileInsideSync(root: string, name: string, options?: ReadFileInsideOptions): Buffer;
export function readFileInsideSync(root: string, name: string, options: ReadFileInsideOptions = {}): string | Buffer {
  const target = targetInsideSync(root, name);
  const { fd, stat } = openTargetSync(target, READ_FLAGS, DEFAULT_CREATE_MODE);
  try {
    regularFile(target, stat);
    return options.encoding ? readFileSync(fd, { encoding: options.encoding }) : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A read stream of the regular file `name` under `root`, opened as {@link openInside} opens it;
 * the stream closes the descriptor when it ends.
 *
 * Security: as {@link readFileInside}.
 *
 * @throws the errors of {@link readFileInside}.
 */
export async function createReadStreamInside(root: string, name: string, options: { start?: number; end?: number; highWaterMark?: number } = {}): Promise<ReadStream> {
  const target = await targetInside(root, name);
  const { handle, stat } = await openTarget(target, READ_FLAGS, DEFAULT_CREATE_MODE);
  try {
    regularFile(target, stat);
    return handle.createReadStream(options);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * `fstat` of `name` under `root` (the root itself for `''` or `'.'`), never of a symlink's target.
 *
 * Security: as {@link openInside}: a final symlink is refused rather than described, so the
 * answer is about the entry a later {@link openInside} of the same name would open.
 *
 * @throws the errors of {@link openInside}.
 */
export async function statInside(root: string, name: string): Promise<Stats> {
  const { handle, stat } = await openTarget(await targetInside(root, name), READ_FLAGS, DEFAULT_CREATE_MODE);
  await handle.close();
  return stat;
}

/**
 * Synchronous {@link statInside}.
 *
 * Security: as {@link statInside}.
 *
 * @throws the errors of {@link statInside}.
 */
export function statInsideSync(root: string, name: string): Stats {
  const { fd, stat } = openTargetSync(targetInsideSync(root, name), READ_FLAGS, DEFAULT_CREATE_MODE);
  closeSync(fd);
  return stat;
}

function lastComponent(target: InsideTarget, what: string): { parent: InsideTarget; name: string } {
  const name = target.components.at(-1);
  if (name === undefined) throw new SecureFsError('ERR_SECURE_FS_INVALID_NAME', `Refusing to ${what} the root ${target.root} itself.`, { path: target.root });
  return { parent: targetOf(target.root, target.components.slice(0, -1)), name };
}

/** Proves that `dir` is a real directory at its expected place, through the same open as files. */
async function proveDirectory(dir: InsideTarget): Promise<void> {
  const { handle, stat } = await openTarget(dir, DIR_NO_FOLLOW_FLAGS, DEFAULT_CREATE_MODE);
  await handle.close();
  if (!stat.isDirectory()) throw notDirectoryError(dir.path);
}

function proveDirectorySync(dir: InsideTarget): void {
  const { fd, stat } = openTargetSync(dir, DIR_NO_FOLLOW_FLAGS, DEFAULT_CREATE_MODE);
  closeSync(fd);
  if (!stat.isDirectory()) throw notDirectoryError(dir.path);
}

/**
 * Atomically replaces (or creates) the file `name` under `root` with `data`, through
 * {@link writeFileAtomic}: a fresh sibling created with `O_EXCL`, fsynced and renamed into place.
 *
 * Security: the parent directory is proven to be inside the root as {@link openInside} proves a
 * file; a symlink at the final component is refused (`ERR_SECURE_FS_SYMLINK`) and never written
 * through, since the rename replaces the name. Node cannot create relative to a directory
 * descriptor, so a parent swapped for a symlink after the proof and before the create is not
 * detected: the window is one system call, and the rename then fails rather than overwrite
 * anything, because the random temp name exists only in the real directory.
 *
 * @throws the errors of {@link openInside} and of {@link writeFileAtomic}; `ERR_SECURE_FS_INVALID_NAME` for the root itself.
 */
export async function writeFileInside(root: string, name: string, data: string | Uint8Array, options: WriteFileInsideOptions = {}): Promise<void> {
  const target = await targetInside(root, name);
  await proveDirectory(lastComponent(target, 'write').parent);
  await writeFileAtomic(target.path, data, { ...options, onSymlink: 'refuse' });
}

/**
 * Synchronous {@link writeFileInside}.
 *
 * Security: as {@link writeFileInside}.
 *
 * @throws the errors of {@link writeFileInside}.
 */
export function writeFileInsideSync(root: string, name: string, data: string | Uint8Array, options: WriteFileInsideOptions = {}): void {
  const target = targetInsideSync(root, name);
  proveDirectorySync(lastComponent(target, 'write').parent);
  writeFileAtomicSync(target.path, data, { ...options, onSymlink: 'refuse' });
}

/**
 * Removes the file, symlink or empty directory `name` under `root` (never recursively); a
 * symlink is removed itself, its target untouched.
 *
 * Security: the parent directory is proven to be inside the root as {@link openInside} proves
 * a file; the removal itself is by name (Node has no `unlinkat`), so a parent swapped for a
 * symlink in the one system call between proof and removal is not detected.
 *
 * @throws the errors of {@link openInside}; `ERR_SECURE_FS_INVALID_NAME` for the root itself; the Node error of the removal.
 */
export async function removeInside(root: string, name: string): Promise<void> {
  const target = await targetInside(root, name);
  await proveDirectory(lastComponent(target, 'remove').parent);
  const stats = await lstat(target.path);
  await (stats.isDirectory() ? rmdir(target.path) : unlink(target.path));
}

/**
 * Creates the directory `name` under `root` and any missing directories on the way, one
 * component at a time, each with `mode` (default `0o700`), and returns its path.
 *
 * Security: every component, new or existing, is proven to be a real directory inside the root
 * before the next one is created; a symlink on the way is refused. A component swapped for a
 * symlink between its proof and the next `mkdir` can make that `mkdir` create one empty
 * directory where the link points; the proof of that component then fails.
 *
 * @throws the errors of {@link openInside}; the Node error of `mkdir` other than `EEXIST`.
 */
export async function mkdirInside(root: string, name: string, options: { mode?: number } = {}): Promise<string> {
  const target = await targetInside(root, name);
  for (let i = 1; i <= target.components.length; i++) {
    const step = targetOf(target.root, target.components.slice(0, i));
    await mkdir(step.path, options.mode ?? 0o700).catch((error: unknown) => {
      if (!hasErrnoCode(error, 'EEXIST')) throw error;
    });
    await proveDirectory(step);
  }
  return target.path;
}

/**
 * Synchronous {@link mkdirInside}.
 *
 * Security: as {@link mkdirInside}.
 *
 * @throws the errors of {@link mkdirInside}.
 */
export function mkdirInsideSync(root: string, name: string, options: { mode?: number } = {}): string {
  const target = targetInsideSync(root, name);
  for (let i = 1; i <= target.components.length; i++) {
    const step = targetOf(target.root, target.components.slice(0, i));
    try {
      mkdirSync(step.path, options.mode ?? 0o700);
    } catch (error) {
      if (!hasErrnoCode(error, 'EEXIST')) throw error;
    }
    proveDirectorySync(step);
  }
  return target.path;
}
