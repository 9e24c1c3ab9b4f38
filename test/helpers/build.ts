// A private build of the package for tests that run the built plugin or CLI: tsdown into a
// fresh directory under node_modules/.cache (so `eslint` and the parser resolve from the repo,
// and concurrent tests and colleagues never read a half-written dist/).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const repo = new URL('../../', import.meta.url).pathname;

export function buildPrivate(): { dir: string; cli: string; index: string; remove(): void } {
  const cache = join(repo, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'secure-fs-build-'));
  // Readable by all, for tests that run the CLI as an unprivileged user.
  chmodSync(dir, 0o755);
  execFileSync(join(repo, 'node_modules/.bin/tsdown'), ['--out-dir', dir, '--no-dts', '--logLevel', 'error'], { cwd: repo, stdio: 'ignore' });
  return { dir, cli: join(dir, 'cli.js'), index: join(dir, 'index.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
