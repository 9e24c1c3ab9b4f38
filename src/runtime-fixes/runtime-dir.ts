import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstatSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { homedir as osHomedir, userInfo } from 'node:os';
import { posix, win32 } from 'node:path';
import process from 'node:process';

import { SecureFsError } from './errors.js';
import { currentUid } from './internal/identity.js';
import { assertSafeNamePart } from './internal/names.js';
import { ensurePrivateDirAs, ensurePrivateDirAsSync } from './internal/private-dir-impl.js';
import { assertSocketPathFits } from './internal/unix-socket-path.js';

/**
 * The environment the runtime-directory helpers read, injectable for tests. Each field defaults
 * to the live process value, read at call time (never at import time).
 */
export interface RuntimeEnv {
  /** Default `process.env`: `XDG_RUNTIME_DIR`, and `LOCALAPPDATA`/`USERNAME`/`USERDOMAIN` on Windows. */
  env?: NodeJS.ProcessEnv;
  /** Default `process.platform`. Selects the layout; file-system calls always run on the host. */
  platform?: NodeJS.Platform;
  /** The uid that must own the directories. Default the effective uid. */
  uid?: number;
  /** Default `os.homedir()`, asked only when a home-based path is needed. */
  homedir?: string;
}

interface Resolved {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly uid: number | undefined;
  readonly homedir: () => string;
}

const MAX_APP_NAME = 64;

/**
 * Throws unless `name` can serve as a single path component and a pipe name: a non-empty string
 * of at most 64 characters without `/`, `\`, `..`, NUL or other control characters, and not `.`.
 *
 * Security: an app name that passes cannot move a runtime path out of its parent directory or
 * into another user's pipe name.
 *
 * @throws {SecureFsError} `ERR_SECURE_FS_INVALID_NAME`, with the reason and the rejected value.
 */
