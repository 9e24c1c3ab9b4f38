import { chmodSync, chownSync, lstatSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { beforeEach, describe, expect, it } from 'vitest';

import type { RuntimeEnv } from '../../src/runtime-fixes/runtime-dir.js';
import {
  assertValidAppName,
  runtimeDir,
  runtimeDirSync,
  socketPath,
  socketPathSync,
} from '../../src/runtime-fixes/runtime-dir.js';
import { isRoot, modeOf as mode, NOBODY, scratchDir } from '../helpers/fs.js';

let root: string;
let home: string;
let xdg: string;
beforeEach(async () => {
  root = await scratchDir('secure-fs-runtime-dir-');
  home = join(root, 'home');
  xdg = join(root, 'run-user');
  mkdirSync(home, { mode: 0o700 });
  mkdirSync(xdg, { mode: 0o700 });
  chmodSync(xdg, 0o700);
});

const linux = (env: NodeJS.ProcessEnv = {}): RuntimeEnv => ({ platform: 'linux', env, homedir: home });

describe.each([
  ['runtimeDir', (app: string, o?: RuntimeEnv) => runtimeDir(app, o)],
  ['runtimeDirSync', async (app: string, o?: RuntimeEnv) => runtimeDirSync(app, o)],
] as const)('%s', (_name, dirFor) => {
  it('uses $XDG_RUNTIME_DIR/<app> when XDG_RUNTIME_DIR is set and meets the spec', async () => {
    const dir = await dirFor('myapp', linux({ XDG_RUNTIME_DIR: xdg }));
    expect(dir).toBe(join(xdg, 'myapp'));
    expect(mode(dir)).toBe(0o700);
    expect(() => lstatSync(join(home, '.myapp'))).toThrow();
  });

  it('falls back to ~/.<app>/run when XDG_RUNTIME_DIR is unset', async () => {
    const dir = await dirFor('myapp', linux({}));
    expect(dir).toBe(join(home, '.myapp', 'run'));
    expect(mode(dir)).toBe(0o700);
  });

  it('ignores a relative XDG_RUNTIME_DIR', async () => {
    expect(await dirFor('myapp', linux({ XDG_RUNTIME_DIR: 'run-user' }))).toBe(join(home, '.myapp', 'run'));
  });

  it('ignores an XDG_RUNTIME_DIR whose mode is not 0700, and leaves it alone', async () => {
    chmodSync(xdg, 0o755);
    expect(await dirFor('myapp', linux({ XDG_RUNTIME_DIR: xdg }))).toBe(join(home, '.myapp', 'run'));
    expect(mode(xdg)).toBe(0o755);
    expect(() => lstatSync(join(xdg, 'myapp'))).toThrow();
  });

  it('ignores an XDG_RUNTIME_DIR that is a symlink or missing', async () => {
    const link = join(root, 'xdg-link');
    symlinkSync(xdg, link);
    expect(await dirFor('myapp', linux({ XDG_RUNTIME_DIR: link }))).toBe(join(home, '.myapp', 'run'));
    expect(await dirFor('other', linux({ XDG_RUNTIME_DIR: join(root, 'missing') }))).toBe(join(home, '.other', 'run'));
  });

  it.skipIf(!isRoot)('ignores an XDG_RUNTIME_DIR owned by another user (needs root to chown to uid 65534)', async () => {
    chownSync(xdg, NOBODY, NOBODY);
    expect(await dirFor('myapp', linux({ XDG_RUNTIME_DIR: xdg }))).toBe(join(home, '.myapp', 'run'));
    expect(() => lstatSync(join(xdg, 'myapp'))).toThrow();
  });

  it('ignores an XDG_RUNTIME_DIR owned by a uid other than the injected one', async () => {
    const otherUid = (process.geteuid?.() ?? 0) + 1;
    // The fallback is then checked against the same uid, so it is refused: proof XDG was skipped.
    await expect(dirFor('myapp', { ...linux({ XDG_RUNTIME_DIR: xdg }), uid: otherUid })).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_NOT_OWNER',
      path: join(home, '.myapp', 'run'),
    });
  });

  it.skipIf(!isRoot)('refuses a runtime dir owned by another user (needs root to chown to uid 65534)', async () => {
    const dir = join(xdg, 'myapp');
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, NOBODY, NOBODY);
    await expect(dirFor('myapp', linux({ XDG_RUNTIME_DIR: xdg }))).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_NOT_OWNER',
      path: dir,
    });
    expect(statSync(dir).uid).toBe(65534);
  });

  it('tightens a 0777 runtime dir to 0700', async () => {
    const dir = join(xdg, 'myapp');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(await dirFor('myapp', linux({ XDG_RUNTIME_DIR: xdg }))).toBe(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('refuses a symlink planted at the runtime dir and leaves its target untouched', async () => {
    const target = join(root, 'attacker');
    mkdirSync(target);
    chmodSync(target, 0o777);
    symlinkSync(target, join(xdg, 'myapp'));
    await expect(dirFor('myapp', linux({ XDG_RUNTIME_DIR: xdg }))).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_SYMLINK',
      path: join(xdg, 'myapp'),
    });
    expect(mode(target)).toBe(0o777);
    expect(lstatSync(join(xdg, 'myapp')).isSymbolicLink()).toBe(true);
  });

  it('uses ~/Library/Application Support/<app>/run on macOS, ignoring XDG_RUNTIME_DIR', async () => {
    const dir = await dirFor('myapp', { platform: 'darwin', env: { XDG_RUNTIME_DIR: xdg }, homedir: home });
    expect(dir).toBe(join(home, 'Library', 'Application Support', 'myapp', 'run'));
    expect(mode(dir)).toBe(0o700);
  });

  it('refuses a relative home directory', async () => {
    await expect(dirFor('myapp', { platform: 'linux', env: {}, homedir: 'home' })).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_INVALID_NAME',
    });
  });

  it('rejects an invalid app name before touching the file system', async () => {
    await expect(dirFor('../evil', linux({ XDG_RUNTIME_DIR: xdg }))).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_INVALID_NAME',
    });
  });

  it.skipIf(process.platform !== 'win32')('creates %LOCALAPPDATA%\\<app>\\run on Windows (needs a Windows host)', async () => {
    const dir = await dirFor('myapp', { env: { LOCALAPPDATA: root } });
    expect(dir).toBe(join(root, 'myapp', 'run'));
  });
});

