// A download route: the file name comes from the URL and is joined onto the public directory,
// so `GET /download/..%2f..%2fhome%2fapp%2f.env` sends the service's secrets; the docs route
// strips `../` once, and `....//` survives as `../`.
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
