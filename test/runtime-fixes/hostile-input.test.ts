// Arguments a careless or hostile caller passes to the runtime helpers: every path argument takes
// what Node's fs takes (string, Buffer, file: URL) and refuses anything else with one code,
// ERR_SECURE_FS_INVALID_ARG, before the file system is touched; options are checked the same way.
import { Buffer } from 'node:buffer';
import { closeSync, existsSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { beforeEach, describe, expect, it } from 'vitest';

import * as runtime from '../../src/runtime-fixes/index.js';
import { isRoot, modeOf, scratchDir } from '../helpers/fs.js';

let scratch: string;
beforeEach(async () => {
  scratch = await scratchDir('secure-fs-hostile-input-');
});

const INVALID = { code: 'ERR_SECURE_FS_INVALID_ARG', name: 'SecureFsError' };

/** Runs `fn` (sync or async) and returns what it threw, or undefined. */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return error;
  }
}

const file = (): string => {
  const path = join(scratch, 'file');
  writeFileSync(path, 'content', { mode: 0o600 });
  return path;
};
const dir = (): string => {
  const path = join(scratch, 'dir');
  mkdirSync(path, { mode: 0o700 });
  return path;
};
const fresh = (): string => join(scratch, 'fresh');

type PathHelper = [name: string, target: () => string, call: (path: never) => unknown];

// What each helper is given (a path made by `target`) and how it is called on it.
const PATH_HELPERS: PathHelper[] = [
  ['openNoFollow', file, async (p) => (await runtime.openNoFollow(p, 'r')).handle.close()],
  ['openNoFollowSync', file, (p) => closeSync(runtime.openNoFollowSync(p, 'r').fd)],
  ['snapshotPath', file, (p) => runtime.snapshotPath(p)],
  ['snapshotPathSync', file, (p) => runtime.snapshotPathSync(p)],
  ['assertUnchanged', file, async (p) => runtime.assertUnchanged(p, await runtime.snapshotPath(join(scratch, 'file')))],
  ['assertUnchangedSync', file, (p) => runtime.assertUnchangedSync(p, runtime.snapshotPathSync(join(scratch, 'file')))],
  ['createOrFail', fresh, (p) => runtime.createOrFail(p, 'x')],
  ['createOrFailSync', fresh, (p) => runtime.createOrFailSync(p, 'x')],
  ['removeIfExists', file, (p) => runtime.removeIfExists(p)],
  ['removeIfExistsSync', file, (p) => runtime.removeIfExistsSync(p)],
  ['writeFileAtomic', fresh, (p) => runtime.writeFileAtomic(p, 'x')],
  ['writeFileAtomicSync', fresh, (p) => runtime.writeFileAtomicSync(p, 'x')],
  ['writeSecretFile', fresh, (p) => runtime.writeSecretFile(p, 'x')],
  ['writeSecretFileSync', fresh, (p) => runtime.writeSecretFileSync(p, 'x')],
  ['readSecretFile', file, (p) => runtime.readSecretFile(p)],
  ['readSecretFileSync', file, (p) => runtime.readSecretFileSync(p)],
  ['readdirOrEmpty', dir, (p) => runtime.readdirOrEmpty(p)],
  ['readdirOrEmptySync', dir, (p) => runtime.readdirOrEmptySync(p)],
  ['ensurePrivateDir', fresh, (p) => runtime.ensurePrivateDir(p)],
  ['ensurePrivateDirSync', fresh, (p) => runtime.ensurePrivateDirSync(p)],
  ['createTempDir({ dir })', dir, async (p) => (await runtime.createTempDir({ dir: p })).remove()],
  ['createTempDirSync({ dir })', dir, (p) => runtime.createTempDirSync({ dir: p }).remove()],
  ['withTempDir({ dir })', dir, (p) => runtime.withTempDir(() => undefined, { dir: p })],
  ['createTempFile({ dir })', dir, async (p) => (await runtime.createTempFile({ dir: p })).remove()],
  ['createTempFileSync({ dir })', dir, (p) => runtime.createTempFileSync({ dir: p }).remove()],
  ['createTempFile().persist', fresh, async (p) => {
    await using temp = await runtime.createTempFile({ dir: scratch });
    await temp.persist(p);
  }],
  ['listenUnixSocket', () => join(dir(), 's.sock'), async (p) => {
    const server = createServer();
    await runtime.listenUnixSocket(server, p);
    await new Promise((resolve) => server.close(resolve));
  }],
];