describe.each([
  ['socketPath', (app: string, o?: RuntimeEnv) => socketPath(app, o)],
  ['socketPathSync', async (app: string, o?: RuntimeEnv) => socketPathSync(app, o)],
] as const)('%s', (_name, pathFor) => {
  it('is <runtimeDir>/<app>.sock, with the runtime dir created', async () => {
    expect(await pathFor('myapp', linux({ XDG_RUNTIME_DIR: xdg }))).toBe(join(xdg, 'myapp', 'myapp.sock'));
    expect(mode(join(xdg, 'myapp'))).toBe(0o700);
    expect(await pathFor('myapp', linux({}))).toBe(join(home, '.myapp', 'run', 'myapp.sock'));
  });

  it('is under ~/Library/Application Support on macOS', async () => {
    expect(await pathFor('myapp', { platform: 'darwin', env: {}, homedir: home })).toBe(
      join(home, 'Library', 'Application Support', 'myapp', 'run', 'myapp.sock'),
    );
  });

  it('is a per-user named pipe on Windows and creates nothing', async () => {
    const alice = await pathFor('myapp', { platform: 'win32', env: { USERDOMAIN: 'PC', USERNAME: 'alice' }, homedir: home });
    expect(alice).toMatch(/^\\\\\.\\pipe\\myapp-[0-9a-f]{16}$/u);
    expect(await pathFor('myapp', { platform: 'win32', env: { USERDOMAIN: 'pc', USERNAME: 'ALICE' } })).toBe(alice);
    expect(await pathFor('myapp', { platform: 'win32', env: { USERDOMAIN: 'PC', USERNAME: 'bob' } })).not.toBe(alice);
    expect(() => lstatSync(join(home, '.myapp'))).toThrow();
  });

  it('refuses a path too long for a Unix socket instead of letting Node truncate it', async () => {
    const deep = join(home, 'x'.repeat(60));
    mkdirSync(deep, { mode: 0o700 });
    await expect(pathFor('a'.repeat(30), { platform: 'linux', env: {}, homedir: deep })).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_INVALID_NAME',
    });
  });

  it('rejects an invalid app name on every platform', async () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      await expect(pathFor('a\\b', { platform, env: {}, homedir: home })).rejects.toMatchObject({
        code: 'ERR_SECURE_FS_INVALID_NAME',
      });
    }
  });
});

describe('assertValidAppName', () => {
  it.each(['myapp', 'my-app_2', 'org.example.daemon', 'a'.repeat(64)])('accepts %j', (name) => {
    expect(() => assertValidAppName(name)).not.toThrow();
  });

  it.each([
    ['empty', ''],
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['..', '..'],
    ['an embedded ..', 'a..b'],
    ['.', '.'],
    ['a NUL', 'a\0b'],
    ['a newline', 'a\nb'],
    ['65 characters', 'a'.repeat(65)],
    ['a non-string', 42 as unknown as string],
  ])('rejects %s', (_why, name) => {
    expect(() => assertValidAppName(name)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_INVALID_NAME' }));
  });
});
