import { chmodSync, chownSync, lstatSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

import { ensurePrivateDir, ensurePrivateDirSync } from '../../src/runtime-fixes/private-dir.js';
import { isRoot, modeOf as mode, NOBODY, scratchDir } from '../helpers/fs.js';

let root: string;
beforeEach(async () => {
  root = await scratchDir('secure-fs-private-dir-');
});

describe.each([
  ['ensurePrivateDir', (dir: string, o?: { create?: boolean }) => ensurePrivateDir(dir, o)],
  ['ensurePrivateDirSync', async (dir: string, o?: { create?: boolean }) => ensurePrivateDirSync(dir, o)],
] as const)('%s', (_name, ensure) => {
  it('creates a missing directory with mode 0700, and its missing parents', async () => {
    const dir = join(root, 'a', 'b', 'private');
    const result = await ensure(dir);
    expect(result).toEqual({ path: dir, created: true, tightened: false });
    expect(Object.isFrozen(result)).toBe(true);
    expect(mode(dir)).toBe(0o700);
    expect(lstatSync(join(root, 'a')).isDirectory()).toBe(true);
  });

  it('accepts an existing private directory without changing it', async () => {
    const dir = join(root, 'existing');
    mkdirSync(dir, { mode: 0o700 });
    expect(await ensure(dir)).toEqual({ path: dir, created: false, tightened: false });
    expect(mode(dir)).toBe(0o700);
  });

  it('tightens a 0777 directory to 0700', async () => {
    const dir = join(root, 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(await ensure(dir)).toEqual({ path: dir, created: false, tightened: true });
    expect(mode(dir)).toBe(0o700);
  });

  it('create: false verifies and tightens but never creates', async () => {
    const dir = join(root, 'verify');
    await expect(ensure(dir, { create: false })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => lstatSync(dir)).toThrow();
    mkdirSync(dir);
    chmodSync(dir, 0o750);
    expect(await ensure(dir, { create: false })).toEqual({ path: dir, created: false, tightened: true });
    expect(mode(dir)).toBe(0o700);
  });

  it('refuses a symlink planted at the directory and leaves its target untouched', async () => {
    const target = join(root, 'victim');
    mkdirSync(target);
    chmodSync(target, 0o755);
    const dir = join(root, 'link');
    symlinkSync(target, dir);
    await expect(ensure(dir)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK', path: dir });
    await expect(ensure(dir, { create: false })).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK' });
    expect(mode(target)).toBe(0o755);
    expect(lstatSync(dir).isSymbolicLink()).toBe(true);
  });

  it('refuses a dangling symlink instead of creating its target', async () => {
    const dir = join(root, 'dangling');
    symlinkSync(join(root, 'nowhere'), dir);
    await expect(ensure(dir)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK' });
    expect(() => lstatSync(join(root, 'nowhere'))).toThrow();
  });

  it('refuses a regular file at the path', async () => {
    const dir = join(root, 'file');
    writeFileSync(dir, 'data', { mode: 0o644 });
    await expect(ensure(dir)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_WRONG_TYPE', path: dir });
    expect(mode(dir)).toBe(0o644);
  });

  it('rejects an empty path instead of using the working directory', async () => {
    await expect(ensure('')).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INVALID_NAME' });
  });

  it.skipIf(!isRoot)('refuses a directory owned by another user (needs root to chown to uid 65534)', async () => {
    const dir = join(root, 'theirs');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    chownSync(dir, NOBODY, NOBODY);
    await expect(ensure(dir)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_NOT_OWNER', path: dir });
    expect(mode(dir)).toBe(0o777);
    expect(statSync(dir).uid).toBe(65534);
  });
});
