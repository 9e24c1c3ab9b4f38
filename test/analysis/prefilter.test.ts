import { describe, expect, it } from 'vitest';

import { SHARED_TMP_WORDS, fsNamePattern } from '../../src/analysis/index.js';
import { fsExtraModule, fsModule, fsPromisesModule } from '../../src/analysis/api-table.js';

describe('prefilters', () => {
  it('name every call of the effects they stand for, in every form', () => {
    const pattern = fsNamePattern(['exists', 'access', 'stat', 'lstat']);
    for (const table of [fsModule, fsPromisesModule, fsExtraModule]) {
      for (const [name, api] of Object.entries(table)) {
        if (['exists', 'access', 'stat', 'lstat'].includes(api.effect)) expect(pattern.test(name), name).toBe(true);
      }
    }
    expect(pattern.test('fs.readFileSync(p)')).toBe(false);
  });

  it('match every spelling of a shared temp location', () => {
    for (const text of ['/tmp/x', '/var/tmp', '/dev/shm/x', 'C:\\Windows\\Temp', 'os.tmpdir()', 'process.env.TMPDIR', 'process.env.TEMP', 'process.env.TMP']) {
      expect(SHARED_TMP_WORDS.test(text), text).toBe(true);
    }
    expect(SHARED_TMP_WORDS.test("fs.readFileSync('./config.json')")).toBe(false);
  });
});
