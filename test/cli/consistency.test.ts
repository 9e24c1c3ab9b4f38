// The plugin in a user's own flat config, run by ESLint's own CLI: ESLint 10 and 9, with
// --cache (a second run answered from the cache) and with --concurrency=2 (worker threads,
// each loading the plugin afresh) must all report exactly what one plain run reports on
// examples/ — rules are pure functions of the file and their options.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPrivate, repo } from '../helpers/build.js';

let build: ReturnType<typeof buildPrivate>;
let project: string;

beforeAll(() => {
  build = buildPrivate();
  project = mkdtempSync(join(tmpdir(), 'secure-fs-consistency-'));
  cpSync(join(repo, 'examples'), join(project, 'examples'), { recursive: true });
  writeFileSync(
    join(project, 'eslint.config.mjs'),
    `import secureFs from ${JSON.stringify(pathToFileURL(build.index).href)};
import tsParser from ${JSON.stringify(pathToFileURL(join(repo, 'node_modules/@typescript-eslint/parser/dist/index.js')).href)};
export default [
  secureFs.configs.all,
  { files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'], languageOptions: { parser: tsParser } },
];
`,
  );
}, 120_000);

afterAll(() => {
  build?.remove();
  rmSync(project, { recursive: true, force: true });
});

interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string | null;
  message: string;
}

function lint(eslintCopy: 'eslint' | 'eslint9', extra: string[] = []): Finding[] {
  const run = spawnSync(process.execPath, [join(repo, 'node_modules', eslintCopy, 'bin/eslint.js'), '--format', 'json', ...extra, 'examples/'], {
    cwd: project,
    encoding: 'utf8',
  });
  // Exit code 1: findings. Anything else is a failure of the run itself.
  expect(run.status, `${eslintCopy} ${extra.join(' ')}: ${run.stderr}`).toBe(1);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string | null; message: string }[] }[];
  return results
    .flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(project.length + 1), line: m.line, column: m.column, ruleId: m.ruleId, message: m.message })))
    .sort((a, b) => `${a.file}:${a.line}:${a.column}:${a.ruleId}`.localeCompare(`${b.file}:${b.line}:${b.column}:${b.ruleId}`));
}

describe('the same findings on examples/', () => {
  let plain: Finding[];

  beforeAll(() => {
    plain = lint('eslint');
  }, 60_000);

  it('a plain ESLint 10 run finds the example app\'s issues, and only secure-fs ones', () => {
    expect(plain.length).toBeGreaterThan(0);
    for (const f of plain) expect(f.ruleId).toMatch(/^secure-fs\//u);
    expect(plain.some((f) => f.file.includes('/secure-'))).toBe(false);
  });

  it.each([['eslint' as const], ['eslint9' as const]])('%s with --cache, cold and then from the cache', (copy) => {
    const cacheLocation = join(project, `.cache-${copy}`);
    expect(lint(copy, ['--cache', '--cache-location', cacheLocation])).toEqual(plain);
    expect(existsSync(cacheLocation)).toBe(true);
    expect(lint(copy, ['--cache', '--cache-location', cacheLocation])).toEqual(plain);
  }, 60_000);

  it.each([['eslint' as const], ['eslint9' as const]])('%s with --concurrency=2', (copy) => {
    expect(lint(copy, ['--concurrency=2'])).toEqual(plain);
  }, 60_000);

  it('ESLint 9 plain', () => {
    expect(lint('eslint9')).toEqual(plain);
  }, 60_000);
});
