#!/usr/bin/env node
// `npm run demo`: `secure-fs examples/` with the built CLI (dist/cli.js), as a user would run
// `npx secure-fs examples/`. The CLI exits 1 because the example app has findings: that is the
// demo working, so this exits 0 then, and fails only on 0 (a demo that finds nothing is broken)
// or 2 (a usage or internal error).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { status, signal } = spawnSync(process.execPath, ['dist/cli.js', 'examples/', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (status === 1) {
  console.log('secure-fs found the example app\'s insecure code (exit code 1, as in CI).');
} else {
  console.error(status === 0 ? 'demo: secure-fs found nothing in examples/, which must have findings.' : `demo: secure-fs failed (${signal ?? `exit code ${status}`}).`);
  process.exitCode = 1;
}
