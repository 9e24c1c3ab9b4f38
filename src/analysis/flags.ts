import { constants } from 'node:fs';

/** What an open flag (string or number) asks for. */
export interface OpenFlags {
  readonly write: boolean;
  readonly create: boolean;
  /** O_EXCL with O_CREAT: fails if anything, even a dangling symlink, is already there. */
  readonly exclusive: boolean;
  readonly append: boolean;
  readonly truncate: boolean;
  /** O_NOFOLLOW: fails on a symlink at the final component instead of opening its target. */
  readonly noFollow: boolean;
}

// Node's string flags (fs.md "File system flags"); `s` (sync) does not change what is created.
const STRING_FLAGS: Record<string, OpenFlags> = {
  r: { write: false, create: false, exclusive: false, append: false, truncate: false, noFollow: false },
  'r+': { write: true, create: false, exclusive: false, append: false, truncate: false, noFollow: false },
  w: { write: true, create: true, exclusive: false, append: false, truncate: true, noFollow: false },
  'w+': { write: true, create: true, exclusive: false, append: false, truncate: true, noFollow: false },
  wx: { write: true, create: true, exclusive: true, append: false, truncate: true, noFollow: false },
  'wx+': { write: true, create: true, exclusive: true, append: false, truncate: true, noFollow: false },
  a: { write: true, create: true, exclusive: false, append: true, truncate: false, noFollow: false },
  'a+': { write: true, create: true, exclusive: false, append: true, truncate: false, noFollow: false },
  ax: { write: true, create: true, exclusive: true, append: true, truncate: false, noFollow: false },
  'ax+': { write: true, create: true, exclusive: true, append: true, truncate: false, noFollow: false },
};

/** Parses `'wx'`, `'xw'`, `'rs+'`, `'as'`, or a numeric `O_*` combination; undefined when unknown. */
export function parseOpenFlags(flags: unknown): OpenFlags | undefined {
  if (typeof flags === 'string') {
    const canonical = flags.replace(/s/gu, '').replace(/^x([wa])/u, '$1x');
    return STRING_FLAGS[canonical];
  }
  if (typeof flags === 'number') {
    const access = flags & (constants.O_WRONLY | constants.O_RDWR);
    const create = (flags & constants.O_CREAT) !== 0;
    return {
      write: access !== 0,
      create,
      exclusive: create && (flags & constants.O_EXCL) !== 0,
      append: (flags & constants.O_APPEND) !== 0,
      truncate: (flags & constants.O_TRUNC) !== 0,
      // Windows has no O_NOFOLLOW.
      noFollow: (flags & (constants.O_NOFOLLOW ?? 0)) !== 0,
    };
  }
  return undefined;
}

/** Node's default when a write call gets no flag. */
export const DEFAULT_WRITE_FLAGS = STRING_FLAGS.w!;
export const DEFAULT_APPEND_FLAGS = STRING_FLAGS.a!;
export const DEFAULT_READ_FLAGS = STRING_FLAGS.r!;
