import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';

import {
  ignoreNotFound,
  ignoreNotFoundSync,
  readdirOrEmpty,
  readdirOrEmptySync,
} from '../../src/runtime-fixes/not-found.js';
import { asUnprivileged, asUnprivilegedSync, canDenyAccess, scratchDir } from '../helpers/fs.js';

const SKIP_REASON = ' (skipped: no way to make a file unreadable here: Windows, or root without seteuid)';
const eaccesTest = (what: string) => `${what}${canDenyAccess ? '' : SKIP_REASON}`;

let dir: string;
let file: string;
let unreadable: string;
let unreadableDir: string;

beforeEach(async () => {
  dir = await scratchDir('secure-fs-nf-');
  // Traversable for nobody, so the EACCES comes from the 000 entry itself.
  await chmod(dir, 0o755);
  file = join(dir, 'file');
  await writeFile(file, 'content');
  unreadable = join(dir, 'unreadable');
  await writeFile(unreadable, 'secret');
  await chmod(unreadable, 0o000);
  unreadableDir = join(dir, 'unreadable-dir');
  await mkdir(unreadableDir);
  await writeFile(join(unreadableDir, 'inside'), 'x');
  await chmod(unreadableDir, 0o000);
});

afterEach(async () => {
  // Open again, or a non-root run could not remove the scratch dir.
  await chmod(unreadableDir, 0o700);
});

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: { code?: string; message?: string }) => error.code ?? `no code: ${error.message ?? 'unknown'}`,
  );
}

function throwCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`;
  }
}

const FALLBACK = Symbol('fallback');

describe('ignoreNotFound', () => {
  it('resolves to the fallback for ENOENT, from a promise or a function', async () => {
    expect(await ignoreNotFound(readFile(join(dir, 'missing')), FALLBACK)).toBe(FALLBACK);
    expect(await ignoreNotFound(() => readFile(join(dir, 'missing')), FALLBACK)).toBe(FALLBACK);
  });

  it('treats a synchronous ENOENT thrown by the function like a rejection', async () => {
    expect(await ignoreNotFound(() => readFileSync(join(dir, 'missing')), FALLBACK)).toBe(FALLBACK);
  });

  it('resolves to the value when the operation succeeds', async () => {
    const value = await ignoreNotFound(() => readFile(file, 'utf8'), null);
    expectTypeOf(value).toEqualTypeOf<string | null>();
    expect(value).toBe('content');
  });

  it.skipIf(!canDenyAccess)(eaccesTest('rethrows EACCES from reading a chmod-000 file'), async () => {
    const code = await asUnprivileged(() => rejectionCode(ignoreNotFound(readFile(unreadable), FALLBACK)));
    expect(code).toBe('EACCES');
  });

  it('rethrows ENOTDIR by default and returns the fallback with { notDir: true }', async () => {
    const underFile = join(file, 'child');
    expect(await rejectionCode(ignoreNotFound(() => readFile(underFile), FALLBACK))).toBe('ENOTDIR');
    expect(await ignoreNotFound(() => readFile(underFile), FALLBACK, { notDir: true })).toBe(FALLBACK);
  });

  it('rethrows EISDIR, even with { notDir: true }', async () => {
    expect(await rejectionCode(ignoreNotFound(() => readFile(dir), FALLBACK, { notDir: true }))).toBe('EISDIR');
  });

  it('rethrows errors without an errno code', async () => {
    const error = new TypeError('not a file-system error');
    await expect(ignoreNotFound(Promise.reject(error), FALLBACK)).rejects.toBe(error);
  });
});

describe('ignoreNotFoundSync', () => {
  it('returns the fallback for ENOENT and the value otherwise', () => {
    expect(ignoreNotFoundSync(() => readFileSync(join(dir, 'missing')), FALLBACK)).toBe(FALLBACK);
    expect(ignoreNotFoundSync(() => readFileSync(file, 'utf8'), FALLBACK)).toBe('content');
  });

  it.skipIf(!canDenyAccess)(eaccesTest('rethrows EACCES from reading a chmod-000 file'), () => {
    const code = asUnprivilegedSync(() => throwCode(() => ignoreNotFoundSync(() => readFileSync(unreadable), FALLBACK)));
    expect(code).toBe('EACCES');
  });

  it('rethrows ENOTDIR by default and returns the fallback with { notDir: true }', () => {
    const underFile = join(file, 'child');
    expect(throwCode(() => ignoreNotFoundSync(() => readFileSync(underFile), FALLBACK))).toBe('ENOTDIR');
    expect(ignoreNotFoundSync(() => readFileSync(underFile), FALLBACK, { notDir: true })).toBe(FALLBACK);
  });

  it('rethrows EISDIR', () => {
    expect(throwCode(() => ignoreNotFoundSync(() => readFileSync(dir), FALLBACK))).toBe('EISDIR');
  });
});

describe('readdirOrEmpty', () => {
  it('returns [] for a missing directory', async () => {
    expect(await readdirOrEmpty(join(dir, 'missing'))).toEqual([]);
    expect(readdirOrEmptySync(join(dir, 'missing'))).toEqual([]);
  });

  it('lists an existing directory like readdir, passing options through with their result types', async () => {
    expect((await readdirOrEmpty(dir)).sort()).toEqual((await readdir(dir)).sort());
    const entries = await readdirOrEmpty(dir, { withFileTypes: true });
    expectTypeOf(entries).toEqualTypeOf<Dirent[]>();
    expect(entries.find((e) => e.name === 'file')?.isFile()).toBe(true);
    const buffers = readdirOrEmptySync(dir, 'buffer');
    expectTypeOf(buffers).toEqualTypeOf<Buffer[]>();
    expect(buffers.every((b) => Buffer.isBuffer(b))).toBe(true);
    expect(readdirOrEmptySync(dir).sort()).toEqual(readdirSync(dir).sort());
  });

  it.skipIf(!canDenyAccess)(eaccesTest('rethrows EACCES for an unreadable directory'), async () => {
    expect(await asUnprivileged(() => rejectionCode(readdirOrEmpty(unreadableDir)))).toBe('EACCES');
    expect(asUnprivilegedSync(() => throwCode(() => readdirOrEmptySync(unreadableDir)))).toBe('EACCES');
  });

  it('rethrows ENOTDIR when the path is a file', async () => {
    expect(await rejectionCode(readdirOrEmpty(file))).toBe('ENOTDIR');
    expect(throwCode(() => readdirOrEmptySync(file))).toBe('ENOTDIR');
  });
});
