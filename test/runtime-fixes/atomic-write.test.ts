import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { beforeEach, describe, expect, it } from 'vitest';

import { writeFileAtomic, writeFileAtomicSync } from '../../src/runtime-fixes/atomic-write.js';
import { scratchDir } from '../helpers/fs.js';

let scratch: string;
beforeEach(async () => {
  scratch = await scratchDir('secure-fs-atomic-write-test-');
});

const mode = (path: string): number => statSync(path).mode & 0o7777;

/** Entries next to `target` other than `target` itself, i.e. temp siblings left behind. */
function leftovers(target: string): string[] {
  return readdirSync(dirname(target)).filter((name) => join(dirname(target), name) !== target);
}

function plantSymlink(at: string): string {
  const victim = join(scratch, 'victim');
  writeFileSync(victim, 'original', { mode: 0o644 });
  symlinkSync(victim, at);
  return victim;
}

describe('writeFileAtomic', () => {
  it('creates a new file with mode 0600 by default', async () => {
    const target = join(scratch, 'new.txt');
    await writeFileAtomic(target, 'hello');
    expect(readFileSync(target, 'utf8')).toBe('hello');
    expect(mode(target)).toBe(0o600);
    expect(leftovers(target)).toEqual([]);
  });

  it('writes Uint8Array data and decodes strings with the given encoding', async () => {
    const target = join(scratch, 'data.bin');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    await writeFileAtomic(target, 'cafe', { encoding: 'hex' });
    expect([...readFileSync(target)]).toEqual([0xca, 0xfe]);
  });

  it('keeps the permission bits of the file it replaces, minus setuid/setgid/sticky', async () => {
    const target = join(scratch, 'config');
    writeFileSync(target, 'old');
    chmodSync(target, 0o644);
    await writeFileAtomic(target, 'new');
    expect(mode(target)).toBe(0o644);
    chmodSync(target, 0o4750);
    await writeFileAtomic(target, 'newer');
    expect(mode(target)).toBe(0o750);
    expect(readFileSync(target, 'utf8')).toBe('newer');
  });

  it('applies an explicit mode exactly, whatever the umask', async () => {
    const target = join(scratch, 'shared');
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(target, 'x', { mode: 0o640 });
      expect(mode(target)).toBe(0o640);
      process.umask(0);
      await writeFileAtomic(target, 'y', { mode: 0o600 });
      expect(mode(target)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('refuses a symlink planted at the target with ERR_SECURE_FS_SYMLINK; link and target untouched', async () => {
    const target = join(scratch, 'target');
    const victim = plantSymlink(target);
    await expect(writeFileAtomic(target, 'attacker-chosen')).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_SYMLINK',
      path: target,
    });
    expect(readlinkSync(target)).toBe(victim);
    expect(readFileSync(victim, 'utf8')).toBe('original');
    expect(mode(victim)).toBe(0o644);
    expect(readdirSync(scratch).sort()).toEqual(['target', 'victim']);
  });

  it('refuses a dangling symlink at the target instead of creating its destination', async () => {
    const target = join(scratch, 'target');
    const wouldBeCreated = join(scratch, 'elsewhere');
    symlinkSync(wouldBeCreated, target);
    await expect(writeFileAtomic(target, 'x')).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK' });
    expect(existsSync(wouldBeCreated)).toBe(false);
  });

  it("with onSymlink 'write-through' replaces the link's target atomically and keeps the link", async () => {
    const target = join(scratch, 'target');
    const victim = plantSymlink(target);
    await writeFileAtomic(target, 'through', { onSymlink: 'write-through' });
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('through');
    expect(mode(victim)).toBe(0o644);
    expect(readdirSync(scratch).sort()).toEqual(['target', 'victim']);
  });

  it('rejects an unknown onSymlink value before touching anything', async () => {
    const target = join(scratch, 'target');
    const victim = plantSymlink(target);
    const options = { onSymlink: 'follow' } as unknown as { onSymlink: 'refuse' };
    await expect(writeFileAtomic(target, 'x', options)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INVALID_ARG' });
    expect(() => writeFileAtomicSync(target, 'x', options)).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_INVALID_ARG' }));
    expect(readFileSync(victim, 'utf8')).toBe('original');
  });

  it('refuses to replace a directory with ERR_SECURE_FS_WRONG_TYPE', async () => {
    const target = join(scratch, 'dir');
    mkdirSync(target);
    await expect(writeFileAtomic(target, 'x')).rejects.toMatchObject({ code: 'ERR_SECURE_FS_WRONG_TYPE' });
    expect(readdirSync(scratch)).toEqual(['dir']);
  });

  it('removes the temp file and rethrows when writing fails, leaving the old content', async () => {
    const target = join(scratch, 'target');
    writeFileSync(target, 'old');
    const bad = 42 as unknown as string;
    await expect(writeFileAtomic(target, bad)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    expect(() => writeFileAtomicSync(target, bad)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(leftovers(target)).toEqual([]);
  });

  it('passes a missing directory through as ENOENT', async () => {
    await expect(writeFileAtomic(join(scratch, 'missing', 'f'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never shows a reader a torn file while 20 writers race on one path; the last rename wins', async () => {
    const target = join(scratch, 'contended');
    const size = 1 << 20;
    await writeFileAtomic(target, Buffer.alloc(size, 0));
    const contents = Array.from({ length: 20 }, (_, i) => Buffer.alloc(size, i + 1));
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const seen = await readFile(target);
        expect(seen.length).toBe(size);
        expect(seen.equals(Buffer.alloc(size, seen[0] ?? -1))).toBe(true);
        reads++;
      }
    })();
    await Promise.all(contents.map((data) => writeFileAtomic(target, data)));
    writing = false;
    await reader;
    const final = readFileSync(target);
    expect(contents.some((data) => data.equals(final))).toBe(true);
    expect(reads).toBeGreaterThan(0);
    expect(leftovers(target)).toEqual([]);
  });
});

describe('writeFileAtomicSync', () => {
  it('creates, replaces and keeps the existing mode', () => {
    const target = join(scratch, 'sync.txt');
    writeFileAtomicSync(target, 'one');
    expect(mode(target)).toBe(0o600);
    chmodSync(target, 0o640);
    writeFileAtomicSync(target, 'two', { fsync: false });
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(mode(target)).toBe(0o640);
    expect(leftovers(target)).toEqual([]);
  });

  it('refuses a planted symlink and leaves its target untouched', () => {
    const target = join(scratch, 'target');
    const victim = plantSymlink(target);
    expect(() => writeFileAtomicSync(target, 'x')).toThrow(expect.objectContaining({ code: 'ERR_SECURE_FS_SYMLINK' }));
    expect(readFileSync(victim, 'utf8')).toBe('original');
  });
});

// The child must run the real helper, but Node 20 cannot import TypeScript: transpile the runtime
// sources (no type check, milliseconds) into the scratch dir and fork a plain ESM script there.
const runtimeSrc = fileURLToPath(new URL('../../src/runtime-fixes/', import.meta.url));

async function transpileRuntime(outDir: string): Promise<void> {
  const entries = await readdir(runtimeSrc, { recursive: true, withFileTypes: true });
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }');
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const source = join(entry.parentPath, entry.name);
    const out = join(outDir, relative(runtimeSrc, source)).replace(/\.ts$/u, '.js');
    const { outputText } = ts.transpileModule(await readFile(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, outputText);
  }
}

const WRITER = `
import { writeFileAtomicSync } from './runtime/atomic-write.js';
const [target, size, versions] = process.argv.slice(2);
for (let i = 0; ; i++) {
  // Each content is one byte value repeated, so a torn mix of two writes is easy to recognise.
  writeFileAtomicSync(target, Buffer.alloc(Number(size), (i % Number(versions)) + 1));
  process.send('written');
}
`;

describe('a writer killed in the middle of writeFileAtomicSync', () => {
  it('leaves exactly one complete content and at most the one temp sibling it was writing', async ({ annotate }) => {
    const work = join(scratch, 'work');
    const data = join(scratch, 'data');
    await transpileRuntime(join(work, 'runtime'));
    await writeFile(join(work, 'writer.mjs'), WRITER);
    await mkdir(data);
    const target = join(data, 'state.bin');
    const size = 8 << 20;
    const versions = 5;
    await writeFileAtomic(target, Buffer.alloc(size, 0));

    const rounds = 6;
    let killedMidWrite = 0;
    for (let round = 0; round < rounds; round++) {
      const child: ChildProcess = fork(join(work, 'writer.mjs'), [target, String(size), String(versions)], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      // Kill only after at least one complete write, at a random point of a later one.
      await once(child, 'message');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      child.kill('SIGKILL');
      const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });

      const content = readFileSync(target);
      expect(content.length).toBe(size);
      const version = content[0] ?? -1;
      // The kill came after at least one complete write, so the initial content 0 is gone.
      expect(version).toBeGreaterThanOrEqual(1);
      expect(version).toBeLessThanOrEqual(versions);
      expect(content.equals(Buffer.alloc(size, version))).toBe(true);

      // SIGKILL gives the writer no chance to clean up, so the temp file it was filling may stay:
      // at most one, named like a hidden sibling. Removed here so every round is judged alone.
      const left = leftovers(target);
      expect(left.length).toBeLessThanOrEqual(1);
      for (const name of left) {
        expect(name).toMatch(/^\.state\.bin\.[0-9a-f]{32}\.tmp$/u);
        killedMidWrite++;
        await rm(join(data, name));
      }
    }
    // How often the kill landed inside a write varies from run to run; it is recorded, not asserted.
    await annotate(`${killedMidWrite} of ${rounds} kills interrupted a write and left its temp sibling`);
  });
});