const BAD_PATHS: [string, unknown][] = [
  ['a number', 42],
  ['undefined', undefined],
  ['null', null],
  ['a plain object', { path: '/etc/passwd' }],
  ['an array', ['/etc/passwd']],
  ['an http: URL', new URL('http://example.invalid/file')],
  ['a string with NUL', 'file\0.txt'],
  ['a Buffer that is not UTF-8', Buffer.from([0x66, 0xff, 0xfe])],
];

describe.each(PATH_HELPERS)('%s', (name, target, call) => {
  it.each([
    ['a string', (p: string) => p],
    ['a Buffer', (p: string) => Buffer.from(p)],
    ['a file: URL', (p: string) => pathToFileURL(p)],
  ])('accepts the path as %s', async (_form, convert) => {
    expect(await thrown(() => call(convert(target()) as never))).toBeUndefined();
  });

  it('refuses every other kind of value with ERR_SECURE_FS_INVALID_ARG, touching nothing', async () => {
    target();
    const before = readdirSync(scratch, { recursive: true }).sort();
    // An option left undefined means its default.
    for (const [what, value] of BAD_PATHS.filter(([, v]) => v !== undefined || !name.includes('{ dir }'))) {
      const error = await thrown(() => call(value as never));
      expect(error, what).toMatchObject(INVALID);
      expect((error as Error).message, what).toMatch(/^The \w+ /u);
    }
    expect(readdirSync(scratch, { recursive: true }).sort()).toEqual(before);
  });
});

describe('writeFileAtomic modes', () => {
  it.runIf(isRoot)('refuses setuid, setgid and sticky bits unless allowSpecialModeBits', async () => {
    const target = join(scratch, 'tool');
    for (const mode of [0o4755, 0o2755, 0o1755]) {
      await expect(runtime.writeFileAtomic(target, 'x', { mode })).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INSECURE_MODE' });
      expect(() => runtime.writeFileAtomicSync(target, 'x', { mode })).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_INSECURE_MODE' }));
    }
    expect(existsSync(target)).toBe(false);
    await runtime.writeFileAtomic(target, 'x', { mode: 0o4755, allowSpecialModeBits: true });
    expect(modeOf(target)).toBe(0o4755);
  });

  it('refuses a mode above 0o7777, negative or fractional, instead of truncating it', async () => {
    const target = join(scratch, 'file');
    for (const mode of [0o7777777, 0o10000, -1, 0.5, Number.NaN, '644']) {
      const options = { mode, allowSpecialModeBits: true } as { mode: number };
      await expect(runtime.writeFileAtomic(target, 'x', options), String(mode)).rejects.toMatchObject(INVALID);
      expect(() => runtime.writeFileAtomicSync(target, 'x', options)).toThrow(expect.objectContaining(INVALID));
      await expect(runtime.createOrFail(target, 'x', options)).rejects.toMatchObject(INVALID);
    }
    expect(existsSync(target)).toBe(false);
  });

  it('refuses setuid bits in createOrFail and openNoFollow too', async () => {
    await expect(runtime.createOrFail(join(scratch, 'tool'), 'x', { mode: 0o4700 })).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INSECURE_MODE' });
    await expect(runtime.openNoFollow(join(scratch, 'tool'), 'wx', 0o4700)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INSECURE_MODE' });
    expect(() => runtime.openNoFollowSync(join(scratch, 'tool'), 'wx', 0o10000)).toThrow(expect.objectContaining(INVALID));
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('refuses an unknown onSymlink value', async () => {
    const options = { onSymlink: 'follow' } as unknown as runtime.WriteFileAtomicOptions;
    await expect(runtime.writeFileAtomic(join(scratch, 'f'), 'x', options)).rejects.toMatchObject(INVALID);
  });
});

describe('sanitizeError', () => {
  it.each([
    ['null', null],
    ['a number', 7],
    ['a string', 'options'],
    ['a requestId that is not a string', { requestId: 42 }],
    ['a log that is not a function', { log: 'console' }],
    ['a map that is not a function', { map: {} }],
    ['an object whose getters throw', new Proxy({}, { get: () => { throw new Error('trap'); } })],
  ])('never throws, whatever the second argument: %s', (_what, options) => {
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const result = runtime.sanitizeError(new Error('secret /srv/key'), options as never);
      expect(result).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
      expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/u);
      expect(JSON.stringify(result)).not.toContain('secret');
    } finally {
      console.error = original;
    }
  });
});

describe('assertUnchanged with something that is not a snapshot', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['{}', {}],
    ['a number', 7],
    ['a snapshot missing its inode', { dev: 1, uid: 0, gid: 0, mode: 0o100600 }],
  ])('rejects %s as invalid input, not as a change', async (_what, snapshot) => {
    const path = file();
    await expect(runtime.assertUnchanged(path, snapshot as never)).rejects.toMatchObject(INVALID);
    expect(() => runtime.assertUnchangedSync(path, snapshot as never)).toThrow(expect.objectContaining(INVALID));
  });
});

