// The same extractor: every directory is created one component at a time and every file
// written atomically inside the destination; an entry that leaves it, by `..` or through a
// symlink an earlier entry planted, fails with ERR_SECURE_FS_OUTSIDE_ROOT.
import path from 'node:path';

import AdmZip from 'adm-zip';
import { mkdirInside, writeFileInside } from 'eslint-plugin-secure-fs/runtime';

export async function extract(archive, dest) {
  for (const entry of new AdmZip(archive).getEntries()) {
    if (entry.isDirectory) {
      await mkdirInside(dest, entry.entryName);
    } else {
      await mkdirInside(dest, path.posix.dirname(entry.entryName));
      await writeFileInside(dest, entry.entryName, entry.getData());
    }
  }
}
