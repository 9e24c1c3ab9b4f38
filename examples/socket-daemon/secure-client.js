// The client finds the daemon through the same helper, so it only ever talks to a socket in this
// user's private runtime directory: nobody else can have put a listener there.
import net from 'node:net';

import { socketPath } from 'eslint-plugin-secure-fs/runtime';

export async function addNote(text) {
  const connection = net.connect(await socketPath('notes'));
  connection.setEncoding('utf8');
  connection.end(`${text}\n`);
  let reply = '';
  for await (const chunk of connection) reply += chunk;
  return Number(reply);
}
