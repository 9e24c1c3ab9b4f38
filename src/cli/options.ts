// Command-line parsing for `secure-fs`: node:util's parseArgs, and every usage error as a
// UsageError (exit code 2) with a message that says what to type instead.
import { parseArgs } from 'node:util';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  paths: string[];
  format: Format;
  output: string | undefined;
  rules: string[];
  maxWarnings: number | undefined;
  fix: boolean;
  fixSuggestions: boolean;
  useConfig: boolean;
  configFile: string | undefined;
  ignorePatterns: string[];
  maxFileSize: number;
  progress: boolean | undefined;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** What the scan met rather than what was typed (an --output that cannot be written): exit 2, no usage hint. */
export class ScanError extends UsageError {
  override name = 'ScanError';
}

/**
 * Larger files are listed as not scanned. ESLint's own cost grows faster than the size: with no
 * rule at all a generated 4 MiB file took 37 s and 1.6 GB here (1 MiB: under 4 s), so a 20 MB
 * bundle exhausts the heap. 1 MiB is also Semgrep's default.
 */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2 };

export const HELP = `Usage: secure-fs [options] [paths...]

Lints JavaScript and TypeScript files (default: the current directory) with
eslint-plugin-secure-fs's recommended rules. No configuration file is needed or read.

Options:
  --format stylish|json|sarif  Output format (default: stylish; sarif is SARIF 2.1.0)
  -o, --output FILE            Write the report to FILE instead of standard output
  --rule NAME                  Run only this rule (repeatable; any rule, recommended or not)
  --max-warnings N             Exit 1 when there are more than N warnings
  --fix                        Apply the rules' safe automatic fixes
  --fix-suggestions            Also apply every unambiguous suggestion (a report with exactly
                               one), such as rewrites to eslint-plugin-secure-fs/runtime helpers
  --ignore-pattern PATTERN     Skip files matching PATTERN (repeatable, relative to the cwd)
  --max-file-size SIZE         List larger files as not scanned instead of linting them
                               (bytes, or with K or M, 1024-based; default 1M)
  --use-config                 Start from the project's eslint.config.*: its parser, type
                               information, ignores and secure-fs rule options apply (only
                               secure-fs rules are run and reported)
  -c, --config FILE            Like --use-config, with this config file
  --progress / --no-progress   Force the progress line on stderr (default: when it is a TTY)
  -h, --help                   Show this help
  -v, --version                Show the version

Exit codes: 0 no findings, 1 findings (or a file that does not parse, or too many warnings),
2 usage error, missing ESLint, internal error, or an incomplete scan: a file that could not be
read, was above --max-file-size, or is TypeScript without @typescript-eslint/parser installed
(each is listed; the other files are scanned).
`;

export function parseOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        rule: { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-suggestions': { type: 'boolean' },
        'use-config': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'ignore-pattern': { type: 'string', multiple: true },
        'max-file-size': { type: 'string' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/su, '')}.`);
  }
  const { values, positionals } = parsed;

  const configFile = values.config;
  const useConfig = values['use-config'] === true || configFile !== undefined;

  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${format}').`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/u.test(values['max-warnings']) || !Number.isSafeInteger(maxWarnings)) {
      throw new UsageError(`--max-warnings must be a whole number (got '${values['max-warnings']}').`);
    }
  }
  if (values.output === '') throw new UsageError('--output needs a file name.');
  if (values.config === '') throw new UsageError('--config needs a file name.');

  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as Format,
    output: values.output,
    rules: values.rule ?? [],
    maxWarnings,
    fix: values.fix === true,
    fixSuggestions: values['fix-suggestions'] === true,
    useConfig,
    configFile,
    ignorePatterns: values['ignore-pattern'] ?? [],
    maxFileSize: values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size']),
    progress: values['no-progress'] === true ? false : values.progress,
    help: values.help === true,
    version: values.version === true,
  };
}

function parseSize(text: string): number {
  const match = /^(\d+)\s*([a-z]*)$/iu.exec(text.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Number(match[1]) * unit : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new UsageError(`--max-file-size must be a positive size in bytes, or with K or M (got '${text}').`);
  }
  return bytes;
}
