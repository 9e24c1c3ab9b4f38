// The attacks the root-confined helpers exist to stop, against the real file system.
import { spawn } from 'node:child_process';
import { closeSync, readFileSync, realpathSync } from 'node:fs';
import { link, mkdir, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';

import { beforeEach, describe, expect, it } from 'vitest';

import {
  createReadStreamInside,
  mkdirInside,
  mkdirInsideSync,
  openInside,
  openInsideSync,
  readFileInside,
  readFileInsideSync,
  removeInside,
  resolveInside,
  statInside,
  statInsideSync,
  writeFileInside,
  writeFileInsideSync,
} from '../../src/runtime-fixes/root-dir.js';
import { openTarget, openTargetSync } from '../../src/runtime-fixes/internal/inside-open.js';
import { componentsOf, targetOf } from '../../src/runtime-fixes/internal/inside-root.js';
import { scratchDir } from '../helpers/fs.js';

const SECRET = 'outside the root';
const canSymlink = process.platform !== 'win32';

let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  base = await scratchDir('secure-fs-root-');
  root = join(base, 'app');
  outside = join(base, 'app-secrets');
  await mkdir(join(root, 'public'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, 'public', 'index.html'), 'hello');
  await writeFile(join(outside, 'key'), SECRET);
});

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'SecureFsError', code });
}

