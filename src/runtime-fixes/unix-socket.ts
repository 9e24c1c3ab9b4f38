import type { PathLike, Stats } from 'node:fs';
import { chmod, lstat, stat, unlink } from 'node:fs/promises';
import type { Server } from 'node:net';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import process from 'node:process';

import { SecureFsError, hasErrnoCode } from './errors.js';
import { assertNotSymlink, assertOwnedBy, changedError, currentUid, describeMode, sameFile } from './internal/identity.js';
import { assertSocketPathFits } from './internal/unix-socket-path.js';
import { toPath } from './internal/validate.js';
import { ignoreNotFound } from './not-found.js';

/** Options of {@link listenUnixSocket}. */
export interface ListenUnixSocketOptions {
  /** The socket file's mode: `0o600` (default, owner only) or `0o660` (owner and group). */
  mode?: 0o600 | 0o660;
}

const ALLOWED_MODES: readonly number[] = [0o600, 0o660];

/** How long a silent socket may take to answer before it counts as live: never delete what may be in use. */
const PROBE_TIMEOUT_MS = 1000;

function socketMode(options: ListenUnixSocketOptions): number {
  const mode = options.mode ?? 0o600;
  if (!ALLOWED_MODES.includes(mode)) {
    throw new SecureFsError(
      'ERR_SECURE_FS_INSECURE_MODE',
      `The socket mode must be 0o600 or 0o660, got ${typeof mode === 'number' ? describeMode(mode) : String(mode)}.`,
    );
  }
  return mode;
}

function assertLocation(path: string): void {
  if (path.startsWith('\0')) {
    throw new SecureFsError(
      'ERR_SECURE_FS_INVALID_NAME',
      'Abstract Unix sockets have no file permissions, so any local user can connect; use a path in a private directory.',
    );
  }
  toPath(path);
  assertSocketPathFits(path, process.platform);
}

/**
 * Whoever can write the directory can replace the socket between listen and chmod, or delete it:
 * it must belong to us (or root) and be writable by nobody else. Group/other search is allowed so
 * that a 0660 socket can be reached by the group.
 */
function assertTrustedParent(dir: Stats, path: string, uid: number | undefined): void {
  if (uid !== undefined && dir.uid !== uid && dir.uid !== 0) {
    throw new SecureFsError(
      'ERR_SECURE_FS_NOT_OWNER',
      `The directory of ${path} is owned by uid ${dir.uid}, who could replace the socket; use a directory of your own, such as socketPath() gives.`,
      { path },
    );
  }
  if ((dir.mode & 0o022) !== 0) {
    throw new SecureFsError(
      'ERR_SECURE_FS_INSECURE_MODE',
      `The directory of ${path} is writable by other users (${describeMode(dir.mode)}), who could replace or delete the socket; use a private directory, such as socketPath() gives.`,
      { path },
    );
  }
}

/** Only a socket may be replaced: a symlink (the deletion attack) or any other file is left alone. */
function assertReplaceableSocket(entry: Stats, path: string, uid: number | undefined): void {
  assertNotSymlink(entry, path);
  if (!entry.isSocket()) {
    throw new SecureFsError(
      'ERR_SECURE_FS_WRONG_TYPE',
      `${path} exists and is not a socket; refusing to remove it. Move it away or choose another socket path.`,
      { path },
    );
  }
  assertOwnedBy(entry, path, uid);
}

function inUse(path: string): SecureFsError {
  return new SecureFsError(
    'ERR_SECURE_FS_IN_USE',
    `A server is already listening on ${path}; stop it first or choose another socket path.`,
    { path },
  );
}

/** How long a live server gets to answer the probe's half-close before the probe lets go. */
const PROBE_GOODBYE_MS = 250;

/**
 * 'stale': nobody accepts (ECONNREFUSED); 'gone': the entry vanished meanwhile. A server that
 * accepts is left as a polite client would leave it: the probe half-closes, reads (and drops)
 * whatever the server sends and lets go when the server closes or after a short wait, so a
 * server that greets and has no 'error' listener never meets EPIPE or ECONNRESET.
 */
