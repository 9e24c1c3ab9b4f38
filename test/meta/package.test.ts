// The package as a user installs it: pack the tarball, install it into throw-away projects,
// and check what lands there and that ESLint 9 and 10 run the plugin from it. Then the scan with
// nothing installed: packages/secure-fs-scan's tarball, served with the plugin's by a local
// registry (test/helpers/registry.ts), run with the README's command.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRegistry, type Registry } from '../helpers/registry.js';

const repo = new URL('../../', import.meta.url).pathname;
const scanPackageDir = join(repo, 'packages/secure-fs-scan');
let scratch: string;
let tarball: string;
let scanTarball: string;

const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', ...env } });

/** Runs a command that may exit non-zero; npx never touches the network here (`--no-install`). */
function attempt(command: string, args: string[], cwd: string, env?: Record<string, string>): { status: number; stdout: string; stderr: string } {
  try {
    return { status: 0, stdout: run(command, args, cwd, env), stderr: '' };
  } catch (error) {
    const { status, stdout, stderr } = error as { status: number; stdout: string; stderr: string };
    return { status, stdout, stderr };
  }
}

/** `attempt` without blocking the event loop, which the in-process registry needs to answer npm. */
async function attemptAsync(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', ...env } });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { status: code, stdout, stderr };
  }
}

/** The user's own installs of ESLint and the TypeScript parser, played by the repo's dev copies. */
function linkPeers(dir: string, eslintCopy = 'eslint'): void {
  linkEslint(dir, eslintCopy);
  mkdirSync(join(dir, 'node_modules', '@typescript-eslint'), { recursive: true });
  symlinkSync(join(repo, 'node_modules/@typescript-eslint/parser'), join(dir, 'node_modules/@typescript-eslint/parser'), 'dir');
}

function linkEslint(dir: string, eslintCopy = 'eslint'): void {
  symlinkSync(join(repo, 'node_modules', eslintCopy), join(dir, 'node_modules', 'eslint'), 'dir');
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
  const scanOut = run('npm', ['pack', '--json', '--pack-destination', scratch], scanPackageDir);
  const [scanPacked] = JSON.parse(scanOut.slice(scanOut.search(/^\[/mu))) as { filename: string; files: { path: string }[] }[];
  scanTarball = join(scratch, scanPacked!.filename);
  writeFileSync(join(scratch, 'scan-files.json'), JSON.stringify(scanPacked!.files.map((f) => f.path)));
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

  it('says what to install when ESLint is missing, and scans JavaScript without the TypeScript parser', () => {
    const dir = consumer('cli-without-peers');
    writeFileSync(join(dir, 'a.js'), "import fs from 'node:fs';\nfs.readdirSync('/tmp/x');\n");
    const noEslint = attempt('npx', ['--no-install', 'secure-fs', 'a.js'], dir);
    expect(noEslint.status).toBe(2);
    expect(noEslint.stderr).toContain('eslint is not installed, and secure-fs needs it to lint. Install it next to the plugin:\n  npm install --save-dev eslint\n');
    expect(noEslint.stderr).toContain('npx secure-fs-scan .');
    linkEslint(dir);
    // No TypeScript file, so nothing is missing: a complete scan.
    const noParser = attempt('npx', ['--no-install', 'secure-fs', 'a.js'], dir);
    expect(noParser.status, noParser.stderr).toBe(1);
    expect(noParser.stdout).toContain('secure-fs/no-hardcoded-tmp-path');
    expect(noParser.stderr).toBe('');
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

type Sarif = {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; index?: number } } }[] }[];
    invocations?: { executionSuccessful: boolean; toolConfigurationNotifications: { message: { text: string } }[] }[];
  }[];
};

/** `file`'s results and the rules they cite, without what depends on the project directory or on the other files (uri, indices). */
function sarifOf(text: string, file: string): { results: unknown[]; rules: unknown[] } {
  const [sarifRun] = (JSON.parse(text) as Sarif).runs;
  const mine = sarifRun!.results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith(`/${file}`));
  const ids = new Set(mine.map((r) => r.ruleId));
  const results = mine.map((r) => JSON.parse(JSON.stringify(r, (key, value: unknown) => (key === 'index' || key === 'ruleIndex' ? undefined : key === 'uri' ? file : value))) as unknown);
  return { results, rules: sarifRun!.tool.driver.rules.filter((rule) => ids.has(rule.id)) };
}

