// A tiny HTTP server for uploaded reports. Its errors tell every client where files live and
// who runs it (EACCES: permission denied, open '/home/alice/...'), and a listing that cannot be
// read looks exactly like an empty one.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const ROOT = path.join(process.cwd(), 'reports');

async function listReports() {
  try {
    return await fsp.readdir(ROOT);
  } catch {
    return [];
  }
}

export const server = http.createServer(async (req, res) => {
  try {
    if (req.url === '/') {
      res.end(JSON.stringify(await listReports()));
      return;
    }
    const file = path.join(ROOT, path.basename(req.url ?? ''));
    res.end(await fsp.readFile(file));
  } catch (err) {
    res.statusCode = 500;
    res.end(err.stack);
  }
});

export function saveReport(name, body) {
  const file = path.join(ROOT, path.basename(name));
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, body);
  }
}
