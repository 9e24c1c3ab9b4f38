// The `secure-fs` CLI, run in-process through main() on throw-away trees (the packed-tarball
// runs are in test/meta/package.test.ts): zero-config linting, formats, rule selection, exit
// codes, broken inputs, the progress line and the two fix modes.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { main } from '../../src/cli/run.js';
import plugin from '../../src/index.js';
import { buildPrivate, repo } from '../helpers/build.js';
import { copyForOtherUser, type OtherUserCopy } from '../helpers/other-user.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 100,
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

async function cli(cwd: string, args: string[], options: { tty?: boolean } = {}): Promise<Run> {
  const stdout = new Capture();
  const stderr = new Capture(options.tty ?? false);
  const code = await main(args, { stdout, stderr: stderr as never, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let scratch: string;
function tree(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

type JsonResult = { filePath: string; messages: { ruleId: string | null; line: number; fatal?: boolean; severity: number; suggestions?: unknown[] }[] };
const findings = (stdout: string, dir: string): string[] =>
  (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId ?? (m.fatal ? 'fatal' : 'notice')}`));

const TMP_DIR_JS = "import fs from 'node:fs';\nconst dir = '/tmp/cache';\nfs.readdirSync(dir);\n";
const TMP_DIR_TS = "import { readdirSync } from 'fs';\nconst dir: string = '/var/tmp/cache';\nreaddirSync(dir);\n";
const CLEAN = "import fs from 'node:fs';\nexport const read = (p) => fs.readFileSync(p, 'utf8');\n";
/** A line of a JavaScript stack trace, which a usage error must never print. */
const STACK = /^\s+at .+\d+:\d+\)?$/mu;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'secure-fs-cli-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('zero-config linting', () => {
  it('reports findings in JavaScript and TypeScript files (every extension) and exits 1', async () => {
    const dir = tree('mixed', {
      'a.js': TMP_DIR_JS,
      'b.ts': TMP_DIR_TS,
      'c.mts': TMP_DIR_TS,
      'd.cts': TMP_DIR_TS,
      'e.tsx': `${TMP_DIR_TS}export const el = <div />;\n`,
      'f.cjs': "const fs = require('fs');\nfs.readdirSync('/tmp/cache');\n",
      'g.jsx': `${TMP_DIR_JS}export const el = <div />;\n`,
      'types.d.ts': "declare const x: '/tmp/never-linted';\n",
      'clean.js': CLEAN,
    });
    const run = await cli(dir, ['--format', 'json', '--rule', 'no-hardcoded-tmp-path']);
    expect(run.code).toBe(1);
    expect(findings(run.stdout, dir)).toEqual([
      'a.js:2 secure-fs/no-hardcoded-tmp-path',
      'b.ts:2 secure-fs/no-hardcoded-tmp-path',
      'c.mts:2 secure-fs/no-hardcoded-tmp-path',
      'd.cts:2 secure-fs/no-hardcoded-tmp-path',
      'e.tsx:2 secure-fs/no-hardcoded-tmp-path',
      'f.cjs:2 secure-fs/no-hardcoded-tmp-path',
      'g.jsx:2 secure-fs/no-hardcoded-tmp-path',
    ]);
    expect(run.stderr).toBe('');
  });

  it('exits 0 and says so on a clean tree', async () => {
    const dir = tree('clean', { 'src/clean.js': CLEAN, 'src/other.ts': 'export const x: number = 1;\n' });
    expect(await cli(dir, [])).toEqual({ code: 0, stdout: 'No findings in 2 files.\n', stderr: '' });
  });

  it('runs configs.recommended by default, and --rule narrows to the rules named', async () => {
    const dir = tree('recommended', { 'a.js': "import fs from 'node:fs';\nfs.writeFileSync('/tmp/report.txt', 'x');\nfs.readdirSync('/tmp/cache');\n" });
    const all = await cli(dir, ['--format', 'json']);
    const ids = new Set((JSON.parse(all.stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => m.ruleId)));
    for (const id of ids) expect(Object.keys(plugin.configs.recommended.rules ?? {})).toContain(id);
    expect(ids.size).toBeGreaterThan(0);
    const one = await cli(dir, ['--format', 'json', '--rule', 'secure-fs/no-hardcoded-tmp-path']);
    expect(findings(one.stdout, dir)).toEqual(['a.js:3 secure-fs/no-hardcoded-tmp-path']);
  });

  it('reads no eslint.config.* unless --use-config, which applies its rule options and severities', async () => {
    const dir = tree('with-config', {
      'a.js': TMP_DIR_JS,
      'eslint.config.js': `import plugin from ${JSON.stringify(join(repo, 'src/index.ts'))};\nthrow new Error('must not be read');\n`,
    });
    const run = await cli(dir, ['--format', 'json', '--rule', 'no-hardcoded-tmp-path']);
    expect(findings(run.stdout, dir)).toEqual(['a.js:2 secure-fs/no-hardcoded-tmp-path']);

    const configured = tree('project-config', {
      'a.js': TMP_DIR_JS,
      'b.js': "import fs from 'node:fs';\nfs.readdirSync('/var/tmp/shared');\n",
      // A project config that allows one path and downgrades the rule: the CLI's plugin object is
      // passed in through a global, standing in for `import secureFs from 'eslint-plugin-secure-fs'`.
      'eslint.config.js': `export default [
  { plugins: { 'secure-fs': globalThis.__secureFsPlugin }, rules: { 'secure-fs/no-hardcoded-tmp-path': ['warn', { allow: ['/tmp/cache'] }] } },
  { rules: { 'no-undef': 'error' } },
];\n`,
    });
    (globalThis as Record<string, unknown>).__secureFsPlugin = plugin;
    try {
      const used = await cli(configured, ['--format', 'json', '--use-config', '--rule', 'no-hardcoded-tmp-path']);
      // Options and severity from the project's config; its other rules (no-undef) are not run.
      expect(findings(used.stdout, configured)).toEqual(['b.js:2 secure-fs/no-hardcoded-tmp-path']);
      expect((JSON.parse(used.stdout) as JsonResult[])[1]!.messages[0]!.severity).toBe(1);
      expect(used.code).toBe(0);
      const strict = await cli(configured, ['--use-config', '--rule', 'no-hardcoded-tmp-path', '--max-warnings', '0']);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toContain('too many warnings (1, maximum 0)');
    } finally {
      delete (globalThis as Record<string, unknown>).__secureFsPlugin;
    }
  });

  it('writes json, stylish and SARIF 2.1.0 to --output', async () => {
    const dir = tree('output', { 'a.js': TMP_DIR_JS, 'b.js': CLEAN });
    const run = await cli(dir, ['--format', 'sarif', '--output', 'reports/secure-fs.sarif', '--rule', 'no-hardcoded-tmp-path']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    const log = JSON.parse(readFileSync(join(dir, 'reports/secure-fs.sarif'), 'utf8')) as {
      version: string;
      $schema: string;
      runs: {
        tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string; shortDescription: { text: string } }[] }; extensions: { name: string }[] };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/u);
    const [sarifRun] = log.runs;
    expect(sarifRun!.tool.driver.name).toBe('ESLint');
    expect(sarifRun!.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/u);
    expect(sarifRun!.tool.extensions[0]!.name).toBe('eslint-plugin-secure-fs');
    expect(sarifRun!.tool.driver.rules.map((r) => r.id)).toEqual(['secure-fs/no-hardcoded-tmp-path']);
    expect(sarifRun!.tool.driver.rules[0]!.helpUri).toMatch(/docs\/rules\/no-hardcoded-tmp-path\.md$/u);
    expect(sarifRun!.results).toHaveLength(1);
    const [result] = sarifRun!.results;
    expect(result).toMatchObject({ ruleId: 'secure-fs/no-hardcoded-tmp-path', ruleIndex: 0, level: 'error' });
    expect(result!.message.text).toContain('createTempDir');
    expect(result!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(`file://${join(dir, 'a.js')}`);
    expect(result!.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 13 });

    const stylish = await cli(dir, ['-o', 'out.txt', '--rule', 'no-hardcoded-tmp-path']);
    expect(stylish.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toContain('secure-fs/no-hardcoded-tmp-path');
  });
});

