// The same cache in a private directory: created fresh by mkdtemp, mode 0700, removed at the end.
import fs from 'node:fs';
import path from 'node:path';

import { createTempDir } from 'eslint-plugin-secure-fs/runtime';

export async function withBuildCache(build) {
  const cache = await createTempDir({ prefix: 'app-build-cache-' });
  try {
    return await build({
      save: (name, contents) => fs.writeFileSync(path.join(cache.path, name), contents, { flag: 'wx', mode: 0o600 }),
      load: (name) => fs.readFileSync(path.join(cache.path, name), 'utf8'),
    });
  } finally {
    await cache.remove();
  }
}