describe('temp helper options', () => {
  const helpers: [string, (options: object) => unknown][] = [
    ['createTempDir', async (o) => (await runtime.createTempDir(o)).remove()],
    ['createTempDirSync', (o) => runtime.createTempDirSync(o).remove()],
    ['withTempDir', (o) => runtime.withTempDir(() => undefined, o)],
    ['withTempDirSync', (o) => runtime.withTempDirSync(() => undefined, o)],
    ['createTempFile', async (o) => (await runtime.createTempFile(o)).remove()],
    ['createTempFileSync', (o) => runtime.createTempFileSync(o).remove()],
    ['withTempFile', (o) => runtime.withTempFile(() => undefined, o)],
  ];

  it.each(helpers)('%s takes dir, and parent as its alias, the same way', async (_name, create) => {
    for (const key of ['dir', 'parent']) {
      const into = join(scratch, key);
      mkdirSync(into);
      await create({ [key]: into });
      expect(readdirSync(into)).toEqual([]);
    }
    // Both: only when they agree.
    await create({ dir: scratch, parent: scratch });
    expect(await thrown(() => create({ dir: scratch, parent: join(scratch, 'dir') }))).toMatchObject(INVALID);
  });

  it.each(helpers)('%s rejects an unknown option key (a misspelt directory must not fall back to the shared temp root)', async (_name, create) => {
    const error = await thrown(() => create({ directory: scratch }));
    expect(error).toMatchObject(INVALID);
    expect((error as Error).message).toContain('directory');
  });

  it.each(helpers)('%s rejects an empty directory (it would mean the working directory)', async (_name, create) => {
    expect(await thrown(() => create({ dir: '' }))).toMatchObject(INVALID);
    expect(await thrown(() => create({ parent: '' }))).toMatchObject(INVALID);
  });

  it.each(helpers)('%s rejects options that are not an object', async (_name, create) => {
    for (const options of [null, 'dir', 42, [scratch]]) expect(await thrown(() => create(options as never))).toMatchObject(INVALID);
  });

  it('still creates in the system temp directory when no directory is given', async () => {
    const dir = await runtime.createTempDir();
    expect(lstatSync(dir.path).isDirectory()).toBe(true);
    await dir.remove();
  });
});
