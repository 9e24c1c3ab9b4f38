// A machine secret generated on first run: written with the default mode, so it is readable by
// everyone until the chmod that follows; the token cache is created world-writable.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SECRET = path.join(os.homedir(), '.report-server', 'machine.key');

export function machineSecret() {
  fs.mkdirSync(path.dirname(SECRET), { recursive: true });
  fs.writeFileSync(SECRET, crypto.randomBytes(32).toString('hex'));
  fs.chmodSync(SECRET, 0o600);
  return fs.readFileSync(SECRET, 'utf8');
}

export function shareTokenCache(dir) {
  fs.chmodSync(path.join(dir, 'tokens'), 0o777);
}
