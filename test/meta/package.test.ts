// The package as a user installs it: pack the tarball, install it into throw-away projects,
// and check what lands there and that ESLint 9 and 10 run the plugin from it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;
let scratch: string;
let tarball: string;

const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

function consumer(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], dir);
  return dir;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'secure-fs-package-'));
  // `prepack` builds first; its output precedes npm's JSON.
  const out = run('npm', ['pack', '--json', '--pack-destination', scratch], repo);
  const [packed] = JSON.parse(out.slice(out.search(/^\[/mu))) as { filename: string; files: { path: string }[] }[];
  tarball = join(scratch, packed!.filename);
  writeFileSync(join(scratch, 'files.json'), JSON.stringify(packed!.files.map((f) => f.path)));
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships only dist, docs, README, LICENSE and package.json', async () => {
    const { readFileSync } = await import('node:fs');
    const files = JSON.parse(readFileSync(join(scratch, 'files.json'), 'utf8')) as string[];
    const outside = files.filter((f) => !/^(?:dist\/|docs\/|README\.md$|LICENSE$|package\.json$)/u.test(f));
    expect(outside).toEqual([]);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/runtime.d.ts');
    expect(files).toContain('dist/licenses/@eslint-community/eslint-utils/LICENSE');
  });

  it('installs for ./runtime alone without pulling in ESLint or TypeScript', () => {
    const dir = consumer('runtime-only');
    for (const name of ['eslint', 'typescript', '@eslint-community/eslint-utils', '@typescript-eslint/utils']) {
      expect(existsSync(join(dir, 'node_modules', name)), name).toBe(false);
    }
    const out = run('node', ['--input-type=module', '-e', `
      const runtime = await import('eslint-plugin-secure-fs/runtime');
      const dir = await runtime.createTempDir();
      console.log(typeof runtime.writeFileAtomic, (await import('node:fs')).statSync(dir.path).mode & 0o777);
      await dir.remove();`], dir);
    expect(out.trim()).toBe(`function ${0o700}`);
  }, 120_000);

  it.each([
    ['ESLint 10', 'eslint'],
    ['ESLint 9', 'eslint9'],
  ])('reports /tmp paths in .js and .ts files under %s with configs.recommended', (_name, eslintCopy) => {
    const dir = consumer(`consumer-${eslintCopy}`);
    // The dev copies of ESLint and the TypeScript parser stand in for the user's own installs.
    symlinkSync(join(repo, 'node_modules', eslintCopy), join(dir, 'node_modules', 'eslint'), 'dir');
    mkdirSync(join(dir, 'node_modules', '@typescript-eslint'), { recursive: true });
    symlinkSync(join(repo, 'node_modules/@typescript-eslint/parser'), join(dir, 'node_modules/@typescript-eslint/parser'), 'dir');
    writeFileSync(
      join(dir, 'eslint.config.js'),
      `import secureFs from 'eslint-plugin-secure-fs';
import tsParser from '@typescript-eslint/parser';
export default [
  secureFs.configs.recommended,
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];
`,
    );
    // Reads and removals: a literal that only feeds a creation is reported by no-insecure-tmp-create instead.
    writeFileSync(join(dir, 'build.js'), "import fs from 'node:fs';\nfs.rmSync('/tmp/build', { recursive: true });\n");
    writeFileSync(join(dir, 'cache.ts'), "import { readFileSync } from 'fs';\nconst file: string = `/var/tmp/${process.pid}.json`;\nreadFileSync(file);\n");
    let output = '';
    try {
      run('node', [join(dir, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', 'build.js', 'cache.ts'], dir);
    } catch (error) {
      // Exit code 1: findings. Anything else fails the test below.
      output = (error as { stdout: string; status: number }).stdout;
      expect((error as { status: number }).status).toBe(1);
    }
    const results = JSON.parse(output) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    const byFile = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => `${m.ruleId}:${m.line}`)]));
    expect(byFile['build.js']).toContain('secure-fs/no-hardcoded-tmp-path:2');
    expect(byFile['cache.ts']).toContain('secure-fs/no-hardcoded-tmp-path:2');
  }, 120_000);
});
