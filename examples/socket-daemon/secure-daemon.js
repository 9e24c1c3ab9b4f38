// A per-user daemon on a Unix socket in the private runtime directory: $XDG_RUNTIME_DIR/notes/
// (0700, owned by this user), never a shared temp directory. listenUnixSocket removes a stale
// socket only after lstat shows it is one, refuses a symlink or any other file, and leaves the
// socket itself 0600.
import net from 'node:net';

import { listenUnixSocket, socketPath } from 'eslint-plugin-secure-fs/runtime';

const APP = 'notes';

export async function startDaemon() {
  const notes = [];
  const server = net.createServer((connection) => {
    connection.setEncoding('utf8');
    connection.on('data', (line) => {
      notes.push(line.trim());
      connection.end(`${notes.length}\n`);
    });
  });
  const path = await socketPath(APP);
  await listenUnixSocket(server, path);
  return { server, path };
}
