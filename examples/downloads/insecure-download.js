// A download route: the file name comes from the URL and is joined onto the public directory,
// so `GET /download/..%2f..%2fhome%2fapp%2f.env` sends the service's secrets; the docs route
// strips `../` once, and `....//` survives as `../`; the assets' check has no separator, so
// `GET /assets/..%2fassets-private%2fkey.pem` reads a sibling directory that passes it.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

import express from 'express';

const PUBLIC_DIR = path.resolve('public');
const DOCS_DIR = path.join(PUBLIC_DIR, 'docs');
export const app = express();

app.get('/download/:name', (req, res) => {
  res.send(fs.readFileSync(path.join(PUBLIC_DIR, req.params.name)));
});

app.get('/docs', async (req, res) => {
  const page = String(req.query.page).replace('../', '');
  res.send(await fsp.readFile(path.join(DOCS_DIR, page)));
});

class Assets {
  constructor(dir) {
    this.dir = path.resolve(dir);
  }

  read(name) {
    const file = path.resolve(this.dir, name);
    if (!file.startsWith(this.dir)) throw new Error('outside the assets');
    return fs.readFileSync(file);
  }
}

const assets = new Assets('assets');
app.get('/assets/:name', (req, res) => res.send(assets.read(req.params.name)));
