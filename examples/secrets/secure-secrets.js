// The same secret, 0600 from the moment it exists, in a directory only this user can use; the
// token cache is left to the owner.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

import { ensurePrivateDirSync, readSecretFileSync, writeSecretFileSync } from 'eslint-plugin-secure-fs/runtime';

const SECRET = path.join(os.homedir(), '.report-server', 'machine.key');

export function machineSecret() {
  ensurePrivateDirSync(path.dirname(SECRET));
  writeSecretFileSync(SECRET, crypto.randomBytes(32).toString('hex'));
  return readSecretFileSync(SECRET, { encoding: 'utf8' });
}
