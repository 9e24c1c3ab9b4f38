#!/usr/bin/env node
// Lints real published code (every JS/TS file under node_modules, or the directories given)
// with the plugin's rules, one file at a time, so that a rule crash is counted rather than
// fatal. Prints crashes, files that fail to parse, reports per rule and, with --reports,
// every report with its source line for reading.
//
//   node scripts/lint-corpus.mjs [--rule NAME]... [--config all|recommended|…] [--reports] [--json FILE] [--max-bytes N] [DIR...]
//
// `npm run smoke` is `--config all`: the plugin's configs.all over every installed dependency.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

const root = resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rule: { type: 'string', multiple: true },
    config: { type: 'string' },
    reports: { type: 'boolean', default: false },
    json: { type: 'string' },
    'max-bytes': { type: 'string', default: String(4 * 1024 * 1024) },
  },
});

// Build into a private directory so concurrent runs never read a half-written dist/.
const outDir = mkdtempSync(join(tmpdir(), 'secure-fs-corpus-'));
try {
  execFileSync(join(root, 'node_modules/.bin/tsdown'), ['--out-dir', outDir, '--no-dts'], { cwd: root, stdio: 'ignore' });
  const { default: plugin } = await import(join(outDir, 'index.js'));
  await run(plugin);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

async function run(plugin) {
  const fromConfig = values.config === undefined ? undefined : plugin.configs[values.config]?.rules;
  if (values.config !== undefined && !fromConfig) throw new Error(`Unknown config: ${values.config}`);
  const ruleNames = values.rule ?? (fromConfig ? Object.keys(fromConfig).map((id) => id.replace(/^secure-fs\//u, '')) : Object.keys(plugin.rules));
  for (const name of ruleNames) if (!plugin.rules[name]) throw new Error(`Unknown rule: ${name}`);
  const rules = Object.fromEntries(ruleNames.map((name) => [`secure-fs/${name}`, 'error']));
  const dirs = positionals.length > 0 ? positionals.map((d) => resolve(d)) : [join(root, 'node_modules')];
  const maxBytes = Number(values['max-bytes']);

  const JS = new Set(['.js', '.cjs', '.mjs']);
  const TS = new Set(['.ts', '.mts', '.cts', '.tsx']);
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && (JS.has(extname(path)) || (TS.has(extname(path)) && !/\.d\.[cm]?ts$/u.test(path)))) files.push(path);
    }
  };
  for (const dir of dirs) walk(dir);
  files.sort();

  const linter = new Linter({ configType: 'flat' });
  const configFor = (file, sourceType) => [
    {
      files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
      plugins: { 'secure-fs': plugin },
      linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
      languageOptions: TS.has(extname(file))
        ? { parser: tsParser, sourceType: 'module' }
        : { sourceType, ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } },
      rules,
    },
  ];

  const summary = { files: 0, skippedLarge: 0, parseErrors: 0, crashes: [], reports: {}, findings: [] };
  for (const name of ruleNames) summary.reports[name] = 0;
  const started = performance.now();
  for (const file of files) {
    if (statSync(file).size > maxBytes) {
      summary.skippedLarge++;
      continue;
    }
    const code = readFileSync(file, 'utf8');
    // `.js` is linted as ESLint's flat default (a module, no Node globals: the case where
    // undeclared `require` must still be recognised), falling back to CommonJS when it does not parse.
    const attempts = extname(file) === '.cjs' ? ['commonjs'] : extname(file) === '.js' ? ['module', 'commonjs'] : ['module'];
    let messages;
    for (const sourceType of attempts) {
      try {
        // A virtual name outside node_modules: flat config ignores node_modules by default.
        messages = linter.verify(code, configFor(file, sourceType), `corpus/file${extname(file)}`);
      } catch (error) {
        summary.crashes.push({ file: relative(root, file), error: String(error?.stack ?? error) });
        messages = [];
        break;
      }
      if (!messages.some((m) => m.fatal)) break;
    }
    summary.files++;
    if (messages.some((m) => m.fatal)) {
      summary.parseErrors++;
      continue;
    }
    const lines = code.split('\n');
    for (const m of messages) {
      const name = m.ruleId?.replace(/^secure-fs\//u, '');
      if (!name || !(name in summary.reports)) continue;
      summary.reports[name]++;
      summary.findings.push({
        rule: name,
        file: relative(root, file),
        line: m.line,
        column: m.column,
        message: m.message,
        source: (lines[m.line - 1] ?? '').trim().slice(0, 200),
      });
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  if (values.reports) {
    for (const f of summary.findings) console.log(`${f.file}:${f.line}:${f.column}  ${f.rule}\n    ${f.source}\n    → ${f.message}`);
    console.log('');
  }
  for (const crash of summary.crashes) console.log(`CRASH ${crash.file}\n${crash.error}\n`);
  console.log(`files linted: ${summary.files} (${summary.parseErrors} did not parse, ${summary.skippedLarge} over ${maxBytes} bytes skipped) in ${seconds}s`);
  console.log(`rule crashes: ${summary.crashes.length}`);
  for (const [name, count] of Object.entries(summary.reports)) console.log(`reports  ${name}: ${count}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
  process.exitCode = summary.crashes.length > 0 ? 1 : 0;
}
