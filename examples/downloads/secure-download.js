// The same routes: the helpers refuse `..`, absolute names and symlinks that lead out of the
// public directory, whatever the name looks like.
import path from 'node:path';

import express from 'express';
import { isSecureFsError, readFileInside } from 'eslint-plugin-secure-fs/runtime';

const PUBLIC_DIR = path.resolve('public');
const DOCS_DIR = path.join(PUBLIC_DIR, 'docs');
export const app = express();

app.get('/download/:name', async (req, res) => {
  try {
    res.send(await readFileInside(PUBLIC_DIR, req.params.name));
  } catch (err) {
    res.status(isSecureFsError(err) ? 403 : 404).end();
  }
});

app.get('/docs', async (req, res) => {
  try {
    res.send(await readFileInside(DOCS_DIR, String(req.query.page)));
  } catch {
    res.status(404).end();
  }
});

class Assets {
  constructor(dir) {
    this.dir = path.resolve(dir);
  }

  read(name) {
    return readFileInside(this.dir, name);
  }
}

const assets = new Assets('assets');
app.get('/assets/:name', async (req, res) => {
  try {
    res.send(await assets.read(req.params.name));
  } catch (err) {
    res.status(isSecureFsError(err) ? 403 : 404).end();
  }
});
