// A build cache in a fixed directory under /tmp: any local user can create
// /tmp/app-build-cache first and read or replace what this program stores there.
import fs from 'node:fs';
import path from 'node:path';

const CACHE_DIR = '/tmp/app-build-cache';

export function saveArtifact(name, contents) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  fs.writeFileSync(path.join(CACHE_DIR, name), contents);
}

export function loadArtifact(name) {
  return fs.readFileSync(path.join(CACHE_DIR, name), 'utf8');
}
