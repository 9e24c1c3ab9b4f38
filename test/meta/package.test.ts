// The package as a user installs it: pack the tarball, install it into throw-away projects,
// and check what lands there and that ESLint 9 and 10 run the plugin from it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;
let scratch: string;
let tarball: string;

const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

/** Runs a command that may exit non-zero; npx never touches the network here (`--no-install`). */
function attempt(command: string, args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: run(command, args, cwd), stderr: '' };
  } catch (error) {
    const { status, stdout, stderr } = error as { status: number; stdout: string; stderr: string };
    return { status, stdout, stderr };
  }
}

/** The user's own installs of ESLint and the TypeScript parser, played by the repo's dev copies. */
function linkPeers(dir: string, eslintCopy = 'eslint'): void {
  symlinkSync(join(repo, 'node_modules', eslintCopy), join(dir, 'node_modules', 'eslint'), 'dir');
  mkdirSync(join(dir, 'node_modules', '@typescript-eslint'), { recursive: true });
  symlinkSync(join(repo, 'node_modules/@typescript-eslint/parser'), join(dir, 'node_modules/@typescript-eslint/parser'), 'dir');
}

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
    linkPeers(dir, eslintCopy);
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

  it('runs `npx secure-fs examples/` and `--format sarif` with the user\'s ESLint and parser', () => {
    const dir = consumer('cli');
    linkPeers(dir);
    cpSync(join(repo, 'examples'), join(dir, 'examples'), { recursive: true });
    const stylish = attempt('npx', ['--no-install', 'secure-fs', 'examples/'], dir);
    expect(stylish.status, stylish.stderr).toBe(1);
    expect(stylish.stdout).toMatch(/examples\/build-cache\/insecure-cache\.js\n.*error .*secure-fs\/no-/u);
    expect(stylish.stdout).not.toContain('/secure-cache.js');

    const sarif = attempt('npx', ['--no-install', 'secure-fs', '--format', 'sarif', 'examples/'], dir);
    expect(sarif.status, sarif.stderr).toBe(1);
    // SARIF 2.1.0's required properties: log version/$schema/runs, run tool.driver.name,
    // result message (and the ruleId/locations code scanning needs).
    const log = JSON.parse(sarif.stdout) as {
      version: string;
      $schema: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/u);
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    expect(sarifRun!.tool.driver.name).toBe('ESLint');
    expect(sarifRun!.tool.driver.rules.length).toBeGreaterThan(0);
    // One stylish line per finding: `  line:column  error  message  rule`.
    expect(sarifRun!.results.length).toBe((stylish.stdout.match(/^\s+\d+:\d+\s+error\s/gmu) ?? []).length);
    const ruleIds = new Set(sarifRun!.tool.driver.rules.map((r) => r.id));
    for (const result of sarifRun!.results) {
      expect(ruleIds.has(result.ruleId), result.ruleId).toBe(true);
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*\/examples\//u);
      expect(result.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  }, 120_000);

  it('says what to install when ESLint or the TypeScript parser is missing (exit code 2)', () => {
    const dir = consumer('cli-without-peers');
    writeFileSync(join(dir, 'a.js'), "import fs from 'node:fs';\nfs.readdirSync('/tmp/x');\n");
    const noEslint = attempt('npx', ['--no-install', 'secure-fs', 'a.js'], dir);
    expect(noEslint.status).toBe(2);
    expect(noEslint.stderr).toContain('eslint is not installed, and secure-fs needs it to lint. Install it next to the plugin:\n  npm install --save-dev eslint\n');
    symlinkSync(join(repo, 'node_modules/eslint'), join(dir, 'node_modules/eslint'), 'dir');
    const noParser = attempt('npx', ['--no-install', 'secure-fs', 'a.js'], dir);
    expect(noParser.status).toBe(2);
    expect(noParser.stderr).toContain('npm install --save-dev @typescript-eslint/parser');
  }, 120_000);

  it('passes publint (strict) and Are the Types Wrong for both entry points', () => {
    const publint = attempt(join(repo, 'node_modules/.bin/publint'), ['run', tarball, '--strict'], repo);
    expect(publint.status, publint.stdout + publint.stderr).toBe(0);
    expect(publint.stdout).toContain('All good!');
    // ESM only by design (issue 3), so CommonJS-only resolution modes are out of scope.
    const attw = attempt(join(repo, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'json', '--entrypoints', '.', './runtime'], repo);
    expect(attw.status, attw.stdout + attw.stderr).toBe(0);
    const report = JSON.parse(attw.stdout) as { analysis: { entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string; isTypeScript: boolean } }> }> } };
    for (const entry of ['.', './runtime']) {
      const esm = report.analysis.entrypoints[entry]!.resolutions['node16-esm']!.resolution!;
      expect(esm.fileName, entry).toMatch(/\/dist\/\w+\.d\.ts$/u);
      expect(esm.isTypeScript).toBe(true);
    }
  }, 120_000);

  it('ships the CLI as the secure-fs bin, with a shebang, and the licences of what it bundles', () => {
    const files = JSON.parse(readFileSync(join(scratch, 'files.json'), 'utf8')) as string[];
    for (const name of ['@microsoft/eslint-formatter-sarif', 'lodash', 'utf8']) {
      expect(files.some((f) => f.startsWith(`dist/licenses/${name}/`)), name).toBe(true);
    }
    const dir = join(scratch, 'cli');
    const pkg = JSON.parse(readFileSync(join(dir, 'node_modules/eslint-plugin-secure-fs/package.json'), 'utf8')) as { bin: Record<string, string>; dependencies?: object };
    expect(pkg.bin).toEqual({ 'secure-fs': './dist/cli.js' });
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(readFileSync(join(dir, 'node_modules/eslint-plugin-secure-fs/dist/cli.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/u);
  });
});
