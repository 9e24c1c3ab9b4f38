#!/usr/bin/env node
// `npm run bench`: what the plugin's rules cost on a fixed, large body of real code.
//
// The corpus is the JavaScript of pinned packages in node_modules (versions printed; the lock
// file pins them) plus one generated file of 20,000+ lines. Every file is linted under every
// configuration back to back, in an order that rotates per file and per round (timing whole
// passes one configuration after another adds ~15% of noise even to a rule that does nothing):
//
//   no rules      parse + traverse only
//   control       one rule that registers no listeners: the fixed cost of running any rule set
//   secure-fs     this plugin's configs.all
//   security      eslint-plugin-security's recommended config, the peer
//
// Files are linted with ESLint's own Node API (`ESLint#lintText`), as the CLI and editors lint
// them: the configuration is resolved once, not per file. (`Linter#verify` given a config array
// normalises and validates it again on every call, a per-file cost that grows with the number
// of rules configured and that no real run pays.)
//
// It prints the median over rounds of each configuration's wall time, each plugin's overhead
// over the control and their ratio; the same overhead from the sum of each file's fastest
// round (the estimate least disturbed by time stolen on a shared host) and as the median of
// per-round ratios; per-rule times from ESLint's stats, the generated file's time per line
// against the corpus average, and each configuration's peak memory (one child process per
// configuration). Not part of `npm test`.
//
//   node scripts/bench.mjs [--rounds N] [--json FILE]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { ESLint, Linter } from 'eslint';
import security from 'eslint-plugin-security';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    json: { type: 'string' },
    'memory-child': { type: 'string' },
    plugin: { type: 'string' },
  },
});

/** The pinned packages whose own JavaScript (not their nested node_modules) is the corpus. */
const PACKAGES = [
  'eslint',
  '@typescript-eslint/eslint-plugin',
  '@typescript-eslint/typescript-estree',
  '@typescript-eslint/scope-manager',
  'vitest',
  'acorn',
  'ajv',
  'lodash',
  'espree',
];
const MAX_BYTES = 1024 * 1024;
const GENERATED_LINES = 20_000;

function corpus() {
  const files = [];
  const versions = [];
  for (const name of PACKAGES) {
    const dir = join(root, 'node_modules', name);
    versions.push(`${name}@${JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version}`);
    const walk = (path) => {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        const child = join(path, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules') walk(child);
        } else if (entry.isFile() && ['.js', '.cjs', '.mjs'].includes(extname(entry.name)) && statSync(child).size <= MAX_BYTES) {
          files.push({ name: child.slice(root.length + 1), code: readFileSync(child, 'utf8') });
        }
      }
    };
    walk(dir);
  }
  files.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { files, versions };
}

/** A large module in the style of real service code: fs and path use, temp files, handlers, catches. */
function generated(lines) {
  const out = ["import fs from 'node:fs';", "import fsp from 'node:fs/promises';", "import path from 'node:path';", "import os from 'node:os';", "import http from 'node:http';", ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `export function load${i}(dir, name) {`,
      `  const file = path.join(dir, \`\${name}-${i}.json\`);`,
      '  if (!fs.existsSync(file)) return undefined;',
      "  const text = fs.readFileSync(file, 'utf8');",
      '  try {',
      '    return JSON.parse(text);',
      '  } catch (error) {',
      `    console.warn('bad cache entry ${i}', error);`,
      '    return undefined;',
      '  }',
      '}',
      '',
      `export async function save${i}(value) {`,
      `  const target = path.join(os.tmpdir(), 'cache-${i}', String(value.id));`,
      '  await fsp.mkdir(path.dirname(target), { recursive: true });',
      `  await fsp.writeFile(target, JSON.stringify(value), { mode: 0o${i % 2 ? '600' : '644'} });`,
      `  const items = [${i}, ${i + 1}, ${i + 2}].map((n) => n * 2).filter((n) => n % 3 !== 0);`,
      '  for (const item of items) {',
      `    if (item > ${i}) value.total = (value.total ?? 0) + item;`,
      '  }',
      '  return target;',
      '}',
      '',
      `http.createServer((req, res) => {`,
      `  save${i}({ id: req.url }).then((where) => res.end(where), (err) => { res.statusCode = 500; res.end('failed'); });`,
      '});',
      '',
    );
  }
  return { name: `generated/large-${out.length}-lines.js`, code: `${out.join('\n')}\n`, generated: true };
}

