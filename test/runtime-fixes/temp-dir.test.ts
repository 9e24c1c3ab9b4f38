import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { chown, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import process from 'node:process';

import { beforeEach, describe, expect, it } from 'vitest';

import { adoptPrivateDir, adoptPrivateDirSync } from '../../src/runtime-fixes/internal/entry-identity.js';
import type { TempDir } from '../../src/runtime-fixes/temp-dir.js';
import { createTempDir, createTempDirSync, withTempDir, withTempDirSync } from '../../src/runtime-fixes/temp-dir.js';
import { isRoot, NOBODY, scratchDir } from '../helpers/fs.js';

let scratch: string;
beforeEach(async () => {
  scratch = await scratchDir('secure-fs-temp-dir-test-');
});

function expectPrivateDir(path: string): void {
  const stats = lstatSync(path);
  expect(stats.isDirectory()).toBe(true);
  expect(stats.mode & 0o777).toBe(0o700);
  expect(stats.uid).toBe(process.getuid?.());
}

/** Replaces `path` by a symlink to a victim directory holding a file, as an attacker would. */
function swapForSymlink(path: string): { victim: string; victimFile: string } {
  const victim = join(scratch, 'victim');
  mkdirSync(victim, { mode: 0o755 });
  const victimFile = join(victim, 'precious');
  writeFileSync(victimFile, 'keep me');
  renameSync(path, join(scratch, 'moved-away'));
  symlinkSync(victim, path);
  return { victim, victimFile };
}

describe('createTempDir', () => {
  it('creates a 0700 directory owned by the current user under os.tmpdir() by default', async () => {
    const dir = await createTempDir();
    try {
      expect(dirname(dir.path)).toBe(tmpdir());
      expectPrivateDir(dir.path);
    } finally {
      await dir.remove();
    }
  });

  it('is fresh and empty on every call, under the given parent and prefix', async () => {
    const create = (): Promise<TempDir> => createTempDir({ dir: scratch, prefix: 'job-' });
    const dirs = await Promise.all(Array.from({ length: 50 }, create));
    expect(new Set(dirs.map((d) => d.path)).size).toBe(50);
    for (const dir of dirs) {
      expect(dirname(dir.path)).toBe(scratch);
      expect(dir.path.startsWith(join(scratch, 'job-'))).toBe(true);
      expectPrivateDir(dir.path);
      expect(readdirSync(dir.path)).toEqual([]);
    }
    await Promise.all(dirs.map((d) => d.remove()));
  });

  it('is 0700 even when the umask would allow more', async () => {
    const old = process.umask(0);
    try {
      const dir = await createTempDir({ dir: scratch });
      expectPrivateDir(dir.path);
      await dir.remove();
    } finally {
      process.umask(old);
    }
  });

  it.each(['', '../escape', 'a/b', 'a\\b', 'nul\0', '.', 'x'.repeat(129)])('rejects the prefix %j', async (prefix) => {
    await expect(createTempDir({ dir: scratch, prefix })).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_INVALID_NAME',
    });
  });

  it('returns a frozen object that `await using` removes recursively on scope exit', async () => {
    let path: string;
    {
      await using dir = await createTempDir({ dir: scratch });
      path = dir.path;
      expect(Object.isFrozen(dir)).toBe(true);
      mkdirSync(join(path, 'nested'));
      writeFileSync(join(path, 'nested', 'file'), 'x');
    }
    expect(existsSync(path)).toBe(false);
  });

  it('remove() is idempotent, also when called concurrently', async () => {
    const dir = await createTempDir({ dir: scratch });
    await Promise.all([dir.remove(), dir.remove()]);
    await dir.remove();
    expect(existsSync(dir.path)).toBe(false);
  });

  it('remove() after a symlink swap throws ERR_SECURE_FS_CHANGED; link and target stay untouched', async () => {
    const dir = await createTempDir({ dir: scratch });
    const { victim, victimFile } = swapForSymlink(dir.path);
    await expect(dir.remove()).rejects.toMatchObject({ code: 'ERR_SECURE_FS_CHANGED', path: dir.path });
    expect(readlinkSync(dir.path)).toBe(victim);
    expect(readFileSync(victimFile, 'utf8')).toBe('keep me');
  });

  it('remove() refuses a different directory swapped in under the same name', async () => {
    const dir = await createTempDir({ dir: scratch });
    renameSync(dir.path, join(scratch, 'moved-away'));
    mkdirSync(dir.path);
    writeFileSync(join(dir.path, 'other'), 'x');
    await expect(dir.remove()).rejects.toMatchObject({ code: 'ERR_SECURE_FS_CHANGED' });
    expect(existsSync(join(dir.path, 'other'))).toBe(true);
  });

  it('remove() accepts a directory that is already gone', async () => {
    const dir = await createTempDir({ dir: scratch });
    await rm(dir.path, { recursive: true });
    await expect(dir.remove()).resolves.toBeUndefined();
  });
});

/**
 * Shannon entropy of each character position over the sample, summed: an estimate (an upper bound
 * where positions depend on each other) of the random bits in a name, biased low by about
 * (alphabet - 1) / (2 n ln 2) bits a position for n samples.
 */
function estimatedBits(names: readonly string[]): number {
  let bits = 0;
  for (let position = 0; position < names[0]!.length; position++) {
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name[position]!, (counts.get(name[position]!) ?? 0) + 1);
    for (const count of counts.values()) bits -= (count / names.length) * Math.log2(count / names.length);
  }
  return bits;
}

