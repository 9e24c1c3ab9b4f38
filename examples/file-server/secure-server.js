// The same server: clients get a generic message and a request id, the details go to the log,
// only a missing directory counts as "no reports", and saving never overwrites what is there.
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

import { createOrFailSync, readdirOrEmpty, sanitizeError } from 'eslint-plugin-secure-fs/runtime';

const ROOT = path.join(process.cwd(), 'reports');

export const server = http.createServer(async (req, res) => {
  try {
    if (req.url === '/') {
      res.end(JSON.stringify(await readdirOrEmpty(ROOT)));
      return;
    }
    const file = path.join(ROOT, path.basename(req.url ?? ''));
    res.end(await fsp.readFile(file));
  } catch (err) {
    const safe = sanitizeError(err);
    res.statusCode = safe.status;
    res.end(JSON.stringify(safe));
  }
});

export function saveReport(name, body) {
  return createOrFailSync(path.join(ROOT, path.basename(name)), body).created;
}
