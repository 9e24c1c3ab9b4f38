// File-system fixtures of the runtime-helper tests: scratch directories, modes and playing
// another user.
import { lstatSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

import { onTestFinished } from 'vitest';

export const isRoot = process.geteuid?.() === 0;

/** The conventional unprivileged uid (and gid): the "other user" files are chowned to. */
export const NOBODY = 65534;

// Root bypasses permission checks, so as root an access check runs with the effective uid dropped
// to nobody (seteuid, restored right after); Windows has no mode bits that deny reading.
export const canDenyAccess = process.platform !== 'win32' && (!isRoot || typeof process.seteuid === 'function');

/** Runs `fn` as a user that permission bits apply to. */
export async function asUnprivileged<T>(fn: () => Promise<T>): Promise<T> {
  if (!isRoot) return fn();
  process.seteuid!(NOBODY);
  try {
    return await fn();
  } finally {
    process.seteuid!(0);
  }
}

export function asUnprivilegedSync<T>(fn: () => T): T {
  if (!isRoot) return fn();
  process.seteuid!(NOBODY);
  try {
    return fn();
  } finally {
    process.seteuid!(0);
  }
}

/** A fresh directory under `os.tmpdir()`, removed when the current test finishes (call it in `beforeEach` or a test). */
export async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Permission bits, setuid/setgid/sticky included, of the entry itself (a link is not followed). */
export const modeOf = (path: string): number => lstatSync(path).mode & 0o7777;
