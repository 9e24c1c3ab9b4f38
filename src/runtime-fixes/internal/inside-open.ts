// The open behind openInside and its siblings: O_NOFOLLOW, then the proof of where the
// descriptor really is. `proc` is injectable so that the component checks used where there is
// no /proc/self/fd (macOS, BSD, Windows) run in the tests on every platform: `''` selects them.
import { closeSync, existsSync, fstatSync, ftruncateSync, lstatSync, openSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { lstat, open, readlink, type FileHandle } from 'node:fs/promises';

import { hasErrnoCode } from '../errors.js';
import { ignoreNotFoundSync } from '../not-found.js';
import { isNoFollowRefusal, NO_FOLLOW, symlinkError } from './identity.js';
import { checkIntermediate, checkLocation, checkSame, type InsideTarget, intermediates, isInside, outsideError, PROC_FD, withoutTruncate } from './inside-root.js';
import { toOpenFlags } from './race-free-shared.js';

let procChecked: boolean | undefined;
/** Whether `/proc/self/fd` can prove where a descriptor is; decided once, on first use. */
export function procFd(): string | undefined {
  if (PROC_FD === undefined) return undefined;
  procChecked ??= existsSync(PROC_FD);
  return procChecked ? PROC_FD : undefined;
}


function refusedOpen(target: InsideTarget, error: unknown): unknown {
  // With O_DIRECTORY Linux says ENOTDIR for a final symlink as for a file: an lstat tells which.
  if (isNoFollowRefusal(error) || (hasErrnoCode(error, 'ENOTDIR') && lstatSync(target.path, { throwIfNoEntry: false })?.isSymbolicLink())) {
    // Where the link leads decides the code: out of the root is the escape, not merely a link.
    const leads = ignoreNotFoundSync(() => realpathSync(target.path), undefined);
    return leads !== undefined && !isInside(target.root, leads)
      ? outsideError(target, error)
      : symlinkError(target.path, { syscall: 'open', cause: error });
  }
  return error;
}

/** The open with the location proof; truncation waits for the proof. */
export async function openTarget(target: InsideTarget, flags: string | number, mode: number, proc: string | undefined = procFd()): Promise<{ handle: FileHandle; stat: Stats }> {
  const open_ = withoutTruncate(toOpenFlags(flags, NO_FOLLOW));
  const paths = intermediates(target);
  const before = proc ? [] : await Promise.all(paths.map((p) => lstat(p)));
  before.forEach((s, i) => checkIntermediate(paths[i]!, s));
  let handle: FileHandle;
  try {
    handle = await open(target.path, open_.flags, mode);
  } catch (error) {
    throw refusedOpen(target, error);
  }
  try {
    const stat = await handle.stat();
    if (proc) checkLocation(target, await readlink(`${proc}/${handle.fd}`));
    else {
      const after = await Promise.all(paths.map((p) => lstat(p)));
      checkSame(target.path, before, after, await lstat(target.path).catch(() => undefined), stat);
    }
    if (open_.truncate) await handle.truncate(0);
    return Object.freeze({ handle, stat });
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export function openTargetSync(target: InsideTarget, flags: string | number, mode: number, proc: string | undefined = procFd()): { fd: number; stat: Stats } {
  const open_ = withoutTruncate(toOpenFlags(flags, NO_FOLLOW));
  const paths = intermediates(target);
  const before = proc ? [] : paths.map((p) => lstatSync(p));
  before.forEach((s, i) => checkIntermediate(paths[i]!, s));
  let fd: number;
  try {
    fd = openSync(target.path, open_.flags, mode);
  } catch (error) {
    throw refusedOpen(target, error);
  }
  try {
    const stat = fstatSync(fd);
    if (proc) checkLocation(target, readlinkSync(`${proc}/${fd}`));
    else checkSame(target.path, before, paths.map((p) => lstatSync(p)), lstatSync(target.path, { throwIfNoEntry: false }), stat);
    if (open_.truncate) ftruncateSync(fd, 0);
    return Object.freeze({ fd, stat });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
