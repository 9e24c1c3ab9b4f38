import type { Stats } from 'node:fs';
import { closeSync, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import process from 'node:process';

import { SecureFsError, hasErrnoCode } from '../errors.js';
import type { PrivateDir } from '../private-dir.js';
import {
  DIR_NO_FOLLOW_FLAGS,
  GROUP_OTHER_BITS,
  assertNotSymlink,
  assertOwnedBy,
  changedError,
  isDirOpenRefusal,
  sameFile,
} from './identity.js';

/** `create`: make the directory if missing; `uid`: who must own it (undefined where uids do not exist). */
export interface PrivateDirRequest {
  readonly create: boolean;
  readonly uid: number | undefined;
}

const PRIVATE_DIR_MODE = 0o700;

function normalizeDir(dir: string): string {
  if (typeof dir !== 'string' || dir.length === 0) {
    // resolve('') is the working directory: never tighten that by accident.
    throw new SecureFsError('ERR_SECURE_FS_INVALID_NAME', `The directory must be a non-empty path string, got ${JSON.stringify(dir)}.`);
  }
  return resolve(dir);
}

/** mkdir's EEXIST means "someone (maybe us, earlier) made it": the checks that follow decide. */
function existed(error: unknown): false {
  if (hasErrnoCode(error, 'EEXIST')) return false;
  throw error;
}

function checkEntry(stats: Stats, path: string, uid: number | undefined): void {
  assertNotSymlink(stats, path);
  if (!stats.isDirectory()) {
    throw new SecureFsError(
      'ERR_SECURE_FS_WRONG_TYPE',
      `${path} exists but is not a directory; remove or rename it, or choose another directory.`,
      { path },
    );
  }
  assertOwnedBy(stats, path, uid);
}

/** Windows has ACLs, not mode bits, and no O_NOFOLLOW/O_DIRECTORY: only the type checks apply there. */
function usesModeBits(): boolean {
  return process.platform !== 'win32';
}

/** The descriptor must be the entry lstat judged, or a swap happened in between. */
function verifyDescriptor(before: Stats, opened: Stats, path: string, uid: number | undefined): void {
  if (!sameFile(before, opened) || !opened.isDirectory()) throw changedError(path);
  assertOwnedBy(opened, path, uid);
}

/** An open that fails after lstat saw a directory means the entry was replaced or removed meanwhile. */
function openFailure(error: unknown, path: string): unknown {
  return isDirOpenRefusal(error) || hasErrnoCode(error, 'ENOENT') ? changedError(path, error) : error;
}

function planMode(stats: Stats, created: boolean): { chmod: boolean; tightened: boolean } {
  const tightened = (stats.mode & GROUP_OTHER_BITS) !== 0;
  // A strict umask can strip the owner's own bits from a fresh directory; on an existing one they are the user's choice.
  const chmod = tightened || (created && (stats.mode & PRIVATE_DIR_MODE) !== PRIVATE_DIR_MODE);
  return { chmod, tightened };
}

function result(path: string, created: boolean, tightened: boolean): PrivateDir {
  return Object.freeze({ path, created, tightened });
}

async function makeDir(path: string): Promise<boolean> {
  try {
    await mkdir(path, { mode: PRIVATE_DIR_MODE });
  } catch (error) {
    if (!hasErrnoCode(error, 'ENOENT')) return existed(error);
    await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
    try {
      await mkdir(path, { mode: PRIVATE_DIR_MODE });
    } catch (retryError) {
      return existed(retryError);
    }
  }
  return true;
}

function makeDirSync(path: string): boolean {
  try {
    mkdirSync(path, { mode: PRIVATE_DIR_MODE });
  } catch (error) {
    if (!hasErrnoCode(error, 'ENOENT')) return existed(error);
    mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
    try {
      mkdirSync(path, { mode: PRIVATE_DIR_MODE });
    } catch (retryError) {
      return existed(retryError);
    }
  }
  return true;
}

export async function ensurePrivateDirAs(dir: string, request: PrivateDirRequest): Promise<PrivateDir> {
  const path = normalizeDir(dir);
  const created = request.create ? await makeDir(path) : false;
  const before = await lstat(path);
  checkEntry(before, path, request.uid);
  if (!usesModeBits()) return result(path, created, false);

  const handle = await open(path, DIR_NO_FOLLOW_FLAGS).catch((error: unknown) => {
    throw openFailure(error, path);
  });
  try {
    const opened = await handle.stat();
    verifyDescriptor(before, opened, path, request.uid);
    const plan = planMode(opened, created);
    if (plan.chmod) await handle.chmod(PRIVATE_DIR_MODE);
    return result(path, created, plan.tightened);
  } finally {
    await handle.close();
  }
}

export function ensurePrivateDirAsSync(dir: string, request: PrivateDirRequest): PrivateDir {
  const path = normalizeDir(dir);
  const created = request.create ? makeDirSync(path) : false;
  const before = lstatSync(path);
  checkEntry(before, path, request.uid);
  if (!usesModeBits()) return result(path, created, false);

  let fd: number;
  try {
    fd = openSync(path, DIR_NO_FOLLOW_FLAGS);
  } catch (error) {
    throw openFailure(error, path);
  }
  try {
    const opened = fstatSync(fd);
    verifyDescriptor(before, opened, path, request.uid);
    const plan = planMode(opened, created);
    if (plan.chmod) fchmodSync(fd, PRIVATE_DIR_MODE);
    return result(path, created, plan.tightened);
  } finally {
    closeSync(fd);
  }
}
