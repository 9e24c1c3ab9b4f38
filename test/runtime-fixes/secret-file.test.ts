import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { chown, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';

import { beforeEach, describe, expect, it } from 'vitest';

import {
  readSecretFile,
  readSecretFileSync,
  writeSecretFile,
  writeSecretFileSync,
} from '../../src/runtime-fixes/secret-file.js';
import { isRoot, NOBODY, scratchDir } from '../helpers/fs.js';

const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let scratch: string;
beforeEach(async () => {
  scratch = await scratchDir('secure-fs-secret-file-test-');
});

const mode = (path: string): number => statSync(path).mode & 0o777;

function secret(name: string, content: string, fileMode: number): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  chmodSync(path, fileMode);
  return path;
}

describe('writeSecretFile', () => {
  it('creates a 0600 file even with umask 0', async () => {
    const path = join(scratch, 'token');
    const old = process.umask(0);
    try {
      await writeSecretFile(path, 's3cr3t');
      writeSecretFileSync(join(scratch, 'token-sync'), 's3cr3t');
    } finally {
      process.umask(old);
    }
    expect(mode(path)).toBe(0o600);
    expect(mode(join(scratch, 'token-sync'))).toBe(0o600);
    expect(await readSecretFile(path, { encoding: 'utf8' })).toBe('s3cr3t');
  });

  it('narrows a previously world-readable secret to 0600 instead of keeping its mode', async () => {
    const path = secret('key.pem', 'old key', 0o644);
    await writeSecretFile(path, 'new key');
    expect(mode(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('new key');
    expect(readdirSync(scratch)).toEqual(['key.pem']);
  });

  it('refuses a symlink planted at the target and leaves the link target untouched', async () => {
    const victim = secret('victim', 'original', 0o644);
    const path = join(scratch, 'machine-secret');
    symlinkSync(victim, path);
    await expect(writeSecretFile(path, 'secret')).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK' });
    expect(() => writeSecretFileSync(path, 'secret')).toThrow(
      expect.objectContaining({ code: 'ERR_SECURE_FS_SYMLINK' }),
    );
    expect(readFileSync(victim, 'utf8')).toBe('original');
    expect(mode(victim)).toBe(0o644);
  });

  it('never exposes an entry with group or other bits while a watcher polls the directory', async () => {
    const path = join(scratch, 'rotating-secret');
    // The planted 0644 original is the one wide entry allowed, until the first replacement lands.
    const originalIno = statSync(secret('rotating-secret', 'v0', 0o644)).ino;
    let writing = true;
    const exposed: string[] = [];
    const watcher = (async () => {
      while (writing) {
        for (const name of await readdir(scratch)) {
          const stats = lstatSync(join(scratch, name), { throwIfNoEntry: false });
          if (stats && stats.ino !== originalIno && (stats.mode & 0o077) !== 0) exposed.push(name);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let i = 1; i <= 50; i++) await writeSecretFile(path, `v${i}`, { fsync: false });
    writing = false;
    await watcher;
    expect(exposed).toEqual([]);
    expect(mode(path)).toBe(0o600);
  });
});

describe('readSecretFile', () => {
  it('reads a 0600 file owned by the current user as a Buffer or a string', async () => {
    const path = secret('ok', 'top secret', 0o600);
    const buffer = await readSecretFile(path);
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.toString()).toBe('top secret');
    expect(await readSecretFile(path, { encoding: 'utf8' })).toBe('top secret');
    expect(readSecretFileSync(path, { encoding: 'utf8' })).toBe('top secret');
    expect(readSecretFileSync(path).toString()).toBe('top secret');
  });

  it('refuses a symlink, even to a valid secret, with ERR_SECURE_FS_SYMLINK', async () => {
    const real = secret('real', 'x', 0o600);
    const link = join(scratch, 'link');
    symlinkSync(real, link);
    await expect(readSecretFile(link)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK', path: link });
    expect(() => readSecretFileSync(link)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_SYMLINK' }));
  });

  it('refuses a 0644 file with ERR_SECURE_FS_INSECURE_MODE and says how to fix it', async () => {
    const path = secret('world-readable', 'x', 0o644);
    const failure = await readSecretFile(path).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ERR_SECURE_FS_INSECURE_MODE', path });
    expect((failure as Error).message).toContain(`chmod 600 ${path}`);
    expect((failure as Error).message).toContain('0o644');
    expect(() => readSecretFileSync(path)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_INSECURE_MODE' }));
  });

  it.each([0o640, 0o604, 0o620, 0o602, 0o610, 0o601])('refuses mode %o by default', async (fileMode) => {
    const path = secret('m', 'x', fileMode);
    await expect(readSecretFile(path)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INSECURE_MODE' });
  });

  it('with allowGroupRead accepts exactly g+r (0640) and still refuses more', async () => {
    expect((await readSecretFile(secret('g-r', 'ok', 0o640), { allowGroupRead: true })).toString()).toBe('ok');
    const groupWritable = secret('g-rw', 'x', 0o660);
    const failure = await readSecretFile(groupWritable, { allowGroupRead: true }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ERR_SECURE_FS_INSECURE_MODE' });
    expect((failure as Error).message).toContain(`chmod 640 ${groupWritable}`);
    await expect(readSecretFile(secret('o-r', 'x', 0o644), { allowGroupRead: true })).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_INSECURE_MODE',
    });
  });

  it('refuses a directory with ERR_SECURE_FS_WRONG_TYPE', async () => {
    const dir = join(scratch, 'dir');
    mkdirSync(dir, { mode: 0o700 });
    await expect(readSecretFile(dir)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_WRONG_TYPE' });
  });

  it.skipIf(!hasMkfifo)('refuses a planted FIFO (WRONG_TYPE) instead of hanging (needs mkfifo)', async () => {
    const fifo = join(scratch, 'fifo');
    execFileSync('mkfifo', ['-m', '600', fifo]);
    await expect(readSecretFile(fifo)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_WRONG_TYPE' });
    expect(() => readSecretFileSync(fifo)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_WRONG_TYPE' }));
  });

  it('passes a missing file through as ENOENT', async () => {
    await expect(readSecretFile(join(scratch, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.skipIf(!isRoot)('refuses a 0600 file owned by another user: NOT_OWNER (needs root to chown)', async () => {
    const path = secret('foreign', 'planted', 0o600);
    await chown(path, NOBODY, NOBODY);
    await expect(readSecretFile(path)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_NOT_OWNER', path });
    expect(() => readSecretFileSync(path)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_NOT_OWNER' }));
    expect(existsSync(path)).toBe(true);
  });
});
