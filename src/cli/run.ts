// `secure-fs [paths…]`: lints with configs.recommended (or the rules given) and the TypeScript
// parser, no config file needed, and reports in ESLint's conventions. See HELP in options.ts.
import { closeSync, constants, existsSync, lstatSync, openSync, readdirSync, statSync } from 'node:fs';
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

import type { ESLint, Linter, Rule } from 'eslint';

import plugin from '../index.js';
import { createGate } from './gate.js';
import { FORMATS, HELP, parseOptions, ScanError, UsageError, type CliOptions } from './options.js';
import { loadPeers, type Parser, type Peers } from './peers.js';
import { createProgress, type Progress } from './progress.js';
import { formatSarif } from './sarif.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean; columns?: number });
  cwd: string;
}

const PREFIX = 'secure-fs';
const JS_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const SOURCE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.jsx', '.ts', '.tsx', '.mts', '.cts']);
/** Per file: each pass applies one suggestion and re-lints, so this bounds the rewrites of one file. */
export const MAX_SUGGESTION_PASSES = 100;
/** Files that cannot be read are set aside and the scan is restarted without them, at most this often. */
const MAX_RESTARTS = 25;
const UNREADABLE = new Set(['EACCES', 'EPERM', 'EISDIR', 'ELOOP', 'EIO', 'ENXIO', 'ENOENT', 'ETIMEDOUT', 'EBUSY']);

type RuleFilter = (ruleId: string) => boolean;

/** Runs the CLI; resolves to the exit code (0 clean, 1 findings, 2 usage or internal error). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(parseOptions(argv), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${PREFIX}: ${error.message}\n`);
      if (error.name === 'UsageError') io.stderr.write(`Run '${PREFIX} --help' for usage.\n`);
    } else {
      io.stderr.write(`${PREFIX}: internal error: ${String((error as Error)?.stack ?? error)}\n`);
    }
    return 2;
  }
}

async function run(options: CliOptions, io: CliIo): Promise<number> {
  if (options.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${plugin.meta.name} ${plugin.meta.version}\n`);
    return 0;
  }

  const allRules = plugin.rules as Record<string, Rule.RuleModule>;
  const selected = new Set<string>();
  for (const name of options.rules) {
    const bare = name.replace(/^secure-fs\//u, '');
    if (!(bare in allRules)) {
      throw new UsageError(`Unknown rule '${name}'. The rules are:\n  ${Object.keys(allRules).join('\n  ')}`);
    }
    selected.add(`secure-fs/${bare}`);
  }
  const explicitRules = selected.size > 0;
  // With --use-config these sit under the project's config, which may configure or turn them off.
  if (!explicitRules) for (const id of Object.keys(plugin.configs.recommended.rules ?? {})) selected.add(id);
  const reported: RuleFilter = explicitRules || !options.useConfig ? (id) => selected.has(id) : (id) => id.startsWith('secure-fs/');

  for (const path of options.paths) {
    const problem = /[*?{}[\]]/u.test(path) ? undefined : inputProblem(resolve(io.cwd, path));
    if (problem) throw new UsageError(`${problem}: ${path}`);
  }
  if (options.configFile !== undefined && !existsSync(resolve(io.cwd, options.configFile))) {
    throw new UsageError(`No such config file: ${options.configFile}`);
  }
  if (options.output !== undefined) await prepareOutput(options.output, resolve(io.cwd, options.output));

  const peers = await loadPeers();
  const progressWanted = options.progress ?? (io.stderr as { isTTY?: boolean }).isTTY === true;
  const progress = progressWanted ? createProgress(io.stderr as NodeJS.WriteStream, PREFIX) : undefined;
  try {
    return await lintAndReport(options, io, peers, selected, reported, progress);
  } finally {
    progress?.done();
  }
}

/** Why an input path cannot be scanned, in the user's terms, or undefined when it can. */
function inputProblem(target: string): string | undefined {
  try {
    statSync(target);
    return undefined;
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ELOOP') return 'Symlink loop (following its links never reaches a file)';
    if (code === 'ENOENT' && lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) return 'Dangling symlink (its target does not exist)';
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'No such file or directory';
    return `Cannot access this path (${code ?? String(error)})`;
  }
}

const OUTPUT_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent is not a directory',
  EEXIST: 'a parent is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

function outputError(name: string, error: unknown): ScanError {
  const { code } = (error ?? {}) as { code?: string };
  return new ScanError(`Cannot write the report to ${name}: ${(code && OUTPUT_PROBLEMS[code]) ?? code ?? String(error)}.`);
}

