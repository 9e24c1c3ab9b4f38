import { readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ClientError, sanitizeError, type SanitizeErrorOptions } from '../../src/runtime-fixes/client-errors.js';
import { asUnprivilegedSync, canDenyAccess, scratchDir } from '../helpers/fs.js';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function readAsUnprivileged(path: string): unknown {
  return asUnprivilegedSync(() => caught(() => readFileSync(path)));
}

let dir: string;

beforeEach(async () => {
  dir = await scratchDir('secure-fs-ce-');
  await chmod(dir, 0o755);
});

interface Case {
  name: string;
  skip?: string;
  make: () => Promise<unknown>;
  code?: string;
  expected: { status: number; code: string; message: string };
}

const PERMISSION = { status: 403, code: 'PERMISSION_DENIED', message: 'Permission denied' };
const NOT_FOUND = { status: 404, code: 'NOT_FOUND', message: 'Not found' };
const INVALID = { status: 400, code: 'INVALID_REQUEST', message: 'Invalid request parameters' };
const INTERNAL = { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };

const cases: Case[] = [
  {
    name: 'EACCES from reading a chmod-000 file',
    ...(canDenyAccess ? {} : { skip: 'no way to make a file unreadable here (Windows, or root without seteuid)' }),
    make: async () => {
      const key = join(dir, 'secret.key');
      await writeFile(key, 'k');
      await chmod(key, 0o000);
      return readAsUnprivileged(key);
    },
    code: 'EACCES',
    expected: PERMISSION,
  },
  {
    name: 'ENOENT from reading a missing file',
    make: async () => caught(() => readFileSync(join(dir, 'missing-secret.key'))),
    code: 'ENOENT',
    expected: NOT_FOUND,
  },
  {
    name: 'EISDIR from reading a directory',
    make: async () => caught(() => readFileSync(dir)),
    code: 'EISDIR',
    expected: INTERNAL,
  },
  {
    name: 'SyntaxError from JSON.parse of a body that quotes a path',
    make: async () => caught(() => JSON.parse(`{"file": "${join(dir, 'x')}", oops}`)),
    expected: INVALID,
  },
  {
    name: 'TypeError from a URL built from a path',
    make: async () => caught(() => new URL(join(dir, 'x'))),
    code: 'ERR_INVALID_URL',
    expected: INTERNAL,
  },
];

/** Stack frame lines and other traces of internals that must never reach a client. */
function leakMarkers(error: unknown): string[] {
  const e = error as Error;
  const frames = (e.stack ?? '').split('\n').slice(1).map((line) => line.trim()).filter(Boolean);
  return [e.message, dir, tmpdir(), ...frames];
}

describe('sanitizeError over real Node errors', () => {
  for (const { name, skip, make, code, expected } of cases) {
    it.skipIf(skip !== undefined)(skip === undefined ? name : `${name} (skipped: ${skip})`, async () => {
      const error = await make();
      if (code !== undefined) expect((error as { code?: string }).code).toBe(code);

      const log = vi.fn<NonNullable<SanitizeErrorOptions['log']>>();
      const result = sanitizeError(error, { requestId: 'req-42', log });
      expect(result).toEqual({ ...expected, requestId: 'req-42' });

      const json = JSON.stringify(result);
      for (const marker of leakMarkers(error)) expect(json).not.toContain(marker);
      expect(json).not.toMatch(/\bat\s|node:internal|file:\/\/|\.[jt]s:\d+/u);
      expect(JSON.parse(json)).toEqual(result);
      expect(Object.isFrozen(result)).toBe(true);
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);

      expect(log).toHaveBeenCalledTimes(1);
      expect(log).toHaveBeenCalledWith(error, 'req-42');
    });
  }

  it('produces errors that really carry the leaks it must hide', async () => {
    const enoent = (await cases[1]!.make()) as Error;
    expect(enoent.message).toContain(dir);
    expect(enoent.stack).toMatch(/\n\s+at /u);
  });
});

