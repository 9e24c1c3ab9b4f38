import {
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import process from 'node:process';

import { beforeEach, describe, expect, it } from 'vitest';

import {
  createExclusive,
  createExclusiveSync,
  openExclusive,
  openExclusiveSync,
} from '../../src/runtime-fixes/internal/exclusive-file.js';
import { MAX_NAME_ATTEMPTS } from '../../src/runtime-fixes/internal/names.js';
import { createTempFile, createTempFileSync, withTempFile } from '../../src/runtime-fixes/temp-file.js';
import { scratchDir } from '../helpers/fs.js';

let scratch: string;
beforeEach(async () => {
  scratch = await scratchDir('secure-fs-temp-file-test-');
});

function expectPrivateFile(path: string): void {
  const stats = lstatSync(path);
  expect(stats.isFile()).toBe(true);
  expect(stats.mode & 0o777).toBe(0o600);
  expect(stats.uid).toBe(process.getuid?.());
}

/** A file an attacker wants us to overwrite, and a symlink to it at `name`. */
function plantSymlink(name: string): { link: string; victim: string } {
  const victim = join(scratch, 'victim');
  writeFileSync(victim, 'original', { mode: 0o644 });
  const link = join(scratch, name);
  symlinkSync(victim, link);
  return { link, victim };
}

function expectVictimUntouched(victim: string): void {
  expect(readFileSync(victim, 'utf8')).toBe('original');
  expect(statSync(victim).mode & 0o777).toBe(0o644);
}

describe('createTempFile', () => {
  it('creates an open 0600 file owned by the current user in os.tmpdir() by default', async () => {
    await using file = await createTempFile();
    expect(dirname(file.path)).toBe(tmpdir());
    expectPrivateFile(file.path);
    await file.handle.writeFile('hello');
    expect(readFileSync(file.path, 'utf8')).toBe('hello');
  });

  it('uses prefix, suffix and a 128-bit random part', async () => {
    await using file = await createTempFile({ dir: scratch, prefix: 'report-', suffix: '.json' });
    expect(basename(file.path)).toMatch(/^report-[0-9a-f]{32}\.json$/u);
  });

  it('gives 200 distinct 0600 files to 200 concurrent calls', async () => {
    const files = await Promise.all(Array.from({ length: 200 }, () => createTempFile({ dir: scratch })));
    try {
      expect(new Set(files.map((f) => f.path)).size).toBe(200);
      for (const file of files) expectPrivateFile(file.path);
    } finally {
      await Promise.all(files.map((f) => f.remove()));
    }
    expect(files.some((f) => existsSync(f.path))).toBe(false);
  });

  it('is 0600 even with umask 0', async () => {
    const old = process.umask(0);
    try {
      await using file = await createTempFile({ dir: scratch });
      expectPrivateFile(file.path);
    } finally {
      process.umask(old);
    }
  });

  it.each([
    ['prefix', '../x'],
    ['prefix', 'a/b'],
    ['suffix', '/etc'],
    ['suffix', '..'],
    ['suffix', 'x\0'],
  ])('rejects the %s %j', async (key, value) => {
    await expect(createTempFile({ dir: scratch, [key]: value })).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_INVALID_NAME',
    });
  });

  it('`await using` closes and deletes the file even when the scope throws', async () => {
    let path = '';
    await expect(
      (async () => {
        await using file = await createTempFile({ dir: scratch });
        path = file.path;
        throw new Error('scope failed');
      })(),
    ).rejects.toThrow('scope failed');
    expect(existsSync(path)).toBe(false);
  });

  it('remove() is idempotent and closes the handle', async () => {
    const file = await createTempFile({ dir: scratch });
    await Promise.all([file.remove(), file.remove()]);
    await file.remove();
    expect(existsSync(file.path)).toBe(false);
    await expect(file.handle.stat()).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('remove() after a symlink swap throws ERR_SECURE_FS_CHANGED and leaves link and target alone', async () => {
    const file = await createTempFile({ dir: scratch });
    renameSync(file.path, join(scratch, 'moved-away'));
    const victim = join(scratch, 'victim');
    writeFileSync(victim, 'original', { mode: 0o644 });
    symlinkSync(victim, file.path);
    await expect(file.remove()).rejects.toMatchObject({ code: 'ERR_SECURE_FS_CHANGED' });
    expect(readlinkSync(file.path)).toBe(victim);
    expectVictimUntouched(victim);
  });

  describe('persist', () => {
    it('moves the file to a new destination without clobbering, keeping 0600', async () => {
      const dest = join(scratch, 'final.txt');
      const file = await createTempFile({ dir: scratch });
      await file.handle.writeFile('content');
      await file.persist(dest);
      await file.remove();
      expect(readFileSync(dest, 'utf8')).toBe('content');
      expectPrivateFile(dest);
      expect(existsSync(file.path)).toBe(false);
    });

    it('refuses an existing destination with EEXIST by default, and the temp file survives', async () => {
      const dest = join(scratch, 'taken');
      writeFileSync(dest, 'old');
      await using file = await createTempFile({ dir: scratch });
      await expect(file.persist(dest)).rejects.toMatchObject({ code: 'EEXIST' });
      expect(readFileSync(dest, 'utf8')).toBe('old');
      expect(existsSync(file.path)).toBe(true);
    });

    it('refuses a symlink planted at the destination and does not write through it', async () => {
      const { link, victim } = plantSymlink('dest-link');
      await using file = await createTempFile({ dir: scratch });
      await file.handle.writeFile('attacker wins?');
      await expect(file.persist(link)).rejects.toMatchObject({ code: 'EEXIST' });
      expectVictimUntouched(victim);
    });

    it('with overwrite: true replaces the destination; a planted symlink itself, not its target', async () => {
      const { link, victim } = plantSymlink('dest-link');
      const file = await createTempFile({ dir: scratch });
      await file.handle.writeFile('new');
      await file.persist(link, { overwrite: true });
      await file.remove();
      expect(lstatSync(link).isFile()).toBe(true);
      expect(readFileSync(link, 'utf8')).toBe('new');
      expectVictimUntouched(victim);
    });

    it('cannot persist twice, and remove() after persist leaves the destination', async () => {
      const dest = join(scratch, 'once');
      const file = await createTempFile({ dir: scratch });
      await file.persist(dest);
      await expect(file.persist(join(scratch, 'twice'))).rejects.toMatchObject({ code: 'ERR_INVALID_STATE' });
      writeFileSync(file.path, 'someone else reused the old name');
      await file.remove();
      expect(existsSync(dest)).toBe(true);
      expect(existsSync(file.path)).toBe(true);
    });

    it('refuses to persist a temp path that was swapped for another file', async () => {
      const file = await createTempFile({ dir: scratch });
      renameSync(file.path, join(scratch, 'moved-away'));
      writeFileSync(file.path, 'attacker content');
      const dest = join(scratch, 'dest');
      await expect(file.persist(dest)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_CHANGED' });
      expect(existsSync(dest)).toBe(false);
      await expect(file.remove()).rejects.toMatchObject({ code: 'ERR_SECURE_FS_CHANGED' });
    });
  });
});

describe('exclusive creation at a planted name', () => {
  it('openExclusive fails with EEXIST on a symlink planted at the exact name; its target is untouched', async () => {
    const { link, victim } = plantSymlink('guessed');
    await expect(openExclusive(link, 0o600)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(() => openExclusiveSync(link, 0o600)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expectVictimUntouched(victim);
  });

  it('openExclusive fails with EEXIST on a dangling symlink instead of creating its target', async () => {
    const target = join(scratch, 'would-be-created');
    const link = join(scratch, 'dangling');
    symlinkSync(target, link);
    await expect(openExclusive(link, 0o600)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(existsSync(target)).toBe(false);
  });

  it('openExclusive fails with EEXIST on a pre-created file and does not truncate it', async () => {
    const planted = join(scratch, 'precreated');
    writeFileSync(planted, 'attacker data', { mode: 0o666 });
    await expect(openExclusive(planted, 0o600)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(planted, 'utf8')).toBe('attacker data');
  });

  it('createExclusive retries past names that are taken', async () => {
    const names = ['a', 'b', 'c', 'fresh'];
    for (const name of names.slice(0, 3)) symlinkSync(join(scratch, 'nowhere'), join(scratch, name));
    const { path, handle } = await createExclusive(scratch, () => names.shift() ?? 'unexpected', 0o600);
    await handle.close();
    expect(basename(path)).toBe('fresh');
    expectPrivateFile(path);
  });

  it(`gives up with ERR_SECURE_FS_NAME_EXHAUSTED after ${MAX_NAME_ATTEMPTS} taken names`, async () => {
    const { victim } = plantSymlink('always-taken');
    let calls = 0;
    const name = (): string => {
      calls++;
      return 'always-taken';
    };
    await expect(createExclusive(scratch, name, 0o600)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_NAME_EXHAUSTED' });
    expect(calls).toBe(MAX_NAME_ATTEMPTS);
    expect(() => createExclusiveSync(scratch, name, 0o600)).toThrow(
      expect.objectContaining({ code: 'ERR_SECURE_FS_NAME_EXHAUSTED' }),
    );
    expectVictimUntouched(victim);
  });
});

describe('createTempFileSync', () => {
  it('creates a 0600 file that `using` closes and deletes', () => {
    let path: string;
    {
      using file = createTempFileSync({ dir: scratch, suffix: '.bin' });
      path = file.path;
      expectPrivateFile(path);
      writeSync(file.fd, 'data');
      expect(readFileSync(path, 'utf8')).toBe('data');
    }
    expect(existsSync(path)).toBe(false);
  });

  it('persists without clobbering and refuses an existing destination', () => {
    const dest = join(scratch, 'dest');
    writeFileSync(dest, 'old');
    const file = createTempFileSync({ dir: scratch });
    writeSync(file.fd, 'new');
    expect(() => file.persist(dest)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    file.persist(dest, { overwrite: true });
    file.remove();
    file.remove();
    expect(readFileSync(dest, 'utf8')).toBe('new');
    expectPrivateFile(dest);
  });
});

describe('withTempFile', () => {
  it('removes the file after the callback and returns its result', async () => {
    let path = '';
    const result = await withTempFile(
      async (file) => {
        path = file.path;
        await file.handle.writeFile('x');
        return 'done';
      },
      { dir: scratch },
    );
    expect(result).toBe('done');
    expect(existsSync(path)).toBe(false);
  });

  it('removes the file when the callback throws and rethrows the same error', async () => {
    const bodyError = new Error('body failed');
    let path = '';
    const failure = await withTempFile(
      (file) => {
        path = file.path;
        throw bodyError;
      },
      { dir: scratch },
    ).catch((error: unknown) => error);
    expect(failure).toBe(bodyError);
    expect(existsSync(path)).toBe(false);
  });

  it('throws a SuppressedError-shaped error when the callback and the cleanup both fail', async () => {
    const bodyError = new Error('body failed');
    const failure = await withTempFile(
      (file) => {
        renameSync(file.path, join(scratch, 'moved-away'));
        symlinkSync(join(scratch, 'moved-away'), file.path);
        throw bodyError;
      },
      { dir: scratch },
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      name: 'SuppressedError',
      suppressed: bodyError,
      error: { code: 'ERR_SECURE_FS_CHANGED' },
    });
  });

  it('keeps a file the callback persisted', async () => {
    const dest = join(scratch, 'kept');
    await withTempFile((file) => file.persist(dest), { dir: scratch });
    expect(existsSync(dest)).toBe(true);
  });
});