/** Before the scan, so that minutes of linting do not end in a report that cannot be written. */
async function prepareOutput(name: string, target: string): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true });
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    await access(existing ? target : dirname(target), constants.W_OK);
  } catch (error) {
    throw outputError(name, error);
  }
}

function sourceConfigs(tsParser: Parser | undefined, gate: Linter.Processor): Linter.Config[] {
  return [
    { name: 'secure-fs/cli/files', files: [...JS_FILES, ...TS_FILES] },
    // Declarations hold no code that runs.
    { name: 'secure-fs/cli/ignores', ignores: ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts'] },
    // JSX in .js files is common enough that a zero-config scan should not fail on it.
    { name: 'secure-fs/cli/javascript', files: JS_FILES, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    ...(tsParser ? [{ name: 'secure-fs/cli/typescript', files: TS_FILES, languageOptions: { parser: tsParser } }] : []),
    { name: 'secure-fs/cli/gate', files: [...JS_FILES, ...TS_FILES], processor: gate },
    // Other tools' directives are not ours to judge in a scan that runs only secure-fs rules.
    { name: 'secure-fs/cli/linter-options', linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } },
  ];
}

/** The innermost directory holding the cwd and every input, so ESLint never sees a file outside its base path. */
function commonBase(cwd: string, inputs: readonly string[]): string {
  let base = cwd;
  for (const input of inputs) {
    const target = resolve(cwd, input.replace(/[*?{}[\]].*$/su, ''));
    while (base !== dirname(base) && (relative(base, target).startsWith('..') || isAbsolute(relative(base, target)))) base = dirname(base);
  }
  return base;
}

const escapeGlob = (path: string): string => path.split(sep).join('/').replace(/[*?[\]{}()!+@\\]/gu, '\\$&');

function unreadableFile(error: unknown): { path: string; message: string } | undefined {
  const { code, path, message } = (error ?? {}) as { code?: unknown; path?: unknown; message?: unknown };
  if (typeof code !== 'string' || !UNREADABLE.has(code) || typeof path !== 'string') return undefined;
  return { path: resolve(path), message: `Cannot read this file (${code}), so it was not scanned: ${String(message)}` };
}

/** After a first unreadable file, find the others in one walk instead of one restart each. */
function findUnreadable(base: string, inputs: readonly string[], found: Map<string, string>): void {
  let budget = 200_000;
  const visit = (path: string, depth: number): void => {
    if (--budget < 0 || depth > 64) return;
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') visit(child, depth + 1);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name))) {
        try {
          closeSync(openSync(child, 'r'));
        } catch (error) {
          const failed = unreadableFile(error);
          if (failed) found.set(failed.path, failed.message);
        }
      }
    }
  };
  for (const input of inputs) visit(resolve(base, input), 0);
}