describe('exit code 2 and broken inputs', () => {
  it('rejects a path that does not exist, an unknown rule, option or format', async () => {
    const dir = tree('usage', { 'a.js': CLEAN });
    const missing = await cli(dir, ['a.js', 'nope/']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('No such file or directory: nope/');
    for (const args of [['--rule', 'no-such-rule'], ['--frobnicate'], ['--format', 'xml'], ['--max-warnings', 'many']]) {
      const run = await cli(dir, args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^secure-fs: .+\nRun 'secure-fs --help' for usage\.\n$/su);
    }
    expect((await cli(dir, ['--rule', 'no-such-rule'])).stderr).toContain('no-hardcoded-tmp-path');
  });

  it('says when a directory has nothing to lint', async () => {
    const dir = tree('empty', { 'README.md': '# nothing\n' });
    const run = await cli(dir, ['.']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/All files matched by .* are ignored\. \(secure-fs lints \.js .* files\)/u);
  });

  it('reports a file that does not parse and still scans the others', async () => {
    const dir = tree('unparsable', { 'a.js': TMP_DIR_JS, 'broken.js': 'const = ;\n', 'broken.ts': 'let x: = 1;\n' });
    const run = await cli(dir, ['--format', 'json', '--rule', 'no-hardcoded-tmp-path']);
    expect(run.code).toBe(1);
    expect(findings(run.stdout, dir)).toEqual(['a.js:2 secure-fs/no-hardcoded-tmp-path', 'broken.js:1 fatal', 'broken.ts:1 fatal']);
    expect(run.stderr).toContain('2 files could not be parsed (reported above); the others were scanned.');
  });

  it('rejects a symlink loop passed directly, saying so', async () => {
    const dir = tree('loop', { 'a.js': CLEAN });
    symlinkSync('loop.js', join(dir, 'loop.js'));
    const run = await cli(dir, ['loop.js']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('Symlink loop (following its links never reaches a file): loop.js');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('rejects a config file that does not exist (exit 2, no stack trace)', async () => {
    const dir = tree('missing-config', { 'a.js': TMP_DIR_JS });
    const run = await cli(dir, ['-c', 'missing.config.js', '.']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^secure-fs: No such config file: missing\.config\.js\n/u);
    expect(run.stderr).not.toMatch(STACK);
  });

  it.each([
    ['a directory', (dir: string) => mkdirSync(join(dir, 'out')), 'out', 'it is a directory'],
    ['under a parent that is a file', (dir: string) => writeFileSync(join(dir, 'out'), ''), 'out/report.json', 'a parent is not a directory'],
  ])('refuses an --output that is %s before scanning (exit 2, no stack trace)', async (_what, prepare, output, reason) => {
    const dir = tree(`output-${output.replace('/', '-')}`, { 'a.js': TMP_DIR_JS });
    prepare(dir);
    const run = await cli(dir, ['--format', 'json', '--output', output]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`secure-fs: Cannot write the report to ${output}: ${reason}.\n`);
  });

  it('lists a file above --max-file-size as not scanned, with its size, and never runs out of memory on 20 MB (exit 2)', async () => {
    const dir = tree('huge', { 'a.js': TMP_DIR_JS, 'small.js': CLEAN });
    // A generated bundle: the shape that made ESLint run for minutes and then abort.
    const line = "export function f(a) { return require('fs').readFileSync('/tmp/x' + a); }\n";
    writeFileSync(join(dir, 'bundle.js'), line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)));
    const started = Date.now();
    const run = await cli(dir, ['--format', 'json', '--rule', 'no-hardcoded-tmp-path']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code, run.stderr).toBe(2);
    expect(findings(run.stdout, dir)).toEqual(['a.js:2 secure-fs/no-hardcoded-tmp-path', 'bundle.js:0 fatal']);
    expect(run.stdout).toContain('Not scanned: 20.0 MiB, above --max-file-size 1 MiB.');
    expect(run.stderr).toBe(`secure-fs: 1 file was not scanned:\n  ${join(dir, 'bundle.js')} (20.0 MiB, above --max-file-size 1 MiB)\n`);

    const limit = TMP_DIR_JS.length;
    const lowered = await cli(dir, ['--format', 'json', '--rule', 'no-hardcoded-tmp-path', '--max-file-size', String(limit), 'a.js', 'small.js']);
    expect(lowered.code).toBe(2);
    expect(findings(lowered.stdout, dir)).toEqual(['a.js:2 secure-fs/no-hardcoded-tmp-path', 'small.js:0 fatal']);
    expect(lowered.stderr).toContain(`${join(dir, 'small.js')} (${CLEAN.length} bytes, above --max-file-size ${limit} bytes)`);
    expect(findings((await cli(dir, ['--format', 'json', '--max-file-size', '2k', 'a.js'])).stdout, dir)).toEqual(['a.js:2 secure-fs/no-hardcoded-tmp-path']);
  }, 60_000);

  it.each(['0', '-1', 'big', '1.5M', '3G'])('rejects --max-file-size %s as a usage error', async (size) => {
    const run = await cli(scratch, [`--max-file-size=${size}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--max-file-size must be a positive size in bytes, or with K or M (got '${size}').`);
  });

  describe('as another user (uid 65534), from a copy it can reach', () => {
    let build: ReturnType<typeof buildPrivate>;
    let home: string;
    let copy: OtherUserCopy;
    beforeAll(() => {
      build = buildPrivate();
      // The layout of a clone inside a private (0700) home or cache directory: the copy is made from there.
      home = mkdtempSync(join(tmpdir(), 'secure-fs-private-home-'));
      chmodSync(home, 0o700);
      cpSync(build.dir, join(home, 'dist'), { recursive: true });
      copy = copyForOtherUser(join(home, 'dist'));
    }, 120_000);
    afterAll(() => {
      build.remove();
      rmSync(home, { recursive: true, force: true });
      copy.remove();
    });

    it.runIf(process.getuid?.() === 0)('runs from a checkout inside a 0700 directory, which that user cannot reach', (context) => {
      if (copy.unreachable) context.skip(copy.unreachable);
      const direct = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(home, 'dist/cli.js'), '--version'], { encoding: 'utf8' });
      expect(direct.status).not.toBe(0);
      expect(copy.run(['--version'], scratch)).toMatchObject({ status: 0, stdout: `${plugin.meta.name} ${plugin.meta.version}\n` });
    });

    it('reports an unreadable file, scans the others, and exits 2', (context) => {
      if (copy.unreachable) context.skip(copy.unreachable);
      const dir = tree('unreadable', { 'a.js': TMP_DIR_JS, 'secret.js': CLEAN, 'sub/secret.ts': CLEAN, 'sub/b.ts': TMP_DIR_TS });
      for (const path of ['', 'sub']) chmodSync(join(dir, path), 0o755);
      chmodSync(scratch, 0o755);
      chmodSync(join(dir, 'secret.js'), 0);
      chmodSync(join(dir, 'sub/secret.ts'), 0);
      const run = copy.run(['--format', 'json', '--rule', 'no-hardcoded-tmp-path', '.'], dir);
      expect(run.status, run.stderr).toBe(2);
      expect(findings(run.stdout, dir)).toEqual(['a.js:2 secure-fs/no-hardcoded-tmp-path', 'secret.js:0 fatal', 'sub/b.ts:2 secure-fs/no-hardcoded-tmp-path', 'sub/secret.ts:0 fatal']);
      expect(run.stdout).toContain('Cannot read this file (EACCES)');
      expect(run.stderr).toContain(`2 files could not be read and were not scanned:\n  ${join(dir, 'secret.js')}\n  ${join(dir, 'sub/secret.ts')}\n`);
    });

    it.for([
      ['in a directory it may not write', 'locked/report.sarif'],
      ['under a parent it may not create', 'locked/new/report.sarif'],
    ])('refuses an --output %s: permission denied, exit 2, no stack trace', ([, output], context) => {
      if (copy.unreachable) context.skip(copy.unreachable);
      const dir = tree(`output-denied-${output!.split('/').length}`, { 'a.js': TMP_DIR_JS, 'locked/.keep': '' });
      chmodSync(scratch, 0o755);
      chmodSync(dir, 0o755);
      chmodSync(join(dir, 'locked'), 0o555);
      const run = copy.run(['--format', 'sarif', '--output', output!], dir);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`secure-fs: Cannot write the report to ${output}: permission denied.\n`);
    });
  });
});

