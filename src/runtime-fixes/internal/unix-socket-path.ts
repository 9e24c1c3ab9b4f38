import { Buffer } from 'node:buffer';

import { SecureFsError } from '../errors.js';

/** `sun_path` holds 108 bytes on Linux and 104 on macOS/BSD, one of them the terminating NUL. */
function maxSocketPathBytes(platform: NodeJS.Platform): number {
  return platform === 'linux' || platform === 'android' ? 107 : 103;
}

/**
 * Node 20 silently truncates a longer Unix socket path, so the socket would appear at a
 * different name than the caller checked: refuse instead.
 */
export function assertSocketPathFits(path: string, platform: NodeJS.Platform): void {
  const max = maxSocketPathBytes(platform);
  const bytes = Buffer.byteLength(path);
  if (bytes > max) {
    throw new SecureFsError(
      'ERR_SECURE_FS_INVALID_NAME',
      `The Unix socket path ${path} is ${bytes} bytes; ${platform} allows at most ${max}. Use a shorter app name or directory.`,
      { path },
    );
  }
}
