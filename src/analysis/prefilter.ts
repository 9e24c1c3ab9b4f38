import type { TSESLint } from '@typescript-eslint/utils';

import { type FsEffect, fsExtraModule, fsModule, fsPromisesModule, thirdPartyFsModules } from './api-table.js';

// Every API the core recognises is spelled out as a whole word in the file that uses it (an
// import specifier, a member name, a destructured key, a require argument, a computed key's
// string), and every shared temp location is spelled with one of a few words. So a file whose
// text has none of an analysis's words has nothing for it, and a rule can skip it before any
// facts are built: most files of a project touch no temp directory and call no fs check, and
// they should cost nothing. Whole words matter: `stat` is in every `statement`, `temp` in
// every `template`.

/** Words a prefilter looks for: a regular expression, or several of which any will do. */
export interface Words {
  test(text: string): boolean;
}

/**
 * `precise`, asked only of texts that `fast` matches. A pattern of plain literals is scanned
 * several times faster than one with a character class or a word boundary, and most files
 * have none of the words: `fast` must match every text that `precise` matches.
 */
function gated(fast: RegExp, precise: Words): Words {
  return { test: (text) => fast.test(text) && precise.test(text) };
}

/**
 * Texts containing one of `parts`. `String#includes` looks for a part's first character, so a
 * part that starts with a rare one (`dFile` of `sendFile`) rules a file out several times
 * faster than any pattern does.
 */
export function containing(...parts: readonly string[]): Words {
  return { test: (text) => parts.some((part) => text.includes(part)) };
}

/**
 * Every spelling of a shared temp location contains one of these: `/tmp`, `os.tmpdir()`,
 * `TMPDIR`/`TMP`/`TEMP`, `/dev/shm`, and `C:\Windows\Temp` in any case, as one string or as
 * `path.join` parts (`'tmp'`, `'Temp'`), the last after a slash, backslash or quote.
 */
export const SHARED_TMP_WORDS = gated(/tmp|temp|shm/iu, /tmp|TMP|TEMP|shm|[\\/'"`][Tt][Ee][Mm][Pp]/u);

/** Every spelling of the temp root's APIs (`os.tmpdir()`, `process.env.TMPDIR`/`TMP`/`TEMP`) has one of these words. */
export const TMPDIR_WORDS = /\b(?:tmpdir|TMPDIR|TMP|TEMP)\b/u;

/** A module specifier as a whole word: `fs-extra` is `fs\Wextra`, so `\b` still applies around it. */
const wordOf = (specifier: string): string => specifier.replace(/[^\w]/gu, '\\W');

/**
 * The modules an fs call the core tracks can come from, given to `loads()`: a file that loads
 * none of them makes no fs call a rule can see. It is most files of a project, and they skip
 * API tracking altogether.
 */
export const FS_MODULES: ReadonlySet<string> = new Set(['fs', 'fs/promises', 'graceful-fs', 'fs-extra', 'fs-extra/esm', ...Object.keys(thirdPartyFsModules)]);

const patterns = new Map<string, RegExp>();

/** A pattern matching any name under which an fs API with one of `effects` can be called. */
export function fsNamePattern(effects: readonly FsEffect[]): RegExp {
  const key = [...effects].sort().join(',');
  let pattern = patterns.get(key);
  if (!pattern) {
    const names = new Set<string>();
    for (const table of [fsModule, fsPromisesModule, fsExtraModule]) {
      // Canonical names, each maybe with `Sync`: every table key is one of the two.
      for (const api of Object.values(table)) if (effects.includes(api.effect)) names.add(api.name);
    }
    // A library's calls are spelled through whatever the file binds its module to: its specifier is the word.
    for (const [specifier, table] of Object.entries(thirdPartyFsModules)) {
      if (Object.values(table).some((api) => effects.includes(api.effect))) names.add(wordOf(specifier));
    }
    pattern = new RegExp(`\\b(?:${[...names].sort().join('|')})(?:Sync)?\\b`, 'u');
    patterns.set(key, pattern);
  }
  return pattern;
}

// Several rules ask the same question of one file (is a temp location named?): once each.
const answers = new WeakMap<object, Map<Words, boolean>>();

/** Whether the file's text contains a match of every one of `required`. */
export function mentions(sourceCode: Readonly<TSESLint.SourceCode>, ...required: readonly Words[]): boolean {
  let known = answers.get(sourceCode);
  if (!known) answers.set(sourceCode, (known = new Map<Words, boolean>()));
  for (const pattern of required) {
    let answer = known.get(pattern);
    if (answer === undefined) known.set(pattern, (answer = pattern.test(sourceCode.text)));
    if (!answer) return false;
  }
  return true;
}