describe('the progress line', () => {
  it('is drawn on stderr when it is a terminal, and cleared', async () => {
    const dir = tree('progress', Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.js`, CLEAN])));
    const run = await cli(dir, [], { tty: true });
    expect(run.code).toBe(0);
    const clear = '\r\u001B[K';
    // ESLint reads files concurrently, so which one comes first is not fixed.
    expect(run.stderr.startsWith(`${clear}secure-fs: 1 files… ${join(dir, 'f')}`)).toBe(true);
    expect(run.stderr.endsWith(clear)).toBe(true);
    expect(run.stdout).toBe('No findings in 30 files.\n');
  });

  it('stays off when stderr is not a terminal, unless --progress', async () => {
    const dir = tree('no-progress', { 'a.js': CLEAN });
    expect((await cli(dir, [])).stderr).toBe('');
    expect((await cli(dir, ['--progress'])).stderr).toContain('secure-fs: 1 files…');
    expect((await cli(dir, ['--no-progress'], { tty: true })).stderr).toBe('');
  });
});

describe('--fix-suggestions', () => {
  const runtimeImports = (text: string): number => text.match(/['"]eslint-plugin-secure-fs\/runtime['"]/gu)?.length ?? 0;

  it('rewrites every report that has exactly one suggestion, importing each helper once', async () => {
    const dir = tree('suggest', {
      'a.js': "import fs from 'node:fs';\nimport path from 'node:path';\nexport const a = (n) => fs.readFileSync(path.join('/tmp/cache-a', n));\nexport const b = (n) => fs.readFileSync(path.join('/tmp/cache-b', n));\n",
      'b.cjs': "const fs = require('fs');\nconst path = require('path');\nexports.a = (n) => fs.readdirSync(path.join('/tmp/one', n));\nexports.b = (n) => fs.readdirSync(path.join('/tmp/two', n));\n",
    });
    const run = await cli(dir, ['--fix-suggestions', '--rule', 'no-hardcoded-tmp-path']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('secure-fs: applied 4 suggestions; 2 files changed.\n');
    const a = readFileSync(join(dir, 'a.js'), 'utf8');
    expect(a).toBe(
      "import fs from 'node:fs';\nimport path from 'node:path';\nimport { createTempDirSync } from 'eslint-plugin-secure-fs/runtime';\nexport const a = (n) => fs.readFileSync(path.join(createTempDirSync({ prefix: 'cache-a-' }).path, n));\nexport const b = (n) => fs.readFileSync(path.join(createTempDirSync({ prefix: 'cache-b-' }).path, n));\n",
    );
    const b = readFileSync(join(dir, 'b.cjs'), 'utf8');
    expect(runtimeImports(b)).toBe(1);
    expect(b).toContain("const { createTempDirSync } = require('eslint-plugin-secure-fs/runtime');");
    expect((await cli(dir, ['--rule', 'no-hardcoded-tmp-path'])).code).toBe(0);
  });

  it('turns the example app into helper calls that pass the rules', async () => {
    const dir = join(scratch, 'examples');
    cpSync(join(repo, 'examples'), dir, { recursive: true });
    const before = await cli(dir, ['--format', 'json']);
    expect(before.code).toBe(1);
    const beforeResults = JSON.parse(before.stdout) as JsonResult[];
    const single = beforeResults.flatMap((r) => r.messages.filter((m) => m.suggestions?.length === 1));
    expect(single.length).toBeGreaterThan(0);

    const fixed = await cli(dir, ['--fix-suggestions']);
    expect(fixed.code).not.toBe(2);
    expect(fixed.stderr).toMatch(/^secure-fs: applied [1-9]\d* suggestions?; [1-9]\d* files? changed\.\n$/u);

    const after = JSON.parse((await cli(dir, ['--format', 'json'])).stdout) as JsonResult[];
    // No unambiguous suggestion is left, nothing stopped parsing, and each file imports the runtime once.
    expect(after.flatMap((r) => r.messages.filter((m) => m.suggestions?.length === 1 || m.fatal))).toEqual([]);
    for (const r of after) expect(runtimeImports(readFileSync(r.filePath, 'utf8'))).toBeLessThanOrEqual(1);
    // Every insecure call of the example app had one suggestion: afterwards the app passes.
    expect(after.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}`))).toEqual([]);
    // The rewritten files still parse as the modules they were (node --check).
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
      execFileSync(process.execPath, ['--check', join(dir, file)]);
    }
  });
});

