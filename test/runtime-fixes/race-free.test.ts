import { closeSync, constants, readFileSync, writeFileSync } from 'node:fs';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  readFile,
  readlink,
  rename,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';

import { beforeEach, describe, expect, it } from 'vitest';

import { openGuarded, openGuardedSync } from '../../src/runtime-fixes/internal/no-follow-open.js';
import {
  assertUnchanged,
  assertUnchangedSync,
  createOrFail,
  createOrFailSync,
  openNoFollow,
  openNoFollowSync,
  removeIfExists,
  removeIfExistsSync,
  snapshotPath,
  snapshotPathSync,
  type PathSnapshot,
} from '../../src/runtime-fixes/race-free.js';
import { isRoot, NOBODY, scratchDir } from '../helpers/fs.js';

const SECRET = 'do not touch';

let dir: string;
let outside: string;

beforeEach(async () => {
  dir = await scratchDir('secure-fs-rf-');
  outside = await scratchDir('secure-fs-rf-outside-');
});

/** A file outside the working directory that an attacker would like us to write through. */
async function plantTarget(): Promise<string> {
  const target = join(outside, 'target');
  await writeFile(target, SECRET, { mode: 0o600 });
  return target;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<Error & { code: string; cause?: unknown }> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but it succeeded`);
    },
    (e: unknown) => e as Error & { code: string },
  );
  expect(error.code).toBe(code);
  return error;
}

function catchSync(fn: () => unknown): Error & { code: string; cause?: unknown } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected an error, but it succeeded');
}

describe('openNoFollow', () => {
  it('opens a regular file and returns its handle with the fstat of that handle', async () => {
    const file = join(dir, 'file');
    await writeFile(file, 'hello');
    const result = await openNoFollow(file, 'r');
    try {
      expect(Object.isFrozen(result)).toBe(true);
      expect(result.stat.ino).toBe((await lstat(file)).ino);
      expect(await result.handle.readFile('utf8')).toBe('hello');
    } finally {
      await result.handle.close();
    }
  });

  it.each(['r', 'r+', 'w', 'a', constants.O_WRONLY | constants.O_TRUNC])(
    'refuses a symlink swapped in before the open (flags %s) and leaves its target untouched',
    async (flags) => {
      const file = join(dir, 'file');
      await writeFile(file, 'mine');
      const target = await plantTarget();
      await unlink(file);
      await symlink(target, file);

      const error = await expectCode(openNoFollow(file, flags), 'ERR_SECURE_FS_SYMLINK');
      expect((error.cause as { code?: string }).code).toBe('ELOOP');
      expect(await readFile(target, 'utf8')).toBe(SECRET);
    },
  );

  it('refuses a dangling symlink for "w" without creating its target', async () => {
    const link = join(dir, 'link');
    const target = join(outside, 'would-be-created');
    await symlink(target, link);
    await expectCode(openNoFollow(link, 'w'), 'ERR_SECURE_FS_SYMLINK');
    await expectCode(stat(target), 'ENOENT');
  });

  it('does not let a trailing slash resolve a symlink to a directory', async () => {
    const link = join(dir, 'link');
    await symlink(outside, link);
    await expectCode(openNoFollow(`${link}/`, 'r'), 'ERR_SECURE_FS_SYMLINK');
  });

  it('creates a new file with mode 0600 by default, whatever the umask', async () => {
    const file = join(dir, 'new');
    const { handle, stat: st } = await openNoFollow(file, 'wx');
    await handle.close();
    expect(st.mode & 0o777).toBe(0o600);
  });

  it('passes other open errors through untouched (EEXIST for "wx" on an existing file)', async () => {
    const file = join(dir, 'file');
    await writeFile(file, 'x');
    await expectCode(openNoFollow(file, 'wx'), 'EEXIST');
  });

  it('rejects an unknown flag string', async () => {
    await expectCode(openNoFollow(join(dir, 'x'), 'rw'), 'ERR_INVALID_ARG_VALUE');
  });

  it('sync: returns an fd and refuses a swapped-in symlink', async () => {
    const file = join(dir, 'file');
    await writeFile(file, 'hello');
    const { fd, stat: st } = openNoFollowSync(file, 'r+');
    closeSync(fd);
    expect(st.isFile()).toBe(true);

    const target = await plantTarget();
    await unlink(file);
    await symlink(target, file);
    expect(catchSync(() => openNoFollowSync(file, 'w')).code).toBe('ERR_SECURE_FS_SYMLINK');
    expect(await readFile(target, 'utf8')).toBe(SECRET);
  });

  describe('fallback where O_NOFOLLOW is missing (lstat before, dev/ino compared after)', () => {
    it('refuses a symlink and leaves its target untouched', async () => {
      const link = join(dir, 'link');
      const target = await plantTarget();
      await symlink(target, link);
      await expectCode(openGuarded(link, 'w', undefined, 0), 'ERR_SECURE_FS_SYMLINK');
      expect(catchSync(() => openGuardedSync(link, 'w', undefined, 0)).code).toBe('ERR_SECURE_FS_SYMLINK');
      expect(await readFile(target, 'utf8')).toBe(SECRET);
    });

    it('opens an existing file and creates a new one', async () => {
      const file = join(dir, 'file');
      await writeFile(file, 'hello');
      const opened = await openGuarded(file, 'r', undefined, 0);
      expect(await opened.handle.readFile('utf8')).toBe('hello');
      await opened.handle.close();

      const created = openGuardedSync(join(dir, 'new'), 'wx', undefined, 0);
      closeSync(created.fd);
      expect(created.stat.mode & 0o777).toBe(0o600);
    });
  });
});

const snapshotVariants = [
  {
    name: 'async',
    snapshot: (path: string) => snapshotPath(path),
    assert: (path: string, s: PathSnapshot, log: (d: string) => void) => assertUnchanged(path, s, { log }),
  },
  {
    name: 'sync',
    snapshot: async (path: string) => snapshotPathSync(path),
    assert: async (path: string, s: PathSnapshot, log: (d: string) => void) => assertUnchangedSync(path, s, { log }),
  },
];

// Words that would tell a reader of the error which check tripped.
const PROPERTY_WORDS = /\b(?:mode|0o\d+|uid|gid|owner|group|ino|inode|dev|device|type|symlink|link|permissions?)\b/iu;

describe.each(snapshotVariants)('snapshotPath / assertUnchanged ($name)', ({ snapshot, assert }) => {
  let file: string;
  let logs: string[];
  const log = (detail: string) => logs.push(detail);

  beforeEach(async () => {
    file = join(dir, 'checked');
    await writeFile(file, 'original', { mode: 0o600 });
    await chmod(file, 0o600);
    logs = [];
  });

  async function expectChanged(s: PathSnapshot, detail: RegExp): Promise<void> {
    const error = await expectCode(assert(file, s, log), 'ERR_SECURE_FS_CHANGED');
    expect(error.name).toBe('SecureFsError');
    expect(error.message.replace(file, '<path>')).not.toMatch(PROPERTY_WORDS);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(detail);
  }

  it('records dev, ino, uid, gid and mode in a frozen object', async () => {
    const s = await snapshot(file);
    const st = await lstat(file);
    expect(s).toEqual({ dev: st.dev, ino: st.ino, uid: st.uid, gid: st.gid, mode: st.mode });
    expect(Object.isFrozen(s)).toBe(true);
  });

  it('passes when nothing changed (content changes are not identity changes)', async () => {
    const s = await snapshot(file);
    await writeFile(file, 'edited in place');
    await assert(file, s, log);
    expect(logs).toEqual([]);
  });

  it('refuses a mode change between snapshot and verify', async () => {
    const s = await snapshot(file);
    await chmod(file, 0o644);
    await expectChanged(s, /mode 0o600 → 0o644/u);
  });

  const ownerTest = 'refuses an owner change between snapshot and verify (chown needs root: skipped when not root)';
  it.skipIf(!isRoot)(ownerTest, async () => {
    const s = await snapshot(file);
    await chown(file, NOBODY, NOBODY);
    await expectChanged(s, new RegExp(`uid 0 → ${NOBODY}, gid \\d+ → ${NOBODY}`, 'u'));
  });

  it('refuses the file swapped for a symlink between snapshot and verify', async () => {
    const s = await snapshot(file);
    const target = await plantTarget();
    await unlink(file);
    await symlink(target, file);
    // The freed inode number is often reused at once, so the file type is what must catch it.
    await expectChanged(s, /type file → symlink/u);
    expect(await readlink(file)).toBe(target);
  });

  it('refuses a replacement by a new file (new inode, same owner and mode)', async () => {
    const s = await snapshot(file);
    const replacement = join(dir, 'replacement');
    await writeFile(replacement, 'original', { mode: 0o600 });
    await chmod(replacement, 0o600);
    await rename(replacement, file);
    await expectChanged(s, /^[^ ]+: ino \d+ → \d+$/u);
  });

  it('treats a vanished path as changed and keeps the ENOENT as cause', async () => {
    const s = await snapshot(file);
    await unlink(file);
    const error = await expectCode(assert(file, s, log), 'ERR_SECURE_FS_CHANGED');
    expect((error.cause as { code?: string }).code).toBe('ENOENT');
    expect(logs[0]).toMatch(/no longer exists \(ENOENT\)/u);
  });

  it('lets a failing snapshot throw the Node error', async () => {
    await expectCode(snapshot(join(dir, 'missing')), 'ENOENT');
  });
});

const createVariants = [
  { name: 'async', create: createOrFail },
  { name: 'sync', create: async (...args: Parameters<typeof createOrFailSync>) => createOrFailSync(...args) },
];

describe.each(createVariants)('createOrFail ($name)', ({ create }) => {
  it('creates a new file with the data and mode 0600', async () => {
    const file = join(dir, 'new');
    expect(await create(file, 'data')).toEqual({ created: true });
    expect(await readFile(file, 'utf8')).toBe('data');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('applies the requested mode exactly, independent of the umask', async () => {
    const file = join(dir, 'shared');
    await create(file, new Uint8Array([1, 2, 3]), { mode: 0o666 });
    expect((await stat(file)).mode & 0o777).toBe(0o666);
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
  });

  it('returns created:false for an existing file and leaves it untouched', async () => {
    const file = join(dir, 'existing');
    writeFileSync(file, 'old', { mode: 0o644 });
    await chmod(file, 0o644);
    expect(await create(file, 'new')).toEqual({ created: false });
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it('returns created:false for a planted symlink and leaves link and target untouched', async () => {
    const link = join(dir, 'planted');
    const target = await plantTarget();
    await symlink(target, link);
    expect(await create(link, 'attacker wins?')).toEqual({ created: false });
    expect(await readFile(target, 'utf8')).toBe(SECRET);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readlink(link)).toBe(target);
  });

  it('returns created:false for a dangling symlink without creating its target', async () => {
    const link = join(dir, 'dangling');
    const target = join(outside, 'would-be-created');
    await symlink(target, link);
    expect(await create(link, 'x')).toEqual({ created: false });
    await expectCode(stat(target), 'ENOENT');
  });

  it('removes the file it created when the write fails, and rethrows', async () => {
    const file = join(dir, 'partial');
    await expectCode(create(file, 42 as unknown as string), 'ERR_INVALID_ARG_TYPE');
    await expectCode(lstat(file), 'ENOENT');
  });

  it('rethrows errors other than EEXIST', async () => {
    await expectCode(create(join(dir, 'missing-parent', 'file'), 'x'), 'ENOENT');
  });
});

const removeVariants = [
  { name: 'async', remove: removeIfExists },
  { name: 'sync', remove: async (path: string) => removeIfExistsSync(path) },
];

describe.each(removeVariants)('removeIfExists ($name)', ({ remove }) => {
  it('returns false for a missing path', async () => {
    expect(await remove(join(dir, 'missing'))).toBe(false);
  });

  it('removes a file', async () => {
    const file = join(dir, 'file');
    await writeFile(file, 'x');
    expect(await remove(file)).toBe(true);
    await expectCode(lstat(file), 'ENOENT');
  });

  it('removes a directory recursively', async () => {
    const sub = join(dir, 'sub');
    await mkdir(join(sub, 'deeper'), { recursive: true });
    await writeFile(join(sub, 'deeper', 'file'), 'x');
    expect(await remove(sub)).toBe(true);
    await expectCode(lstat(sub), 'ENOENT');
  });

  it('removes a symlink to a file outside, not its target', async () => {
    const link = join(dir, 'link');
    const target = await plantTarget();
    await symlink(target, link);
    expect(await remove(link)).toBe(true);
    await expectCode(lstat(link), 'ENOENT');
    expect(await readFile(target, 'utf8')).toBe(SECRET);
  });

  it('removes a symlink to a directory outside, even written with a trailing slash', async () => {
    const link = join(dir, 'dirlink');
    const target = await plantTarget();
    await symlink(outside, link);
    expect(await remove(`${link}/`)).toBe(true);
    await expectCode(lstat(link), 'ENOENT');
    expect(await readFile(target, 'utf8')).toBe(SECRET);
  });

  it('does not descend into a symlink inside a removed directory', async () => {
    const sub = join(dir, 'sub');
    await mkdir(sub);
    const target = await plantTarget();
    await symlink(outside, join(sub, 'escape'));
    expect(await remove(sub)).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(SECRET);
  });

  it('rethrows errors other than ENOENT (ENOTDIR under a file)', async () => {
    const file = join(dir, 'file');
    await writeFile(file, 'x');
    await expectCode(remove(join(file, 'child')), 'ENOTDIR');
  });
});
