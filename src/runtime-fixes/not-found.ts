// Expected absence without swallowing (rule `no-swallowed-fs-error`): only "it is not there"
// becomes a default value; permission, resource and type errors keep propagating.
import { readdirSync, type Dirent, type ObjectEncodingOptions, type PathLike } from 'node:fs';
import { readdir } from 'node:fs/promises';

import { hasErrnoCode } from './errors.js';
import { toPath } from './internal/validate.js';

/** Options of {@link ignoreNotFound} and {@link ignoreNotFoundSync}. */
export interface IgnoreNotFoundOptions {
  /**
   * Also treat `ENOTDIR` (a component of the path is a file, e.g. `config.json/extra`) as absence.
   * Default `false`: a file where a directory should be is usually a misconfiguration worth seeing.
   */
  notDir?: boolean;
}

const ABSENT = ['ENOENT'];
const ABSENT_OR_NOT_DIR = ['ENOENT', 'ENOTDIR'];

function isAbsence(error: unknown, options: IgnoreNotFoundOptions): boolean {
  return hasErrnoCode(error, ...(options.notDir === true ? ABSENT_OR_NOT_DIR : ABSENT));
}

/**
 * Resolves to what `operation` resolves to, or to `fallback` when it fails because the path does
 * not exist (`ENOENT`; also `ENOTDIR` with `{ notDir: true }`). `operation` is a promise or a
 * function returning one (a synchronous throw of the function is handled the same way).
 *
 * The set of ignored codes is deliberately closed to these two instead of a free list, so a call
 * cannot be widened into swallowing `EACCES`.
 *
 * Security: every other failure (`EACCES`, `EPERM`, `EMFILE`, `EISDIR`, `EIO`, non-errno errors)
 * is rethrown unchanged, so a permission problem or an attack never reads as "nothing there".
 *
 * @throws whatever `operation` throws, except the absence codes above.
 */
export async function ignoreNotFound<T, F>(
  operation: PromiseLike<T> | (() => T | PromiseLike<T>),
  fallback: F,
  options: IgnoreNotFoundOptions = {},
): Promise<T | F> {
  try {
    return await (typeof operation === 'function' ? operation() : operation);
  } catch (error) {
    if (isAbsence(error, options)) return fallback;
    throw error;
  }
}

/**
 * Synchronous {@link ignoreNotFound}: returns `fn()`, or `fallback` when it throws `ENOENT`
 * (also `ENOTDIR` with `{ notDir: true }`).
 *
 * Security: as {@link ignoreNotFound}.
 *
 * @throws whatever `fn` throws, except the absence codes above.
 */
export function ignoreNotFoundSync<T, F>(fn: () => T, fallback: F, options: IgnoreNotFoundOptions = {}): T | F {
  try {
    return fn();
  } catch (error) {
    if (isAbsence(error, options)) return fallback;
    throw error;
  }
}

/** `readdir` options giving names as strings. */
export type ReaddirStringOptions =
  | (ObjectEncodingOptions & { withFileTypes?: false | undefined; recursive?: boolean | undefined })
  | BufferEncoding
  | null;
/** `readdir` options giving names as Buffers. */
export type ReaddirBufferOptions =
  | { encoding: 'buffer'; withFileTypes?: false | undefined; recursive?: boolean | undefined }
  | 'buffer';
/** `readdir` options giving `Dirent`s. */
export type ReaddirDirentOptions = ObjectEncodingOptions & { withFileTypes: true; recursive?: boolean | undefined };
/** `readdir` options giving `Dirent`s with Buffer names. */
export type ReaddirBufferDirentOptions = { encoding: 'buffer'; withFileTypes: true; recursive?: boolean | undefined };

type ReaddirOptions = ReaddirStringOptions | ReaddirBufferOptions | ReaddirDirentOptions | ReaddirBufferDirentOptions;
type ReaddirResult = string[] | Buffer[] | Dirent[] | Dirent<Buffer>[];

// The overloads mirror readdir's own; forwarding their union to readdir needs this one widening.
const readdirAny = readdir as (dir: PathLike, options?: ReaddirOptions) => Promise<ReaddirResult>;
const readdirSyncAny = readdirSync as (dir: PathLike, options?: ReaddirOptions) => ReaddirResult;

/**
 * `fs.promises.readdir(dir, options)`, or `[]` when `dir` does not exist (`ENOENT`). Options are
 * passed through, with the same result types (`withFileTypes: true` gives `Dirent[]`).
 * For `ENOTDIR` as absence too, use `ignoreNotFound(readdir(dir), [], { notDir: true })`.
 *
 * Security: only `ENOENT` becomes an empty list; `EACCES`, `EPERM`, `EMFILE`, `ENOTDIR` (`dir` is
 * a file) and every other error is rethrown, so an unreadable directory is never mistaken for an
 * empty one.
 *
 * @throws the Node error of `readdir`, except `ENOENT`.
 */
export function readdirOrEmpty(dir: PathLike, options?: ReaddirStringOptions): Promise<string[]>;
export function readdirOrEmpty(dir: PathLike, options: ReaddirBufferOptions): Promise<Buffer[]>;
export function readdirOrEmpty(dir: PathLike, options: ReaddirDirentOptions): Promise<Dirent[]>;
export function readdirOrEmpty(dir: PathLike, options: ReaddirBufferDirentOptions): Promise<Dirent<Buffer>[]>;
export function readdirOrEmpty(dir: PathLike, options?: ReaddirOptions): Promise<ReaddirResult> {
  return ignoreNotFound(() => readdirAny(toPath(dir), options), []);
}

/**
 * Synchronous {@link readdirOrEmpty}.
 *
 * Security: as {@link readdirOrEmpty}.
 *
 * @throws the Node error of `readdirSync`, except `ENOENT`.
 */
export function readdirOrEmptySync(dir: PathLike, options?: ReaddirStringOptions): string[];
export function readdirOrEmptySync(dir: PathLike, options: ReaddirBufferOptions): Buffer[];
export function readdirOrEmptySync(dir: PathLike, options: ReaddirDirentOptions): Dirent[];
export function readdirOrEmptySync(dir: PathLike, options: ReaddirBufferDirentOptions): Dirent<Buffer>[];
export function readdirOrEmptySync(dir: PathLike, options?: ReaddirOptions): ReaddirResult {
  return ignoreNotFoundSync(() => readdirSyncAny(toPath(dir), options), []);
}