describe('--fix', () => {
  // Any rule with a safe fix, with the first case of its table that has an output.
  const fixable = Object.entries(plugin.rules as Record<string, { meta?: { fixable?: string } }>).find(
    ([name, r]) => r.meta?.fixable && existsSync(new URL(`../rules/${name}.cases.ts`, import.meta.url)),
  );

  it.runIf(fixable)('applies the safe fixes and reports what remains', async () => {
    const [name] = fixable!;
    const { invalid } = (await import(`../rules/${name}.cases.ts`)) as { invalid: { code: string; output?: string | null; filename?: string }[] };
    const sample = invalid.find((c) => typeof c.output === 'string' && /\.[cm]?js$/u.test(c.filename ?? ''))!;
    const file = sample.filename!;
    const dir = tree(`fix-${name}`, { [file]: sample.code });
    const run = await cli(dir, ['--fix', '--rule', name, '--format', 'json']);
    expect(run.code).not.toBe(2);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(sample.output);
    expect(run.stderr).toBe('secure-fs: applied the safe fixes; 1 file changed.\n');
  });
});

describe('--help and --version', () => {
  it('print and exit 0', async () => {
    const help = await cli(scratch, ['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--format', '--output', '--rule', '--max-warnings', '--fix', '--fix-suggestions', '--use-config']) expect(help.stdout).toContain(option);
    expect(await cli(scratch, ['--version'])).toEqual({ code: 0, stdout: `eslint-plugin-secure-fs ${plugin.meta.version}\n`, stderr: '' });
  });
});