describe('sanitizeError', () => {
  it('generates a random UUID request id and logs with it, by default to console.error', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = new Error(`open '${dir}/x'`);
      const result = sanitizeError(error);
      expect(result.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
      expect(sanitizeError(error).requestId).not.toBe(result.requestId);
      expect(spy).toHaveBeenCalledWith(expect.stringContaining(result.requestId), error);
    } finally {
      spy.mockRestore();
    }
  });

  it('passes the public message, status and code of a ClientError, but not its cause', () => {
    const cause = caught(() => readFileSync(join(dir, 'users', 'alice.json')));
    const error = new ClientError(404, 'No such user', { cause });
    expect(error.code).toBe('NOT_FOUND');
    const result = sanitizeError(error, { requestId: 'r', log: () => undefined });
    expect(result).toEqual({ status: 404, code: 'NOT_FOUND', message: 'No such user', requestId: 'r' });
    expect(JSON.stringify(result)).not.toContain(dir);

    const custom = new ClientError(409, 'Name taken', { code: 'NAME_TAKEN' });
    expect(sanitizeError(custom, { log: () => undefined })).toMatchObject({ status: 409, code: 'NAME_TAKEN' });
    expect(sanitizeError(new ClientError(503, 'Down for maintenance'), { log: () => undefined })).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'Down for maintenance',
    });
  });

  it('rejects a ClientError status that is not an HTTP error status', () => {
    expect(() => new ClientError(200, 'ok')).toThrow(RangeError);
    expect(() => new ClientError(404.5, 'x')).toThrow(RangeError);
  });

  it('maps ValidationError-named and Zod-like errors to 400 without their message', () => {
    const named = Object.assign(new Error(`"path" ${dir} is not allowed`), { name: 'ValidationError' });
    const zodLike = Object.assign(new Error(`Expected string at ${dir}`), { issues: [{ path: [dir] }] });
    for (const error of [named, zodLike]) {
      const result = sanitizeError(error, { log: () => undefined });
      expect(result).toMatchObject(INVALID);
      expect(JSON.stringify(result)).not.toContain(dir);
    }
  });

  it('maps EPERM like EACCES and non-Error values to 500', () => {
    const eperm = Object.assign(new Error(`EPERM: operation not permitted, unlink '${dir}'`), { code: 'EPERM' });
    expect(sanitizeError(eperm, { log: () => undefined })).toMatchObject(PERMISSION);
    expect(sanitizeError(`ENOENT ${dir}`, { log: () => undefined })).toMatchObject(INTERNAL);
    expect(sanitizeError(null, { log: () => undefined })).toMatchObject(INTERNAL);
  });

  it('uses a custom mapping as given, and the built-in one when it returns undefined', () => {
    const map = (e: unknown) =>
      e instanceof RangeError ? { status: 416, code: 'RANGE', message: 'Bad range' } : undefined;
    expect(sanitizeError(new RangeError('x'), { map, requestId: 'a', log: () => undefined })).toEqual({
      status: 416,
      code: 'RANGE',
      message: 'Bad range',
      requestId: 'a',
    });
    expect(sanitizeError(new Error('x'), { map, log: () => undefined })).toMatchObject(INTERNAL);
  });

  it('never throws: a failing map falls back and is logged, a hostile error object gives 500', () => {
    const log = vi.fn();
    const boom = new Error('map bug');
    const result = sanitizeError(new Error('x'), {
      map: () => {
        throw boom;
      },
      log,
    });
    expect(result).toMatchObject(INTERNAL);
    expect(log).toHaveBeenCalledWith(boom, result.requestId);

    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(sanitizeError(hostile, { log: () => undefined })).toMatchObject(INTERNAL);
  });

  it('reports a throwing log to console.error instead of throwing', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = new Error('original');
      const result = sanitizeError(error, {
        log: () => {
          throw new Error('log down');
        },
      });
      expect(result).toMatchObject(INTERNAL);
      expect(spy).toHaveBeenCalledWith(expect.stringContaining(result.requestId), expect.any(Error), error);
    } finally {
      spy.mockRestore();
    }
  });
});