function notScannedResult(filePath: string, message: string): ESLint.LintResult {
  return {
    filePath,
    messages: [{ ruleId: null, fatal: true, severity: 2, message, line: 0, column: 0 }],
    suppressedMessages: [],
    errorCount: 1,
    fatalErrorCount: 1,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

/** Keeps secure-fs reports (and parse errors and ESLint's own notices) and recounts. */
function keepReported(result: ESLint.LintResult, reported: RuleFilter): ESLint.LintResult {
  const keep = (m: Linter.LintMessage): boolean => (m.ruleId === null ? true : reported(m.ruleId));
  const messages = result.messages.filter(keep);
  const count = (test: (m: Linter.LintMessage) => boolean): number => messages.filter(test).length;
  return {
    ...result,
    messages,
    suppressedMessages: result.suppressedMessages.filter(keep),
    errorCount: count((m) => m.severity === 2),
    fatalErrorCount: count((m) => m.fatal === true),
    warningCount: count((m) => m.severity === 1),
    fixableErrorCount: count((m) => m.severity === 2 && m.fix !== undefined),
    fixableWarningCount: count((m) => m.severity === 1 && m.fix !== undefined),
  };
}

async function lintAndReport(
  options: CliOptions,
  io: CliIo,
  peers: Peers,
  selected: ReadonlySet<string>,
  reported: RuleFilter,
  progress: Progress | undefined,
): Promise<number> {
  const base = options.useConfig ? io.cwd : commonBase(io.cwd, options.paths);
  const fromBase = relative(base, io.cwd);
  const patterns = options.paths.map((p) => (isAbsolute(p) ? p : join(io.cwd, p)));
  const userIgnores = options.ignorePatterns.map((p) => (fromBase ? `${fromBase.split(sep).join('/')}/${p}` : p));

  const rulesConfig: Linter.Config = {
    name: 'secure-fs/cli/rules',
    plugins: { 'secure-fs': plugin, ...(progress ? { 'secure-fs-cli': progress.plugin } : {}) },
    rules: Object.fromEntries([...selected, ...(progress ? [progress.ruleId] : [])].map((id) => [id, 'error'])),
  };
  const gate = createGate(options.maxFileSize, peers.tsParser !== undefined);
  const configs = [...sourceConfigs(peers.tsParser, gate.processor), rulesConfig];
  const ruleFilter = ({ ruleId }: { ruleId: string }): boolean => reported(ruleId) || ruleId === progress?.ruleId;

  const unreadable = new Map<string, string>();
  const create = (): ESLint =>
    new peers.ESLint({
      cwd: base,
      ...(options.useConfig
        ? {
            overrideConfigFile: options.configFile ?? null,
            // Under the project's config: its parser, type information, rule severities and
            // options win (so a rule it turns off stays off, even when named by --rule).
            baseConfig: configs,
          }
        : { overrideConfigFile: true, overrideConfig: configs }),
      ruleFilter,
      fix: options.fix,
      ignorePatterns: [...userIgnores, ...[...unreadable.keys()].map((p) => escapeGlob(relative(base, p)))],
      errorOnUnmatchedPattern: true,
    });

  let eslint = create();
  let results: ESLint.LintResult[] | undefined;
  for (let restart = 0; results === undefined; restart++) {
    try {
      results = await eslint.lintFiles(patterns);
    } catch (error) {
      const failed = unreadableFile(error);
      const template = (error as { messageTemplate?: string }).messageTemplate;
      if (failed && !unreadable.has(failed.path) && restart < MAX_RESTARTS) {
        unreadable.set(failed.path, failed.message);
        if (restart === 0) findUnreadable(base, patterns, unreadable);
        eslint = create();
      } else if (template === 'all-matched-files-ignored' && unreadable.size > 0) {
        results = [];
      } else if (template === 'file-not-found' || template === 'all-matched-files-ignored') {
        throw new UsageError(`${(error as Error).message.split('\n')[0]} (secure-fs lints ${[...SOURCE_EXTENSIONS].join(' ')} files)`);
      } else if (/Cannot redefine plugin "secure-fs"/u.test(String((error as Error)?.message))) {
        throw new UsageError(
          "The project's ESLint config loads a different copy of eslint-plugin-secure-fs than this CLI. Run the project's own copy (npx secure-fs from the project), or drop --use-config.",
        );
      } else {
        throw error;
      }
    }
  }

  let changed = 0;
  let suggestionsApplied = 0;
  let limitReached: string[] = [];
  if (options.fixSuggestions) {
    progress?.done();
    ({ results, changed, applied: suggestionsApplied, limitReached } = await applySuggestions(eslint, results, reported));
  } else if (options.fix) {
    changed = results.filter((r) => r.output !== undefined).length;
    await peers.ESLint.outputFixes(results);
  }
  progress?.done();

  results = [
    ...results.map((r) => (gate.skipped.has(r.filePath) ? notScannedResult(r.filePath, `Not scanned: ${gate.skipped.get(r.filePath)}.`) : keepReported(r, reported))),
    ...[...unreadable].map(([path, message]) => notScannedResult(path, message)),
  ];
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));

  const rulesMeta: Record<string, Rule.RuleMetaData> = {};
  for (const result of results) {
    for (const m of result.messages) {
      const rule = m.ruleId?.startsWith('secure-fs/') ? (plugin.rules as Record<string, Rule.RuleModule>)[m.ruleId.slice('secure-fs/'.length)] : undefined;
      if (rule?.meta && m.ruleId) rulesMeta[m.ruleId] = rule.meta;
    }
  }
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  const data = { cwd: io.cwd, rulesMeta, maxWarningsExceeded: tooManyWarnings ? { maxWarnings: options.maxWarnings!, foundWarnings: warnings } : undefined };

  let text: string;
  if (options.format === 'sarif') {
    text = await formatSarif(results, data, { eslint: peers.ESLint.version, plugin: plugin.meta });
  } else {
    if (!(FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`Unknown format ${options.format}`);
    const formatter = await eslint.loadFormatter(options.format);
    text = await formatter.format(results, data);
    if (options.format === 'stylish' && errors + warnings === 0) text = `No findings in ${results.length} file${results.length === 1 ? '' : 's'}.\n`;
    else if (options.format === 'json') text = `${text}\n`;
  }
  if (options.output) {
    await writeFile(resolve(io.cwd, options.output), text).catch((error: unknown) => {
      throw outputError(options.output!, error);
    });
  } else {
    io.stdout.write(text);
  }

  if (options.fixSuggestions || options.fix) {
    const what = options.fixSuggestions ? `${suggestionsApplied} suggestion${suggestionsApplied === 1 ? '' : 's'}${options.fix ? ' and the safe fixes' : ''}` : 'the safe fixes';
    io.stderr.write(`${PREFIX}: applied ${what}; ${changed} file${changed === 1 ? '' : 's'} changed.\n`);
  }
  for (const file of limitReached) io.stderr.write(`${PREFIX}: stopped after ${MAX_SUGGESTION_PASSES} passes on ${file}; run again to continue.\n`);
  const unparsed = results.filter((r) => r.messages.some((m) => m.fatal) && !unreadable.has(r.filePath) && !gate.skipped.has(r.filePath)).length;
  if (unparsed > 0) io.stderr.write(`${PREFIX}: ${unparsed} file${unparsed === 1 ? '' : 's'} could not be parsed (reported above); the others were scanned.\n`);
  if (unreadable.size > 0) {
    io.stderr.write(`${PREFIX}: ${unreadable.size} file${unreadable.size === 1 ? '' : 's'} could not be read and ${unreadable.size === 1 ? 'was' : 'were'} not scanned:\n`);
    // In path order: which file ESLint failed on first depends on its concurrent reads.
    for (const path of [...unreadable.keys()].sort()) io.stderr.write(`  ${path}\n`);
  }
  if (gate.skipped.size > 0) {
    io.stderr.write(`${PREFIX}: ${gate.skipped.size} file${gate.skipped.size === 1 ? ' was' : 's were'} not scanned:\n`);
    for (const [path, reason] of [...gate.skipped].sort(([a], [b]) => (a < b ? -1 : 1))) io.stderr.write(`  ${path} (${reason})\n`);
  }
  if (unreadable.size > 0 || gate.skipped.size > 0) return 2;
  if (tooManyWarnings) io.stderr.write(`${PREFIX}: too many warnings (${warnings}, maximum ${options.maxWarnings}).\n`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

const BOM = '\uFEFF';

/**
 * --fix-suggestions: for every file, apply the suggestion of a report that has exactly one
 * (several mean a human must choose), one per pass, re-linting after each so that a
 * helper's import, added by the first rewrite, is reused by the next. A rewrite that would
 * leave the file unparsable is dropped.
 */
async function applySuggestions(
  eslint: ESLint,
  results: ESLint.LintResult[],
  reported: RuleFilter,
): Promise<{ results: ESLint.LintResult[]; changed: number; applied: number; limitReached: string[] }> {
  const unambiguous = (m: Linter.LintMessage): boolean => m.ruleId !== null && reported(m.ruleId) && m.suggestions?.length === 1;
  let changed = 0;
  let applied = 0;
  const limitReached: string[] = [];
  const out: ESLint.LintResult[] = [];
  for (const first of results) {
    if (!first.messages.some(unambiguous)) {
      if (first.output !== undefined) {
        await writeFile(first.filePath, first.output);
        changed++;
      }
      out.push(first);
      continue;
    }
    const original = await readFile(first.filePath, 'utf8');
    let text = first.output ?? original;
    let result = first;
    const rejected = new Set<string>();
    let pass = 0;
    for (; pass < MAX_SUGGESTION_PASSES; pass++) {
      const candidate = result.messages.find((m) => unambiguous(m) && !rejected.has(keyOf(m)));
      if (!candidate) break;
      const { fix } = candidate.suggestions![0]!;
      const bom = text.startsWith(BOM) ? BOM : '';
      const body = bom ? text.slice(1) : text;
      const next = `${bom}${body.slice(0, fix.range[0])}${fix.text}${body.slice(fix.range[1])}`;
      const [relinted] = await eslint.lintText(next, { filePath: first.filePath });
      if (!relinted || next === text || relinted.messages.some((m) => m.fatal)) {
        rejected.add(keyOf(candidate));
        continue;
      }
      text = relinted.output ?? next;
      result = relinted;
      applied++;
    }
    if (pass === MAX_SUGGESTION_PASSES) limitReached.push(first.filePath);
    if (text !== original) {
      await writeFile(first.filePath, text);
      changed++;
    }
    out.push({ ...result, filePath: first.filePath });
  }
  return { results: out, changed, applied, limitReached };
}

const keyOf = (m: Linter.LintMessage): string => `${m.ruleId}|${m.messageId}|${m.suggestions?.[0]?.desc}|${m.line}:${m.column}`;
