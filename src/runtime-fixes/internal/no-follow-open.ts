// The open behind openNoFollow, with the O_NOFOLLOW value injectable so that the fallback for
// platforms without it (Windows) runs in the tests on every platform.
import { closeSync, fstatSync, lstatSync, openSync, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';

import { ignoreNotFound, ignoreNotFoundSync } from '../not-found.js';
import { changedError, isNoFollowRefusal, NO_FOLLOW, sameFile, symlinkError } from './identity.js';
import { finalComponentPath, toOpenFlags } from './race-free-shared.js';

/** Mode of files the race-free helpers create unless told otherwise: owner-only. */
export const DEFAULT_CREATE_MODE = 0o600;

/**
 * Without O_NOFOLLOW: a symlink seen before the open is refused; afterwards the opened object
 * must be the entry lstat saw (before the open, or right after it when the open created it).
 */
function checkFallback(path: string, before: Stats | undefined, after: Stats | undefined, opened: Stats): void {
  const seen = before ?? after;
  if (seen === undefined || !sameFile(seen, opened)) throw changedError(path);
}

function refuseSymlink(path: string, stats: Stats | undefined): void {
  if (stats?.isSymbolicLink()) throw symlinkError(path, { syscall: 'open' });
}

// A missing parent (ENOTDIR) is absence too: the open then reports it.
const ABSENT = { notDir: true };

function lstatIfExists(path: string): Promise<Stats | undefined> {
  return ignoreNotFound(lstat(path), undefined, ABSENT);
}

function lstatIfExistsSync(path: string): Stats | undefined {
  return ignoreNotFoundSync(() => lstatSync(path), undefined, ABSENT);
}

/** openNoFollow, with `noFollow` = 0 selecting the lstat/fstat fallback. */
export async function openGuarded(
  rawPath: string,
  flags: string | number,
  mode: number = DEFAULT_CREATE_MODE,
  noFollow: number = NO_FOLLOW,
): Promise<{ handle: FileHandle; stat: Stats }> {
  const path = finalComponentPath(rawPath);
  const numeric = toOpenFlags(flags, noFollow);
  const before = noFollow === 0 ? await lstatIfExists(path) : undefined;
  refuseSymlink(path, before);
  let handle: FileHandle;
  try {
    handle = await open(path, numeric, mode);
  } catch (error) {
    if (noFollow !== 0 && isNoFollowRefusal(error)) throw symlinkError(path, { syscall: 'open', cause: error });
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (noFollow === 0) checkFallback(path, before, before ? undefined : await lstatIfExists(path), stat);
    return Object.freeze({ handle, stat });
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** openNoFollowSync, with `noFollow` = 0 selecting the lstat/fstat fallback. */
export function openGuardedSync(
  rawPath: string,
  flags: string | number,
  mode: number = DEFAULT_CREATE_MODE,
  noFollow: number = NO_FOLLOW,
): { fd: number; stat: Stats } {
  const path = finalComponentPath(rawPath);
  const numeric = toOpenFlags(flags, noFollow);
  const before = noFollow === 0 ? lstatIfExistsSync(path) : undefined;
  refuseSymlink(path, before);
  let fd: number;
  try {
    fd = openSync(path, numeric, mode);
  } catch (error) {
    if (noFollow !== 0 && isNoFollowRefusal(error)) throw symlinkError(path, { syscall: 'open', cause: error });
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (noFollow === 0) checkFallback(path, before, before ? undefined : lstatIfExistsSync(path), stat);
    return Object.freeze({ fd, stat });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