describe('the randomness of the names', () => {
  it('is at least 96 bits, estimated over 1,000 directories from createTempDir and withTempDir', async () => {
    const names: string[] = [];
    for (let i = 0; i < 500; i++) {
      const dir = await createTempDir({ dir: scratch, prefix: 'p-' });
      names.push(basename(dir.path));
      await dir.remove();
      names.push(basename(await withTempDir((path) => path, { dir: scratch, prefix: 'p-' })));
    }
    expect(new Set(names).size).toBe(1000);
    expect(new Set(names.map((n) => n.length)).size).toBe(1);
    const random = names.map((n) => n.slice('p-'.length));
    expect(estimatedBits(random)).toBeGreaterThanOrEqual(96);
    // The estimator is not lenient: mkdtemp's own six characters come out at about 35 bits.
    expect(estimatedBits(random.map((n) => n.slice(-6)))).toBeLessThan(36);
  });
});

describe('planted symlink at the created name', () => {
  // mkdtemp picks the name itself, so the test drives the step that takes possession of the new
  // name: it must refuse a link instead of chmod-ing (or later deleting) what the link points to.
  it('adoptPrivateDir refuses a symlink with ERR_SECURE_FS_SYMLINK and does not chmod its target', async () => {
    const victim = join(scratch, 'victim');
    mkdirSync(victim, { mode: 0o755 });
    const planted = join(scratch, 'tmp-guessed');
    symlinkSync(victim, planted);
    await expect(adoptPrivateDir(planted)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK', path: planted });
    expect(() => adoptPrivateDirSync(planted)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_SYMLINK' }));
    expect(statSync(victim).mode & 0o777).toBe(0o755);
  });

  it('adoptPrivateDir refuses a file planted at the name with ERR_SECURE_FS_WRONG_TYPE', async () => {
    const planted = join(scratch, 'tmp-file');
    writeFileSync(planted, 'x', { mode: 0o644 });
    await expect(adoptPrivateDir(planted)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_WRONG_TYPE' });
    expect(statSync(planted).mode & 0o777).toBe(0o644);
  });

  it.skipIf(!isRoot)('adoptPrivateDir refuses a directory owned by another user (needs root to chown)', async () => {
    const planted = join(scratch, 'tmp-foreign');
    mkdirSync(planted);
    chmodSync(planted, 0o777);
    await chown(planted, NOBODY, NOBODY);
    await expect(adoptPrivateDir(planted)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_NOT_OWNER' });
    expect(statSync(planted).mode & 0o777).toBe(0o777);
  });
});

describe('createTempDirSync', () => {
  it('creates a private directory that `using` removes', () => {
    let path: string;
    {
      using dir = createTempDirSync({ dir: scratch });
      path = dir.path;
      expectPrivateDir(path);
      writeFileSync(join(path, 'f'), 'x');
    }
    expect(existsSync(path)).toBe(false);
  });

  it('remove() after a symlink swap throws ERR_SECURE_FS_CHANGED and keeps the target', () => {
    const dir = createTempDirSync({ dir: scratch });
    const { victimFile } = swapForSymlink(dir.path);
    expect(() => dir.remove()).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_CHANGED' }));
    expect(readFileSync(victimFile, 'utf8')).toBe('keep me');
    expect(lstatSync(dir.path).isSymbolicLink()).toBe(true);
  });
});

describe('withTempDir', () => {
  it('passes a fresh private dir, returns the result and removes the dir', async () => {
    let seen = '';
    const result = await withTempDir(
      (path) => {
        seen = path;
        expectPrivateDir(path);
        writeFileSync(join(path, 'f'), 'x');
        return 42;
      },
      { parent: scratch },
    );
    expect(result).toBe(42);
    expect(existsSync(seen)).toBe(false);
  });

  it('removes the dir when fn throws and rethrows the very same error', async () => {
    const bodyError = new Error('body failed');
    let seen = '';
    const failure = await withTempDir(
      async (path) => {
        seen = path;
        await Promise.resolve();
        throw bodyError;
      },
      { parent: scratch },
    ).catch((error: unknown) => error);
    expect(failure).toBe(bodyError);
    expect(existsSync(seen)).toBe(false);
  });

  it('throws a SuppressedError-shaped error when fn and the cleanup both fail', async () => {
    const bodyError = new Error('body failed');
    const failure = await withTempDir(
      (path) => {
        swapForSymlink(path);
        throw bodyError;
      },
      { parent: scratch },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ name: 'SuppressedError', suppressed: bodyError });
    expect((failure as { error: unknown }).error).toMatchObject({ code: 'ERR_SECURE_FS_CHANGED' });
  });
});

describe('withTempDirSync', () => {
  it('removes the dir when fn throws and rethrows the same error', () => {
    const bodyError = new Error('sync body failed');
    let seen = '';
    expect(() =>
      withTempDirSync(
        (path) => {
          seen = path;
          throw bodyError;
        },
        { parent: scratch },
      ),
    ).toThrow(bodyError);
    expect(existsSync(seen)).toBe(false);
  });

  it('throws a SuppressedError-shaped error when fn and the cleanup both fail', () => {
    const bodyError = new Error('sync body failed');
    let failure: unknown;
    try {
      withTempDirSync(
        (path) => {
          swapForSymlink(path);
          throw bodyError;
        },
        { parent: scratch },
      );
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({
      name: 'SuppressedError',
      suppressed: bodyError,
      error: { code: 'ERR_SECURE_FS_CHANGED' },
    });
  });
});
