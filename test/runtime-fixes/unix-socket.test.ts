import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import process from 'node:process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { listenUnixSocket } from '../../src/runtime-fixes/unix-socket.js';
import { isRoot, modeOf as mode, NOBODY, scratchDir } from '../helpers/fs.js';

let root: string;
let sock: string;
const servers: Server[] = [];

function track(server: Server = createServer()): Server {
  servers.push(server);
  return server;
}

beforeEach(async () => {
  root = await scratchDir('secure-fs-sock-');
  sock = join(root, 'app.sock');
});

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))),
  );
});

/** A server in a child process, SIGKILLed so that its socket file stays behind. */
async function leaveStaleSocket(path: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('ready'))`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await once(child.stdout, 'data');
  child.kill('SIGKILL');
  await once(child, 'exit');
  expect(lstatSync(path).isSocket()).toBe(true);
}

function exchange(path: string, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client: Socket = connect(path);
    let reply = '';
    client.setEncoding('utf8');
    client.on('data', (chunk: string) => (reply += chunk));
    client.on('end', () => resolve(reply));
    client.on('error', reject);
    client.end(message);
  });
}

function echoServer(): Server {
  return track(
    createServer((socket) => {
      socket.setEncoding('utf8');
      // The helper's liveness probe connects and hangs up at once.
      socket.on('error', () => undefined);
      let received = '';
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('end', () => socket.end(`echo:${received}`));
    }),
  );
}

describe.skipIf(process.platform === 'win32')('listenUnixSocket', () => {
  it('listens with mode 0600 and a client exchanges a message through the path', async () => {
    const server = echoServer();
    await listenUnixSocket(server, sock);
    expect(server.listening).toBe(true);
    expect(lstatSync(sock).isSocket()).toBe(true);
    expect(mode(sock)).toBe(0o600);
    expect(await exchange(sock, 'hello')).toBe('echo:hello');
  });

  it('sets mode 0660 by option', async () => {
    await listenUnixSocket(track(), sock, { mode: 0o660 });
    expect(mode(sock)).toBe(0o660);
  });

  it.each([
    ['0o666', 0o666],
    ['0o644', 0o644],
    ['0o700', 0o700],
    ['0o777', 0o777],
  ])('rejects mode %s without listening', async (_name, bad) => {
    const server = track();
    await expect(listenUnixSocket(server, sock, { mode: bad as 0o600 })).rejects.toMatchObject({
      code: 'ERR_SECURE_FS_INSECURE_MODE',
    });
    expect(server.listening).toBe(false);
    expect(() => lstatSync(sock)).toThrow();
  });

  it('refuses a symlink planted at the socket path and leaves it and its target untouched', async () => {
    const target = join(root, 'victim.txt');
    writeFileSync(target, 'precious');
    symlinkSync(target, sock);
    const server = track();
    await expect(listenUnixSocket(server, sock)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK', path: sock });
    expect(server.listening).toBe(false);
    expect(lstatSync(sock).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('precious');
  });

  it('refuses a dangling symlink at the socket path', async () => {
    symlinkSync(join(root, 'nowhere'), sock);
    await expect(listenUnixSocket(track(), sock)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_SYMLINK' });
    expect(lstatSync(sock).isSymbolicLink()).toBe(true);
  });

  it('refuses a regular file at the socket path and leaves it untouched', async () => {
    writeFileSync(sock, 'not a socket', { mode: 0o644 });
    await expect(listenUnixSocket(track(), sock)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_WRONG_TYPE', path: sock });
    expect(readFileSync(sock, 'utf8')).toBe('not a socket');
    expect(mode(sock)).toBe(0o644);
  });

  it('replaces a stale socket left by a killed server', async () => {
    await leaveStaleSocket(sock);
    const server = echoServer();
    await listenUnixSocket(server, sock);
    expect(mode(sock)).toBe(0o600);
    expect(await exchange(sock, 'again')).toBe('echo:again');
  });

  it('refuses a live socket with ERR_SECURE_FS_IN_USE and leaves the other server running', async () => {
    const first = echoServer();
    await new Promise<void>((resolve) => first.listen(sock, resolve));
    const second = track();
    await expect(listenUnixSocket(second, sock)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_IN_USE', path: sock });
    expect(second.listening).toBe(false);
    expect(await exchange(sock, 'still here')).toBe('echo:still here');
  });

  it('probes a live server politely: a greeting server without an error listener survives and still answers', async () => {
    // The plainest server there is: it greets and ends every connection, and an EPIPE or
    // ECONNRESET on one (a probe that resets) would be an uncaught exception that kills it.
    const child = spawn(
      process.execPath,
      ['-e', `require('node:net').createServer((c) => c.end('hello\\n')).listen(${JSON.stringify(sock)}, () => console.log('ready'))`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    try {
      await once(child.stdout, 'data');
      for (let attempt = 0; attempt < 20; attempt++) {
        await expect(listenUnixSocket(track(), sock)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_IN_USE', path: sock });
      }
      // Long enough for a reset to have reached the server and killed it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(child.exitCode, stderr).toBeNull();
      expect(await exchange(sock, '')).toBe('hello\n');
      expect(stderr).toBe('');
    } finally {
      child.kill();
    }
  });

  it.skipIf(!isRoot)('refuses a stale socket owned by another user (needs root to chown to uid 65534)', async () => {
    await leaveStaleSocket(sock);
    chownSync(sock, NOBODY, NOBODY);
    await expect(listenUnixSocket(track(), sock)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_NOT_OWNER', path: sock });
    expect(lstatSync(sock).isSocket()).toBe(true);
  });

  it.skipIf(!isRoot)('refuses a directory owned by another user (needs root to chown to uid 65534)', async () => {
    chownSync(root, NOBODY, NOBODY);
    await expect(listenUnixSocket(track(), sock)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_NOT_OWNER' });
    expect(() => lstatSync(sock)).toThrow();
  });

  it('refuses a directory that other users can write', async () => {
    chmodSync(root, 0o1777);
    await expect(listenUnixSocket(track(), sock)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INSECURE_MODE' });
    chmodSync(root, 0o750);
    await listenUnixSocket(track(), sock, { mode: 0o660 });
    expect(mode(sock)).toBe(0o660);
  });

  it('refuses an abstract socket and a path Node would truncate', async () => {
    await expect(listenUnixSocket(track(), '\0abstract')).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INVALID_NAME' });
    const long = join(root, 'x'.repeat(120));
    await expect(listenUnixSocket(track(), long)).rejects.toMatchObject({ code: 'ERR_SECURE_FS_INVALID_NAME' });
  });

  it('rejects with the listen error and leaves the server closed', async () => {
    const server = track();
    await expect(listenUnixSocket(server, join(root, 'missing-dir', 'app.sock'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(server.listening).toBe(false);
  });

  it('never changes the process umask', async () => {
    const umask = process.umask();
    await listenUnixSocket(track(), sock);
    expect(process.umask()).toBe(umask);
  });
});
