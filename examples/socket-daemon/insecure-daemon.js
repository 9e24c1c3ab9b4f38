// The same daemon on /tmp/notes.sock. Any local user can bind that name first and collect every
// note clients send, or put a symlink or their own file there for the "clean-up" to delete; the
// existsSync/unlinkSync/listen sequence races with them too.
import fs from 'node:fs';
import net from 'node:net';

const SOCKET = '/tmp/notes.sock';

export function startDaemon() {
  const notes = [];
  const server = net.createServer((connection) => {
    connection.on('data', (line) => {
      notes.push(String(line).trim());
      connection.end(`${notes.length}\n`);
    });
  });
  if (fs.existsSync(SOCKET)) fs.unlinkSync(SOCKET);
  server.listen(SOCKET);
  return server;
}

export function addNote(text) {
  const connection = net.connect({ path: SOCKET });
  connection.end(`${text}\n`);
}