describe('resolveInside', () => {
  it('keeps names inside the root, lexically', () => {
    expect(resolveInside('/srv/app', 'public/index.html')).toBe(join('/srv/app', 'public', 'index.html'));
    expect(resolveInside('/srv/app', 'a/../b')).toBe(join('/srv/app', 'b'));
    expect(resolveInside('/srv/app', '.')).toBe(join('/srv/app'));
    // Already decoded by the caller or not, `%2e%2e` is a name, not a climb.
    expect(resolveInside('/srv/app', '%2e%2e/%2e%2e/etc/passwd')).toBe(join('/srv/app', '%2e%2e', '%2e%2e', 'etc', 'passwd'));
  });

  it.each([
    ['../../etc/passwd'],
    ['public/../../app-secrets/key'],
    ['..'],
    ['..\\..\\windows\\win.ini'],
    ['public\\..\\..\\key'],
    ['/etc/passwd'],
    ['C:\\Windows\\win.ini'],
    ['C:win.ini'],
    ['\\\\server\\share\\x'],
    ['index.html\0.png'],
  ])('refuses %j', (name) => {
    expect(() => resolveInside('/srv/app', name)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_OUTSIDE_ROOT' }) as Error);
  });

  it('refuses what decodeURIComponent makes of %2e%2e%2f', () => {
    expect(() => resolveInside('/srv/app', decodeURIComponent('%2e%2e%2f%2e%2e%2fetc%2fpasswd'))).toThrow(/climbs above the root/u);
  });

  it('refuses a name that is not a string', () => {
    expect(() => resolveInside('/srv/app', 42 as unknown as string)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_INVALID_NAME' }) as Error);
  });
});

describe('reading inside the root', () => {
  it('reads files under the root, async and sync', async () => {
    expect(await readFileInside(root, 'public/index.html', { encoding: 'utf8' })).toBe('hello');
    expect(readFileInsideSync(root, 'public/index.html').toString()).toBe('hello');
    const stream = await createReadStreamInside(root, 'public/index.html');
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
  });

  it('refuses ../ escapes and the prefix confusion /srv/app vs /srv/app-secrets', async () => {
    await expectCode(readFileInside(root, '../app-secrets/key'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    await expectCode(readFileInside(root, 'public/../../app-secrets/key'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    await expectCode(readFileInside(root, join(outside, 'key')), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    expect(() => readFileInsideSync(root, '..\\app-secrets\\key')).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_OUTSIDE_ROOT' }) as Error);
  });

  it('refuses a NUL byte before Node sees it', async () => {
    await expectCode(readFileInside(root, 'public/index.html\0.txt'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
  });

  it('looks for a file literally named %2e%2e when given the encoded form', async () => {
    await expect(readFileInside(root, '%2e%2e/app-secrets/key')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails cleanly on names of 255+ bytes', async () => {
    await expect(readFileInside(root, 'a'.repeat(300))).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    await expect(readFileInside(root, `${'é'.repeat(130)}.txt`)).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
  });

  it('refuses a directory, and the root itself, as a file to read', async () => {
    await expectCode(readFileInside(root, 'public'), 'ERR_SECURE_FS_WRONG_TYPE');
    expect((await statInside(root, '')).isDirectory()).toBe(true);
  });
});

describe.skipIf(!canSymlink)('symlinks (these need unprivileged symlinks, missing on Windows)', () => {
  it('refuses a symlink inside the root to a file outside', async () => {
    await symlink(join(outside, 'key'), join(root, 'public', 'logo.png'));
    await expectCode(readFileInside(root, 'public/logo.png'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    await expectCode(statInside(root, 'public/logo.png'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    expect(() => openInsideSync(root, 'public/logo.png')).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_OUTSIDE_ROOT' }) as Error);
  });

  it('refuses a symlinked intermediate directory that leads outside', async () => {
    await symlink(outside, join(root, 'uploads'));
    await expectCode(readFileInside(root, 'uploads/key'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    expect(() => statInsideSync(root, 'uploads/key')).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_OUTSIDE_ROOT' }) as Error);
    await expectCode(writeFileInside(root, 'uploads/key', 'overwritten'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    await expectCode(removeInside(root, 'uploads/key'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    await expectCode(mkdirInside(root, 'uploads/new'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    expect(await readFile(join(outside, 'key'), 'utf8')).toBe(SECRET);
  });

  it('refuses even a symlink that stays inside the root', async () => {
    await symlink(join(root, 'public'), join(root, 'alias'));
    await expectCode(readFileInside(root, 'alias/index.html'), 'ERR_SECURE_FS_SYMLINK');
  });

  it('never truncates or replaces a file outside through a symlink', async () => {
    await symlink(join(outside, 'key'), join(root, 'public', 'out'));
    await expectCode(openInside(root, 'public/out', 'w'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    expect(() => writeFileInsideSync(root, 'public/out', 'x')).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_SYMLINK' }) as Error);
    await removeInside(root, 'public/out');
    expect(readFileSync(join(outside, 'key'), 'utf8')).toBe(SECRET);
  });

  it('resolves a root that is itself a symlink, once', async () => {
    const alias = join(base, 'current');
    await symlink(root, alias);
    expect(await readFileInside(alias, 'public/index.html', { encoding: 'utf8' })).toBe('hello');
    await expectCode(readFileInside(alias, '../app-secrets/key'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
  });

  it('opens a hard link to an outside file: it is a file of the root (documented)', async () => {
    try {
      await link(join(outside, 'key'), join(root, 'public', 'hard'));
    } catch {
      return; // hard links refused here (e.g. protected_hardlinks for another user's file)
    }
    expect(await readFileInside(root, 'public/hard', { encoding: 'utf8' })).toBe(SECRET);
  });

  it('never opens a file outside while another process swaps a directory for a symlink (bounded)', async () => {
    await raceSwap((name) => readFileInside(root, name, { encoding: 'utf8' }));
  }, 10_000);

  describe('without /proc/self/fd: the component checks of macOS, BSD and Windows', () => {
    const open_ = async (name: string): Promise<string> => {
      const real = await realpath(root);
      const { handle } = await openTarget(targetOf(real, componentsOf(real, name)), 'r', 0o600, '');
      try {
        return await handle.readFile({ encoding: 'utf8' });
      } finally {
        await handle.close();
      }
    };

    it('opens real files and refuses symlinks on the way and at the end', async () => {
      expect(await open_('public/index.html')).toBe('hello');
      await symlink(outside, join(root, 'uploads'));
      await symlink(join(outside, 'key'), join(root, 'public', 'logo.png'));
      await expectCode(open_('uploads/key'), 'ERR_SECURE_FS_SYMLINK');
      await expectCode(open_('public/logo.png'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
      const real = realpathSync(root);
      expect(() => openTargetSync(targetOf(real, ['uploads', 'key']), 'r', 0o600, '')).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_SYMLINK' }) as Error);
    });

    // No race test here: path-based checks only narrow the window (documented on openInside),
    // and a process swapping a directory back and forth does win within a second.
  });
});

describe('writing, creating and removing inside the root', () => {
  it('writes atomically, creates directories one by one, removes entries', async () => {
    await writeFileInside(root, 'public/a.txt', 'one');
    writeFileInsideSync(root, 'public/a.txt', 'two');
    expect(await readFile(join(root, 'public', 'a.txt'), 'utf8')).toBe('two');
    expect(await mkdirInside(root, 'uploads/2026/12')).toBe(join(await realpath(root), 'uploads', '2026', '12'));
    expect(mkdirInsideSync(root, 'uploads/2026/12')).toMatch(/12$/u);
    await removeInside(root, 'uploads/2026/12');
    await removeInside(root, 'public/a.txt');
    await expect(readFile(join(root, 'public', 'a.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates only the final component, and never the root itself', async () => {
    await expect(openInside(root, 'missing/new.txt', 'wx')).rejects.toMatchObject({ code: 'ENOENT' });
    const { handle } = await openInside(root, 'public/new.txt', 'wx');
    await handle.close();
    closeSync(openInsideSync(root, 'public/new.txt', 'r').fd);
    await expectCode(removeInside(root, '.'), 'ERR_SECURE_FS_INVALID_NAME');
    await expectCode(writeFileInside(root, '', 'x'), 'ERR_SECURE_FS_INVALID_NAME');
  });

  it('refuses escapes on every write path', async () => {
    await expectCode(writeFileInside(root, '../app-secrets/key', 'x'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    await expectCode(removeInside(root, '../app-secrets/key'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    await expectCode(mkdirInside(root, '../../evil'), 'ERR_SECURE_FS_OUTSIDE_ROOT');
    await rm(join(root, 'public'), { recursive: true });
    await rename(outside, join(base, 'moved'));
    expect(await readFile(join(base, 'moved', 'key'), 'utf8')).toBe(SECRET);
  });
});

/**
 * The attacker: another process swaps `root/swap` between a real directory and a symlink to the
 * outside as fast as it can, while `read` opens `swap/key` for 1.5 s; no read may return the
 * outside file's content.
 */
async function raceSwap(read: (name: string) => Promise<string>): Promise<void> {
  const dir = join(root, 'swap');
  await mkdir(dir);
  await writeFile(join(dir, 'key'), 'inside');
  const link_ = join(root, 'swap-link');
  await symlink(outside, link_);
  const spare = join(root, 'swap-real');
  const script = `const fs=require('fs');const [d,l,s]=process.argv.slice(1);const end=Date.now()+4000;
    while(Date.now()<end){try{fs.renameSync(d,s);fs.renameSync(l,d);fs.renameSync(d,l);fs.renameSync(s,d);}catch{}}`;
  const attacker = spawn(process.execPath, ['-e', script, dir, link_, spare], { stdio: 'ignore' });
  const exited = new Promise((r) => attacker.on('exit', r));
  let attempts = 0;
  try {
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      attempts++;
      const text = await read('swap/key').catch((error: unknown) => {
        expect(String((error as { code?: string }).code)).toMatch(/^(?:ERR_SECURE_FS_OUTSIDE_ROOT|ERR_SECURE_FS_SYMLINK|ERR_SECURE_FS_CHANGED|ENOENT|ENOTDIR)$/u);
        return 'inside';
      });
      expect(text).toBe('inside');
    }
  } finally {
    attacker.kill();
    await exited;
  }
  expect(attempts).toBeGreaterThan(50);
  expect(readFileSync(join(outside, 'key'), 'utf8')).toBe(SECRET);
}