describe('the scan with nothing installed (packages/secure-fs-scan)', () => {
  // The README's first scan command, word for word.
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const command = /^npx secure-fs-scan \.$/mu.exec(readme)?.[0];
  const insecureJs = "import fs from 'node:fs';\nfs.rmSync('/tmp/build', { recursive: true });\n";
  const insecureTs = "import { readFileSync } from 'fs';\nconst file: string = `/var/tmp/${process.pid}.json`;\nreadFileSync(file);\n";
  let registry: Registry;
  let npxCache: string;
  // npx reuses an install of the same package name: never one from an earlier run of this test.
  const forgetNpxInstalls = (): void => {
    for (const entry of existsSync(npxCache) ? readdirSync(npxCache) : []) {
      if (existsSync(join(npxCache, entry, 'node_modules/secure-fs-scan'))) rmSync(join(npxCache, entry), { recursive: true, force: true });
    }
  };

  const project = (name: string): string => {
    const dir = join(scratch, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
    writeFileSync(join(dir, 'bad.js'), insecureJs);
    writeFileSync(join(dir, 'bad.ts'), insecureTs);
    return dir;
  };

  beforeAll(async () => {
    const manifest = (dir: string): { name: string; version: string } => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
    registry = await startRegistry([
      { manifest: manifest(repo), tarball },
      { manifest: manifest(scanPackageDir), tarball: scanTarball },
    ]);
    npxCache = join(run('npm', ['config', 'get', 'cache'], repo).trim(), '_npx');
    forgetNpxInstalls();
  });
  afterAll(async () => {
    forgetNpxInstalls();
    await registry?.close();
  });

  it('is released with the plugin: same version, the plugin pinned to it, ESLint and the parser as dependencies, the same licence', () => {
    const plugin = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; engines: object };
    const scan = JSON.parse(readFileSync(join(scanPackageDir, 'package.json'), 'utf8')) as { version: string; engines: object; bin: object; dependencies: Record<string, string> };
    expect(scan.version).toBe(plugin.version);
    expect(scan.engines).toEqual(plugin.engines);
    expect(scan.bin).toEqual({ 'secure-fs-scan': './cli.js' });
    expect(Object.keys(scan.dependencies).sort()).toEqual(['@typescript-eslint/parser', 'eslint', 'eslint-plugin-secure-fs', 'typescript']);
    expect(scan.dependencies['eslint-plugin-secure-fs']).toBe(plugin.version);
    expect(readFileSync(join(scanPackageDir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(repo, 'LICENSE'), 'utf8'));
    expect((JSON.parse(readFileSync(join(scratch, 'scan-files.json'), 'utf8')) as string[]).sort()).toEqual(['LICENSE', 'README.md', 'cli.js', 'package.json']);
  });

  it('runs the README command in a project with nothing installed: findings in .js and .ts, exit 1, and the same SARIF as the plugin with both peers', async () => {
    expect(command).toBe('npx secure-fs-scan .');
    // npm_config_yes: the user's answer to npx's "Ok to proceed?" (npm run passes its own `yes` down).
    const env = { npm_config_registry: registry.url, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
    const bare = project('nothing-installed');
    const [npx, ...args] = command!.split(' ');
    const scan = await attemptAsync(npx!, args, bare, env);
    expect(scan.status, scan.stderr).toBe(1);
    expect(scan.stdout, scan.stderr).toMatch(/bad\.js\n\s+2:\d+\s+error .*secure-fs\/no-hardcoded-tmp-path/u);
    expect(scan.stdout).toMatch(/bad\.ts\n\s+2:\d+\s+error .*secure-fs\/no-hardcoded-tmp-path/u);
    expect(existsSync(join(bare, 'node_modules'))).toBe(false);
    const bareSarif = await attemptAsync(npx!, [...args, '--format', 'sarif'], bare, env);
    expect(bareSarif.status, bareSarif.stderr).toBe(1);

    // Only eslint: the plugin's own bin scans the JavaScript and lists the TypeScript as not scanned.
    const onlyEslint = consumer('only-eslint');
    linkEslint(onlyEslint);
    writeFileSync(join(onlyEslint, 'bad.js'), insecureJs);
    writeFileSync(join(onlyEslint, 'bad.ts'), insecureTs);
    const partial = attempt('npx', ['--no-install', 'secure-fs', '.'], onlyEslint);
    expect(partial.status, partial.stderr).toBe(2);
    expect(partial.stdout).toMatch(/bad\.js\n\s+2:\d+\s+error .*secure-fs\/no-hardcoded-tmp-path/u);
    expect(partial.stderr).toBe(
      `secure-fs: 1 file was not scanned:\n  ${join(onlyEslint, 'bad.ts')} (TypeScript, and @typescript-eslint/parser is not installed: npm install --save-dev @typescript-eslint/parser)\n`,
    );
    const partialSarif = attempt('npx', ['--no-install', 'secure-fs', '--format', 'sarif', '.'], onlyEslint);
    expect(partialSarif.status).toBe(2);
    const notices = (JSON.parse(partialSarif.stdout) as Sarif).runs[0]!.invocations![0]!;
    expect(notices.executionSuccessful).toBe(false);
    expect(notices.toolConfigurationNotifications.map((n) => n.message.text)).toEqual([expect.stringContaining('Not scanned: TypeScript')]);

    // Both peers: everything.
    const both = consumer('both-peers');
    linkPeers(both);
    writeFileSync(join(both, 'bad.js'), insecureJs);
    writeFileSync(join(both, 'bad.ts'), insecureTs);
    const full = attempt('npx', ['--no-install', 'secure-fs', '--format', 'sarif', '.'], both);
    expect(full.status, full.stderr).toBe(1);

    const [bareJs, partialJs, fullJs] = [bareSarif, partialSarif, full].map((r) => sarifOf(r.stdout, 'bad.js'));
    expect(fullJs!.results.length).toBeGreaterThan(0);
    expect(bareJs).toEqual(fullJs);
    expect(partialJs).toEqual(fullJs);
    const [bareTs, fullTs] = [bareSarif, full].map((r) => sarifOf(r.stdout, 'bad.ts'));
    expect(fullTs!.results.length).toBeGreaterThan(0);
    expect(bareTs).toEqual(fullTs);
    expect(sarifOf(partialSarif.stdout, 'bad.ts').results).toEqual([]);
  }, 300_000);
});