function probe(path: string): Promise<'live' | 'stale' | 'gone'> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let goodbye: NodeJS.Timeout | undefined;
    const settle = (outcome: 'live' | 'stale' | 'gone' | Error): void => {
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const letGo = (): void => {
      clearTimeout(goodbye);
      socket.destroy();
    };
    const timer = setTimeout(() => {
      settle('live');
      letGo();
    }, PROBE_TIMEOUT_MS);
    socket.once('connect', () => {
      settle('live');
      socket.resume();
      socket.once('close', letGo);
      goodbye = setTimeout(letGo, PROBE_GOODBYE_MS);
      socket.end();
    });
    socket.on('error', (error) => {
      if (hasErrnoCode(error, 'ECONNREFUSED')) settle('stale');
      else if (hasErrnoCode(error, 'ENOENT')) settle('gone');
      // A full backlog still means a server.
      else if (hasErrnoCode(error, 'EAGAIN')) settle('live');
      else settle(error);
      letGo();
    });
  });
}

async function removeStaleSocket(path: string, uid: number | undefined): Promise<void> {
  const entry = await ignoreNotFound(lstat(path), undefined);
  if (entry === undefined) return;
  assertReplaceableSocket(entry, path, uid);
  const state = await probe(path);
  if (state === 'live') throw inUse(path);
  if (state === 'gone') return;
  if (!sameFile(await lstat(path), entry)) throw changedError(path);
  await ignoreNotFound(unlink(path), undefined);
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    try {
      server.listen(path);
    } catch (error) {
      server.off('error', onError);
      server.off('listening', onListening);
      throw error;
    }
  });
}

function closeQuietly(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
  });
}

async function restrictSocket(path: string, mode: number, uid: number | undefined): Promise<void> {
  const entry = await lstat(path);
  // Only a swap between listen and here can put anything but our socket at the path.
  if (!entry.isSocket()) throw changedError(path);
  assertOwnedBy(entry, path, uid);
  await chmod(path, mode);
}

/**
 * Makes `server` listen on the Unix socket `path` safely and resolves once it listens with the
 * socket's mode set (`0o600` by default, `0o660` by option). An existing entry at `path` is
 * removed only when `lstat` shows a socket owned by the current user and a connection attempt is
 * refused (a stale socket left by a dead server). On Windows `path` is a named pipe and the
 * file-system steps are skipped.
 *
 * Security: a symlink at `path` is never followed or deleted, and no other kind of file is removed.
 * A live server is never displaced. The directory must be owned by the current user (or root) and
 * writable by nobody else, because the socket exists with the umask's mode for a moment before
 * the `chmod` (`process.umask` is never touched: it is process-wide). Abstract sockets (a leading
 * NUL) and paths longer than the platform's `sun_path` (which Node would silently truncate) are
 * refused. Use {@link socketPath} for a path that meets all this.
 *
 * @throws {SecureFsError} `ERR_SECURE_FS_SYMLINK`, `ERR_SECURE_FS_WRONG_TYPE`, `ERR_SECURE_FS_IN_USE`,
 *   `ERR_SECURE_FS_NOT_OWNER` (socket or directory), `ERR_SECURE_FS_INSECURE_MODE` (an option other
 *   than 0o600/0o660, or a directory others can write), `ERR_SECURE_FS_CHANGED`,
 *   `ERR_SECURE_FS_INVALID_NAME` (abstract or too long); listen errors (`EADDRINUSE`, `EACCES`, …) unchanged.
 */
export async function listenUnixSocket(server: Server, given: PathLike, options: ListenUnixSocketOptions = {}): Promise<void> {
  const path = toPath(given, 'path', { allowNul: true });
  const mode = socketMode(options);
  if (process.platform === 'win32') return listen(server, path);

  assertLocation(path);
  const uid = currentUid();
  assertTrustedParent(await stat(dirname(path)), path, uid);
  await removeStaleSocket(path, uid);
  await listen(server, path);
  try {
    await restrictSocket(path, mode, uid);
  } catch (error) {
    await closeQuietly(server);
    throw error;
  }
}