export function assertValidAppName(name: string): void {
  assertSafeNamePart(name, 'The app name', { allowEmpty: false });
  if (name.length > MAX_APP_NAME) {
    throw new SecureFsError('ERR_SECURE_FS_INVALID_NAME', `The app name must be at most ${MAX_APP_NAME} characters, got ${name.length}.`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/u.test(name)) {
    throw new SecureFsError('ERR_SECURE_FS_INVALID_NAME', `The app name must not contain control characters: ${JSON.stringify(name)}.`);
  }
}

function resolveEnv(options: RuntimeEnv): Resolved {
  return {
    env: options.env ?? process.env,
    platform: options.platform ?? process.platform,
    uid: options.uid ?? currentUid(),
    homedir: () => options.homedir ?? osHomedir(),
  };
}

function absoluteHome(r: Resolved): string {
  const home = r.homedir();
  const flavour = r.platform === 'win32' ? win32 : posix;
  if (!flavour.isAbsolute(home)) {
    throw new SecureFsError(
      'ERR_SECURE_FS_INVALID_NAME',
      `The home directory ${JSON.stringify(home)} is not an absolute path; set HOME or pass options.homedir.`,
    );
  }
  return home;
}

/** `XDG_RUNTIME_DIR` when it is set and absolute; macOS and Windows do not use it. */
function xdgCandidate(r: Resolved): string | undefined {
  if (r.platform === 'darwin' || r.platform === 'win32') return undefined;
  const dir = r.env.XDG_RUNTIME_DIR;
  return dir !== undefined && posix.isAbsolute(dir) ? dir : undefined;
}

/** The XDG Base Directory spec's requirements: a real directory, owned by the user, mode exactly 0700. */
function meetsXdgSpec(stats: Stats | undefined, uid: number | undefined): boolean {
  return (
    stats !== undefined &&
    stats.isDirectory() &&
    (uid === undefined || stats.uid === uid) &&
    (stats.mode & 0o777) === 0o700
  );
}

function fallbackDir(appName: string, r: Resolved): string {
  if (r.platform === 'win32') {
    const local = r.env.LOCALAPPDATA;
    const base = local !== undefined && win32.isAbsolute(local) ? local : win32.join(absoluteHome(r), 'AppData', 'Local');
    return win32.join(base, appName, 'run');
  }
  if (r.platform === 'darwin') return posix.join(absoluteHome(r), 'Library', 'Application Support', appName, 'run');
  return posix.join(absoluteHome(r), `.${appName}`, 'run');
}

function chooseDir(appName: string, r: Resolved, xdg: string | undefined, xdgStats: Stats | undefined): string {
  return xdg !== undefined && meetsXdgSpec(xdgStats, r.uid) ? posix.join(xdg, appName) : fallbackDir(appName, r);
}

/**
 * The per-user runtime directory of `appName`, created if missing and checked with the
 * private-directory helper; resolves to its absolute path.
 *
 * - Linux and other Unix systems: `$XDG_RUNTIME_DIR/<app>` when `XDG_RUNTIME_DIR` is absolute and
 *   meets the XDG Base Directory specification (a directory, not a symlink, owned by the user, mode
 *   0700); otherwise the variable is ignored and `~/.<app>/run` is used.
 * - macOS: `~/Library/Application Support/<app>/run`.
 * - Windows: `%LOCALAPPDATA%\<app>\run` (else `~\AppData\Local\<app>\run`), for pid and lock
 *   files; sockets there are named pipes, see {@link socketPath}.
 *
 * Security: never a shared temp directory. The final directory is mode 0700, owned by the current
 * user and not a symlink (group/other bits are removed, anything else is refused); its parents
 * (the runtime directory or the home directory) are trusted as they are. On Windows it relies on
 * the profile's inherited ACLs, which are not checked.
 *
 * @throws {SecureFsError} `ERR_SECURE_FS_INVALID_NAME` (app name, or a relative home directory),
 *   and the errors of {@link ensurePrivateDir}.
 */
export async function runtimeDir(appName: string, options: RuntimeEnv = {}): Promise<string> {
  assertValidAppName(appName);
  const r = resolveEnv(options);
  const xdg = xdgCandidate(r);
  // Unusable for any reason (missing, unreadable): treated as unset, as the spec asks.
  const xdgStats = xdg === undefined ? undefined : await lstat(xdg).catch(() => undefined);
  const dir = chooseDir(appName, r, xdg, xdgStats);
  return (await ensurePrivateDirAs(dir, { create: true, uid: r.uid })).path;
}

/**
 * Synchronous twin of {@link runtimeDir}, with the same layout and errors.
 *
 * Security: as {@link runtimeDir}.
 */
export function runtimeDirSync(appName: string, options: RuntimeEnv = {}): string {
  assertValidAppName(appName);
  const r = resolveEnv(options);
  const xdg = xdgCandidate(r);
  let xdgStats: Stats | undefined;
  try {
    if (xdg !== undefined) xdgStats = lstatSync(xdg);
  } catch {
    // Unusable for any reason (missing, unreadable): treated as unset, as the spec asks.
  }
  const dir = chooseDir(appName, r, xdg, xdgStats);
  return ensurePrivateDirAsSync(dir, { create: true, uid: r.uid }).path;
}

/**
 * Named pipes share one machine-wide namespace, so two users of one app would collide: the
 * suffix is derived from the (case-insensitive) Windows account, hashed so no user name is published.
 */
function pipePath(appName: string, r: Resolved): string {
  const account = `${r.env.USERDOMAIN ?? ''}\\${r.env.USERNAME ?? userInfo().username}`.toLowerCase();
  const tag = createHash('sha256').update(account).digest('hex').slice(0, 16);
  return `\\\\.\\pipe\\${appName}-${tag}`;
}

function unixSocketPath(dir: string, appName: string, r: Resolved): string {
  const path = posix.join(dir, `${appName}.sock`);
  assertSocketPathFits(path, r.platform);
  return path;
}

/**
 * The path a per-user server of `appName` should listen on: `<runtimeDir>/<app>.sock`, the runtime
 * directory created as by {@link runtimeDir}; on Windows the named pipe `\\.\pipe\<app>-<tag>`, where
 * `<tag>` is 16 hex digits of a SHA-256 of `USERDOMAIN\USERNAME`, so users do not collide.
 * Nothing is created at the path itself: pass it to {@link listenUnixSocket}.
 *
 * Security: the socket path is inside a 0700 directory owned by the current user, so no other
 * user can pre-create, replace or reach it; it is refused when too long for a Unix socket (Node
 * would silently truncate it). A Windows pipe name can still be squatted by another user who
 * knows the tag: clients that must be sure of the server should authenticate it.
 *
 * @throws {SecureFsError} as {@link runtimeDir}, and `ERR_SECURE_FS_INVALID_NAME` when the
 *   path exceeds the platform's Unix socket limit (107 bytes on Linux, 103 elsewhere).
 */
export async function socketPath(appName: string, options: RuntimeEnv = {}): Promise<string> {
  assertValidAppName(appName);
  const r = resolveEnv(options);
  if (r.platform === 'win32') return pipePath(appName, r);
  return unixSocketPath(await runtimeDir(appName, options), appName, r);
}

/**
 * Synchronous twin of {@link socketPath}, with the same paths and errors.
 *
 * Security: as {@link socketPath}.
 */
export function socketPathSync(appName: string, options: RuntimeEnv = {}): string {
  assertValidAppName(appName);
  const r = resolveEnv(options);
  if (r.platform === 'win32') return pipePath(appName, r);
  return unixSocketPath(runtimeDirSync(appName, options), appName, r);
}