const controlPlugin = {
  meta: { name: 'bench-control' },
  rules: { 'no-listeners': { meta: { type: 'problem', schema: [] }, create: () => ({}) } },
};

function configurations(plugin) {
  return {
    'no rules': {},
    control: { plugins: { control: controlPlugin }, rules: { 'control/no-listeners': 'error' } },
    'secure-fs': plugin.configs.all,
    security: security.configs.recommended,
  };
}

/** The file name a file is linted under: its sourceType, decided in `prepare`, is the extension's. */
const filePath = (file) => join(root, 'bench', file.sourceType === 'module' ? 'file.js' : 'file.cjs');

/** One ESLint instance per configuration; `.cjs` files are CommonJS. */
function linters(plugin, options = {}) {
  return Object.fromEntries(
    Object.entries(configurations(plugin)).map(([name, config]) => [
      name,
      new ESLint({
        cwd: root,
        overrideConfigFile: true,
        ...options,
        overrideConfig: [
          {
            files: ['bench/*'],
            ...config,
            languageOptions: { sourceType: 'module', ecmaVersion: 'latest' },
            linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
          },
          { files: ['bench/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
        ],
      }),
    ]),
  );
}

/**
 * Lints an empty text, untimed. Each ESLint instance keeps the SourceCode of its last lint: with
 * one instance per configuration the harness would hold four trees where a real run holds one,
 * and four trees of the 20,000-line file make each major collection in the lints after them
 * several times slower, billed to whichever configuration runs then.
 */
async function release(eslint, file) {
  await eslint.lintText('', { filePath: filePath(file) });
}

/** Each file's sourceType, decided once (module, else CommonJS) so every configuration lints the same program. */
function prepare(files) {
  const linter = new Linter({ configType: 'flat' });
  const ready = [];
  let unparsable = 0;
  for (const file of files) {
    const sourceType = ['module', 'commonjs'].find(
      (type) => !linter.verify(file.code, [{ languageOptions: { sourceType: type, ecmaVersion: 'latest' } }], { filename: 'bench/file.js' }).some((m) => m.fatal),
    );
    if (!sourceType) {
      unparsable++;
      continue;
    }
    ready.push({ ...file, sourceType, lines: file.code.split('\n').length });
  }
  return { ready, unparsable };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function loadPlugin(dir) {
  return (await import(join(dir, 'index.js'))).default;
}

async function memoryChild(name, dir) {
  const plugin = await loadPlugin(dir);
  const { ready } = prepare([...corpus().files, generated(GENERATED_LINES)]);
  const eslint = linters(plugin)[name];
  let heap = 0;
  for (const [index, file] of ready.entries()) {
    await eslint.lintText(file.code, { filePath: filePath(file) });
    if (index % 25 === 0 || file.generated) heap = Math.max(heap, process.memoryUsage().heapUsed);
  }
  process.stdout.write(JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024, heapMiB: heap / 1024 / 1024 }));
}

async function main(dir) {
  const plugin = await loadPlugin(dir);
  const { files, versions } = corpus();
  const big = generated(GENERATED_LINES);
  const { ready, unparsable } = prepare([...files, big]);
  const names = Object.keys(configurations(plugin));
  const eslints = linters(plugin);
  const totalLines = ready.reduce((n, f) => n + f.lines, 0);
  const bigFile = ready.find((f) => f.generated);
  const rounds = Number(values.rounds);
  const cores = availableParallelism();

  console.log(`Node ${process.version}, ESLint ${Linter.version}, ${cores} cores (${cpus()[0]?.model ?? 'unknown CPU'})`);
  console.log(`corpus: ${ready.length} files, ${totalLines} lines (${unparsable} unparsable skipped), from ${versions.join(', ')}`);
  console.log(`generated: ${bigFile.name} (${bigFile.lines} lines)`);
  console.log(`${rounds} rounds after a warm-up round, every file under every configuration in rotating order\n`);

  const totals = Object.fromEntries(names.map((n) => [n, []]));
  const bigTimes = Object.fromEntries(names.map((n) => [n, []]));
  // Each file's fastest time under each configuration, over the timed rounds.
  const fastest = Object.fromEntries(names.map((n) => [n, ready.map(() => Infinity)]));
  let reports = {};
  for (let round = -1; round < rounds; round++) {
    const sums = Object.fromEntries(names.map((n) => [n, 0]));
    const bigRound = {};
    for (const [index, file] of ready.entries()) {
      const shift = (index + Math.max(round, 0)) % names.length;
      for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
        const start = performance.now();
        const [{ messages }] = await eslints[name].lintText(file.code, { filePath: filePath(file) });
        const elapsed = performance.now() - start;
        await release(eslints[name], file);
        sums[name] += elapsed;
        if (round >= 0) fastest[name][index] = Math.min(fastest[name][index], elapsed);
        if (file === bigFile) bigRound[name] = elapsed;
        // Reports of the configuration's own rules (not ESLint's notices about inline comments).
        if (round === -1) reports[name] = (reports[name] ?? 0) + messages.filter((m) => m.ruleId && m.ruleId.includes('/')).length;
      }
    }
    if (round < 0) continue;
    for (const name of names) {
      totals[name].push(sums[name]);
      bigTimes[name].push(bigRound[name]);
    }
    process.stderr.write(`round ${round + 1}/${rounds}: ${names.map((n) => `${n} ${(sums[n] / 1000).toFixed(2)}s`).join(', ')}\n`);
  }

  // Per-rule times from ESLint's stats, in one extra pass (stats add their own timing cost).
  const ruleTimes = {};
  const withStats = linters(plugin, { stats: true });
  for (const name of ['secure-fs', 'security']) {
    for (const file of ready) {
      const [{ stats }] = await withStats[name].lintText(file.code, { filePath: filePath(file) });
      await release(withStats[name], file);
      for (const [ruleId, { total }] of Object.entries(stats.times.passes[0]?.rules ?? {})) ruleTimes[ruleId] = (ruleTimes[ruleId] ?? 0) + total;
    }
  }

  const med = Object.fromEntries(names.map((n) => [n, median(totals[n])]));
  const overhead = (n) => (med[n] - med.control) / med.control;
  const perLine = (ms, lines) => (ms * 1000) / lines; // µs per line
  const corpusLines = totalLines - bigFile.lines;
  const bigMed = Object.fromEntries(names.map((n) => [n, median(bigTimes[n])]));

  console.log('configuration   median wall   over control   reports');
  for (const n of names) {
    console.log(`${n.padEnd(14)}  ${(med[n] / 1000).toFixed(3).padStart(9)} s   ${n === 'control' || n === 'no rules' ? '' : `${(overhead(n) * 100).toFixed(1).padStart(9)} %`}${n === 'no rules' ? `${((med[n] - med.control) / med.control * 100).toFixed(1).padStart(9)} %` : ''}${n === 'control' ? ''.padStart(11) : ''}   ${String(reports[n]).padStart(7)}`);
  }
  // Time stolen by other machines on a shared host only ever adds: a file's fastest round is
  // its cost with the least of it. Round totals swing by a third from round to round here, and
  // the medians of the totals can come from different rounds.
  const floor = Object.fromEntries(names.map((n) => [n, fastest[n].reduce((a, b) => a + b, 0)]));
  const floorOverhead = (n) => (floor[n] - floor.control) / floor.control;
  const paired = (n) => median(totals[n].map((t, r) => (t - totals.control[r]) / totals.control[r]));
  console.log('\nconfiguration   sum of each file\'s fastest round   over control   median of per-round ratios');
  for (const n of names) {
    if (n === 'control') console.log(`${n.padEnd(14)}  ${(floor[n] / 1000).toFixed(3).padStart(9)} s`);
    else console.log(`${n.padEnd(14)}  ${(floor[n] / 1000).toFixed(3).padStart(9)} s   ${(floorOverhead(n) * 100).toFixed(1).padStart(27)} %   ${(paired(n) * 100).toFixed(1).padStart(12)} %`);
  }
  const ratio = (med['secure-fs'] - med.control) / (med.security - med.control);
  console.log(`\nsecure-fs overhead / eslint-plugin-security overhead: ${ratio.toFixed(2)} (target: secure-fs <= 5% over the control, and below the peer)`);
  console.log(`secure-fs target ${overhead('secure-fs') <= 0.05 ? 'MET' : 'MISSED'}: ${(overhead('secure-fs') * 100).toFixed(1)}% over the control (medians of round totals)`);
  console.log(`secure-fs target ${floorOverhead('secure-fs') <= 0.05 ? 'MET' : 'MISSED'}: ${(floorOverhead('secure-fs') * 100).toFixed(1)}% over the control (each file's fastest round)`);

  console.log('\nper-rule time (ESLint stats, one pass over the corpus):');
  for (const [ruleId, ms] of Object.entries(ruleTimes).sort((a, b) => b[1] - a[1])) console.log(`  ${ruleId.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms`);

  const bigCost = bigMed['secure-fs'] - bigMed.control;
  const corpusCost = med['secure-fs'] - med.control - bigCost;
  console.log('\nlinearity: time per line, generated file vs the rest of the corpus');
  for (const n of names) {
    const corpusMs = med[n] - bigMed[n];
    console.log(`  ${n.padEnd(12)} generated ${perLine(bigMed[n], bigFile.lines).toFixed(2).padStart(7)} µs/line   corpus ${perLine(corpusMs, corpusLines).toFixed(2).padStart(7)} µs/line`);
  }
  console.log(`  secure-fs cost over control: generated ${perLine(bigCost, bigFile.lines).toFixed(3)} µs/line, corpus ${perLine(corpusCost, corpusLines).toFixed(3)} µs/line`);

  console.log('\npeak memory (a child process per configuration linting the corpus once; RSS includes the corpus text and GC slack):');
  const memory = {};
  for (const n of names) {
    const child = spawnSync(process.execPath, [import.meta.filename, '--memory-child', n, '--plugin', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
    memory[n] = child.status === 0 ? JSON.parse(child.stdout) : { maxRssMiB: NaN, heapMiB: NaN };
    console.log(`  ${n.padEnd(12)} max RSS ${memory[n].maxRssMiB.toFixed(0).padStart(5)} MiB   peak heap used (sampled) ${memory[n].heapMiB.toFixed(0).padStart(5)} MiB`);
  }

  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify({ cores, versions, files: ready.length, lines: totalLines, rounds, totals, median: med, fastest: floor, reports, ruleTimes, bigFile: { lines: bigFile.lines, median: bigMed }, memory }, null, 2)}\n`);
  }
}

if (values['memory-child']) {
  await memoryChild(values['memory-child'], values.plugin);
} else {
  // Build into a private directory so concurrent runs never read a half-written dist/.
  const outDir = mkdtempSync(join(tmpdir(), 'secure-fs-bench-'));
  try {
    execFileSync(join(root, 'node_modules/.bin/tsdown'), ['--out-dir', outDir, '--no-dts'], { cwd: root, stdio: 'ignore' });
    await main(outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
