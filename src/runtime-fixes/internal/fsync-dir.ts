import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';

import { hasErrnoCode } from '../errors.js';

// Some platforms and file systems cannot fsync a directory (Windows, some network mounts);
// durability there is best effort, which is what every other tool gets too.
const UNSUPPORTED = ['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF'];

/** Makes a rename or create inside `dir` durable across a power loss. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!hasErrnoCode(error, ...UNSUPPORTED)) throw error;
  } finally {
    await handle?.close();
  }
}

export function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (error) {
    if (!hasErrnoCode(error, ...UNSUPPORTED)) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
