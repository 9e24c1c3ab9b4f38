// Pure pieces of the root-confined helpers (root-dir.ts): how a name is split and refused, and
// how the location a descriptor really has is compared with the one the name promised.
import { constants, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import process from 'node:process';

import { SecureFsError } from '../errors.js';
import { changedError, sameFile } from './identity.js';

/** A name checked lexically against its root: the root's real path and the components below it. */
export interface InsideTarget {
  /** The root after realpath, resolved once per call. */
  readonly root: string;
  readonly components: readonly string[];
  /** `root` joined with `components`: where the entry must really be. */
  readonly path: string;
}

function outside(root: string, name: string, why: string): SecureFsError {
  return new SecureFsError('ERR_SECURE_FS_OUTSIDE_ROOT', `${JSON.stringify(name)} ${why}; refusing to leave ${root}.`, { path: root });
}

/**
 * The components of `name` below a root, or a refusal: NUL, backslashes (a separator on Windows,
 * refused everywhere so that a name means one thing on every platform), absolute names, drive
 * letters and UNC names, and `..` that climbs above the root. Nothing is decoded: `%2e%2e` is a
 * file name like any other.
 */
export function componentsOf(root: string, name: unknown): string[] {
  if (typeof name !== 'string') {
    throw new SecureFsError('ERR_SECURE_FS_INVALID_NAME', `The name must be a string, got ${typeof name}.`);
  }
  if (name.includes('\0')) throw outside(root, name, 'contains a NUL byte');
  if (name.includes('\\')) throw outside(root, name, 'contains a backslash, a separator on Windows');
  if (name.startsWith('/') || /^[A-Za-z]:/u.test(name)) throw outside(root, name, 'is an absolute name');
  const components: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (components.pop() === undefined) throw outside(root, name, 'climbs above the root with ..');
      continue;
    }
    components.push(part);
  }
  return components;
}

export function targetOf(realRoot: string, components: readonly string[]): InsideTarget {
  return { root: realRoot, components, path: join(realRoot, ...components) };
}

/** The directories between the root and the entry, root excluded: `a`, `a/b` for `a/b/c`. */
export function intermediates(target: InsideTarget): string[] {
  return target.components.slice(0, -1).map((_, i) => join(target.root, ...target.components.slice(0, i + 1)));
}

export function notDirectoryError(path: string): SecureFsError {
  return new SecureFsError('ERR_SECURE_FS_WRONG_TYPE', `${path} is not a directory.`, { path });
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !/^(?:[A-Za-z]:|[\\/])/u.test(rel));
}

/** What a descriptor whose real location is `actual` means for a target that promised `target.path`. */
export function checkLocation(target: InsideTarget, actual: string): void {
  if (actual === target.path) return;
  if (isInside(target.root, actual)) {
    throw new SecureFsError('ERR_SECURE_FS_SYMLINK', `${target.path} is reached through a symbolic link; refusing to follow it.`, { path: target.path });
  }
  throw outsideError(target);
}

export function outsideError(target: InsideTarget, cause?: unknown): SecureFsError {
  return new SecureFsError('ERR_SECURE_FS_OUTSIDE_ROOT', `${target.path} leads outside ${target.root} through a symbolic link; refusing to use it.`, {
    path: target.path,
    cause,
  });
}

/**
 * Where the kernel can say which file a descriptor is (Linux's `/proc/self/fd/N`), the proof
 * of location; elsewhere (or without /proc) the component checks below.
 */
export const PROC_FD: string | undefined = process.platform === 'linux' ? '/proc/self/fd' : undefined;

/** The readlink of `/proc/self/fd/N` fails only where /proc is not mounted: then the component checks decide. */
export function procUnavailable(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' || (error as NodeJS.ErrnoException | undefined)?.code === 'EACCES';
}

/**
 * Component checks: every intermediate directory lstat'ed before the open must be a real
 * directory (no symlink) and the same one afterwards, and the descriptor the entry lstat sees.
 */
export function checkIntermediate(path: string, stats: Stats): void {
  if (stats.isSymbolicLink()) {
    throw new SecureFsError('ERR_SECURE_FS_SYMLINK', `${path} is a symbolic link; refusing to follow it.`, { path });
  }
  if (!stats.isDirectory()) throw notDirectoryError(path);
}

export function checkSame(path: string, before: readonly Stats[], after: readonly Stats[], entry: Stats | undefined, opened: Stats): void {
  if (before.some((b, i) => !sameFile(b, after[i]!)) || entry === undefined || !sameFile(entry, opened)) throw changedError(path);
}

const { O_CREAT, O_TRUNC, O_EXCL } = constants;

/** Truncation is deferred until the location is proven, so a lost race never empties a file outside the root. */
export function withoutTruncate(flags: number): { flags: number; truncate: boolean; exclusive: boolean; creates: boolean } {
  return { flags: flags & ~O_TRUNC, truncate: (flags & O_TRUNC) !== 0, exclusive: (flags & O_EXCL) !== 0, creates: (flags & O_CREAT) !== 0 };
}
