// Running the built CLI as another user (uid 65534) without depending on where the checkout
// lives: a clone inside a 0700 home or cache directory is out of that user's reach, so the build
// and the packages it imports are copied into a directory of their own under os.tmpdir().
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';

import { repo } from './build.js';
import { NOBODY } from './fs.js';

const asRoot = process.getuid?.() === 0;
const DROP = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];

/** The packages `entries` need at run time, as directories under the repo's node_modules, the way Node resolves them. */
function closure(entries: readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (name: string, from: string): void => {
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        if (found.has(candidate)) return;
        found.add(candidate);
        const manifest = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as { dependencies?: object; peerDependencies?: object; peerDependenciesMeta?: Record<string, { optional?: boolean }> };
        const peers = Object.keys(manifest.peerDependencies ?? {}).filter((peer) => manifest.peerDependenciesMeta?.[peer]?.optional !== true);
        for (const dep of [...Object.keys(manifest.dependencies ?? {}), ...peers]) visit(dep, candidate);
        return;
      }
      if (dir === repo.replace(/\/$/u, '') || dir === dirname(dir)) return;
    }
  };
  for (const entry of entries) visit(entry, repo);
  return found;
}

export interface OtherUserCopy {
  /** The copied CLI. */
  cli: string;
  /** Why the other user cannot run it, or undefined when it can. */
  unreachable: string | undefined;
  /** Runs `node cli args` as uid 65534 (as the current user when not root). */
  run(args: readonly string[], cwd: string): SpawnSyncReturns<string>;
  remove(): void;
}

export function copyForOtherUser(buildDir: string): OtherUserCopy {
  const base = mkdtempSync(join(tmpdir(), 'secure-fs-other-user-'));
  chmodSync(base, 0o755);
  cpSync(buildDir, join(base, 'dist'), { recursive: true });
  for (const dir of closure(['eslint', '@typescript-eslint/parser'])) {
    cpSync(dir, join(base, relative(repo, dir)), { recursive: true, dereference: true, filter: (src) => !src.includes('/node_modules/.cache') });
  }
  // A checkout made under `umask 077` has nothing others may read: open the copy up.
  for (const entry of readdirSync(base, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isSymbolicLink()) chmodSync(path, statSync(path).mode | (entry.isDirectory() ? 0o555 : 0o444));
  }
  const cli = join(base, 'dist/cli.js');
  const prefix = asRoot ? DROP : [];
  const run = (args: readonly string[], cwd: string): SpawnSyncReturns<string> => {
    const [command, ...rest] = [...prefix, process.execPath, cli, ...args];
    return spawnSync(command!, rest, { cwd, encoding: 'utf8' });
  };
  let unreachable: string | undefined;
  if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) unreachable = 'setpriv (util-linux) is not installed, so root cannot run the CLI as uid 65534';
  else if (run(['--version'], base).status !== 0) unreachable = `uid ${NOBODY} cannot run node and ${cli} (is ${tmpdir()} inside a directory it cannot traverse?)`;
  return { cli, unreachable, run, remove: () => rmSync(base, { recursive: true, force: true }) };
}
