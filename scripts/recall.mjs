#!/usr/bin/env node
// Measures the rules on real published code: recall on the defects listed in
// test/corpus/defects.tsv, and the reports on the quiet packages of test/corpus/quiet.txt
// (each either a known finding from test/corpus/known-findings.tsv or one to read).
//
//   node scripts/recall.mjs [--corpus DIR] [--slack N] [--verbose]
//
// Packages are fetched once with `npm pack` into the corpus directory ($SECURE_FS_CORPUS, by
// default ~/.cache/secure-fs-corpus) and unpacked there; nothing from them enters the repo.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env.SECURE_FS_CORPUS ?? join(homedir(), '.cache', 'secure-fs-corpus') },
    slack: { type: 'string', default: '2' },
    verbose: { type: 'boolean', default: false },
  },
});
const corpus = resolve(values.corpus);
const slack = Number(values.slack);

const RULE_OF = {
  'tmp-path': 'no-hardcoded-tmp-path',
  'tmp-socket': 'no-shared-tmp-socket',
  'tmp-create': 'no-insecure-tmp-create',
  'file-mode': 'no-permissive-mode',
  toctou: 'no-check-then-use',
  'error-leak': 'no-error-leak',
  'swallowed-error': 'no-swallowed-fs-error',
};

const rows = (file) =>
  readFileSync(join(root, 'test/corpus', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t'));

const defects = rows('defects.tsv').map(([pkg, file, line, category, reach]) => ({ pkg, file, line: Number(line), category, reach }));
const quiet = rows('quiet.txt').map(([pkg]) => pkg);
const known = rows('known-findings.tsv').map(([pkg, file, line, rule, verdict]) => ({ pkg, file, line: Number(line), rule, verdict }));

/** The unpacked directory of `name@version`, fetched on first use. */
function unpacked(spec) {
  const dir = join(corpus, spec.replace('/', '+'));
  if (existsSync(join(dir, 'package.json'))) return dir;
  mkdirSync(corpus, { recursive: true });
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', corpus], { encoding: 'utf8' }).trim().split('\n').at(-1);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  execFileSync('tar', ['xzf', join(corpus, tarball), '-C', dir, '--strip-components=1']);
  rmSync(join(corpus, tarball));
  return dir;
}

const packages = [...new Set([...defects.map((d) => d.pkg), ...quiet])];
const dirs = new Map(packages.map((spec) => [spec, unpacked(spec)]));

const json = join(tmpdir(), `secure-fs-recall-${process.pid}.json`);
execFileSync(process.execPath, [join(root, 'scripts/lint-corpus.mjs'), '--config', 'all', '--json', json, ...dirs.values()], { stdio: 'inherit' });
const summary = JSON.parse(readFileSync(json, 'utf8'));
rmSync(json);

// Reports by package and file path inside the package.
const byPackage = new Map();
for (const f of summary.findings) {
  const abs = resolve(root, f.file);
  const spec = packages.find((s) => abs.startsWith(dirs.get(s) + sep));
  if (!spec) continue;
  const list = byPackage.get(spec) ?? [];
  list.push({ ...f, path: abs.slice(dirs.get(spec).length + 1) });
  byPackage.set(spec, list);
}

console.log('\nDefects');
let found = 0;
const missed = [];
for (const d of defects) {
  const rule = RULE_OF[d.category];
  const hits = (byPackage.get(d.pkg) ?? []).filter((f) => f.path === d.file && Math.abs(f.line - d.line) <= slack);
  const ok = hits.some((f) => f.rule === rule);
  if (ok) found++;
  else missed.push(d);
  const other = hits.filter((f) => f.rule !== rule).map((f) => `${f.rule}@${f.line}`);
  console.log(`${ok ? 'found ' : 'MISSED'} ${d.pkg} ${d.file}:${d.line} ${d.category} (${d.reach})${other.length ? `  [other: ${other.join(', ')}]` : ''}`);
}
const reachable = defects.filter((d) => d.reach !== 'cross-file');
console.log(`found ${found} of ${defects.length} (${reachable.filter((d) => !missed.includes(d)).length} of ${reachable.length} not cross-file)`);

console.log('\nQuiet packages');
let unexplained = 0;
for (const spec of quiet) {
  for (const f of byPackage.get(spec) ?? []) {
    const k = known.find((x) => x.pkg === spec && x.file === f.path && x.rule === f.rule && Math.abs(x.line - f.line) <= slack);
    if (!k) unexplained++;
    console.log(`${k ? `known (${k.verdict})` : 'READ'} ${spec} ${f.path}:${f.line} ${f.rule}\n    ${f.source}${values.verbose ? `\n    → ${f.message}` : ''}`);
  }
}
console.log(`unexplained reports on the quiet packages: ${unexplained}`);
if (summary.crashes.length > 0) process.exitCode = 1;
