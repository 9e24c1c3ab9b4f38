// Pure pieces shared by the async and sync race-free helpers (race-free.ts, no-follow-open.ts).
import { constants, type Stats } from 'node:fs';
import { sep } from 'node:path';

import { hasErrnoCode, nodeError } from '../errors.js';
import { describeMode, NO_FOLLOW } from './identity.js';
import { invalidArg } from './validate.js';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND } = constants;
const O_SYNC = constants.O_SYNC ?? 0;

// The same table as Node's internal stringToFlags, so a string means exactly what it means to fs.open.
const STRING_FLAGS: Readonly<Record<string, number>> = {
  r: O_RDONLY,
  rs: O_RDONLY | O_SYNC,
  sr: O_RDONLY | O_SYNC,
  'r+': O_RDWR,
  'rs+': O_RDWR | O_SYNC,
  'sr+': O_RDWR | O_SYNC,
  w: O_TRUNC | O_CREAT | O_WRONLY,
  wx: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  xw: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'w+': O_TRUNC | O_CREAT | O_RDWR,
  'wx+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  'xw+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  a: O_APPEND | O_CREAT | O_WRONLY,
  ax: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  xa: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  as: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  sa: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'a+': O_APPEND | O_CREAT | O_RDWR,
  'ax+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'xa+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'as+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
  'sa+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
};

/** Numeric open flags for `flags` (an fs flag string or number) with `noFollow` added. */
export function toOpenFlags(flags: string | number, noFollow: number = NO_FOLLOW): number {
  const numeric = typeof flags === 'number' ? flags : STRING_FLAGS[flags];
  if (numeric === undefined || !Number.isInteger(numeric)) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `Unknown file open flag: ${JSON.stringify(flags)}.`);
  }
  return numeric | noFollow;
}

const TRAILING_SEPARATORS = sep === '\\' ? /[\\/]+$/u : /\/+$/u;

/**
 * `path` without trailing separators: `link/` makes the kernel resolve `link` even under
 * O_NOFOLLOW or lstat, so a trailing slash would otherwise smuggle a symlink past every check.
 */
export function finalComponentPath(path: string): string {
  const stripped = path.replace(TRAILING_SEPARATORS, '');
  return stripped === '' || stripped.endsWith(':') ? path : stripped;
}

/** The identity of a path at one moment, as recorded by `snapshotPath`. */
export interface PathSnapshot {
  readonly dev: number;
  readonly ino: number;
  readonly uid: number;
  readonly gid: number;
  /** Full `st_mode`: the file type bits as well as the permission bits. */
  readonly mode: number;
}

/** The frozen snapshot of `lstat`/`fstat` output. */
export function toSnapshot(stats: Stats): PathSnapshot {
  const { dev, ino, uid, gid, mode } = stats;
  return Object.freeze({ dev, ino, uid, gid, mode });
}

function typeName(mode: number): string {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFREG:
      return 'file';
    case constants.S_IFDIR:
      return 'directory';
    case constants.S_IFLNK:
      return 'symlink';
    default:
      return `type 0o${(mode & constants.S_IFMT).toString(8)}`;
  }
}

const SNAPSHOT_KEYS = ['dev', 'ino', 'uid', 'gid', 'mode'] as const;

/** `value` if it has a snapshot's shape; anything else would compare as "changed" or throw a TypeError. */
export function assertSnapshot(value: unknown): PathSnapshot {
  const fields = value as Record<string, unknown> | null;
  if (typeof value !== 'object' || fields === null || SNAPSHOT_KEYS.some((key) => typeof fields[key] !== 'number')) {
    throw invalidArg('The snapshot must be the object snapshotPath or snapshotPathSync returned.');
  }
  return value as PathSnapshot;
}

/** Human-readable differences, e.g. `mode 0o600 → 0o644`; empty when nothing changed. */
export function describeChanges(before: PathSnapshot, after: PathSnapshot): string[] {
  const changes: string[] = [];
  if (before.dev !== after.dev) changes.push(`dev ${before.dev} → ${after.dev}`);
  if (before.ino !== after.ino) changes.push(`ino ${before.ino} → ${after.ino}`);
  if (before.uid !== after.uid) changes.push(`uid ${before.uid} → ${after.uid}`);
  if (before.gid !== after.gid) changes.push(`gid ${before.gid} → ${after.gid}`);
  if ((before.mode ^ after.mode) & constants.S_IFMT) {
    changes.push(`type ${typeName(before.mode)} → ${typeName(after.mode)}`);
  }
  if ((before.mode ^ after.mode) & 0o7777) {
    changes.push(`mode ${describeMode(before.mode)} → ${describeMode(after.mode)}`);
  }
  return changes;
}

/** A path that disappeared (or whose parent became a file) since the snapshot. */
export function isVanished(error: unknown): error is NodeJS.ErrnoException {
  return hasErrnoCode(error, 'ENOENT', 'ENOTDIR');
}
