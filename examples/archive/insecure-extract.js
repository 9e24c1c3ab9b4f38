// An archive extractor: each entry's name is joined onto the destination, so an entry named
// `../../.bashrc` is written outside it ("zip slip"), and a symlink entry followed by a file
// entry through it writes anywhere.
import fs from 'node:fs';
import path from 'node:path';

import AdmZip from 'adm-zip';

export function extract(archive, dest) {
  for (const entry of new AdmZip(archive).getEntries()) {
    if (entry.isDirectory) fs.mkdirSync(path.join(dest, entry.entryName));
    else fs.writeFileSync(path.join(dest, entry.entryName), entry.getData());
  }
}
