import type { TSESTree } from '@typescript-eslint/utils';

import type { ValueApi } from './api-table.js';

/** Where a path lives, as far as the code shows. */
export type PathRoot =
  /** A shared temp directory written literally: `/tmp`, `/var/tmp`, `C:\Windows\Temp`, … */
  | 'shared-tmp'
  /** `os.tmpdir()` */
  | 'os-tmpdir'
  /** `process.env.TMPDIR`/`TMP`/`TEMP` */
  | 'env-tmp'
  /** `process.env.XDG_RUNTIME_DIR`: per-user, 0700 */
  | 'runtime-dir'
  /** A location freshly created private: `mkdtemp` results, the `tmp` packages, this plugin's helpers */
  | 'private-temp'
  /** Some other known place: relative paths, `__dirname`, the home directory, `/var/run/…` */
  | 'other'
  | 'unknown';

/**
 * How guessable a name is: constant < weak (time, pid, Math.random, counters, configuration:
 * environment variables, another module's constants) < strong (crypto).
 */
export type Predictability = 'constant' | 'weak' | 'strong' | 'unknown';

export interface PathValue {
  readonly root: PathRoot;
  /** The string literals that spell out a shared temp root (where a report about the root belongs). */
  readonly rootLiterals: readonly TSESTree.Node[];
  /** The node that names the root: the literal spelling it, or the `os.tmpdir()`/`$TMPDIR` expression. */
  readonly rootNode: TSESTree.Node | undefined;
  /** False when the path is the root itself (`'/tmp'`, `os.tmpdir()`). */
  readonly belowRoot: boolean;
  /** Predictability of everything below the root. */
  readonly name: Predictability;
  /** Predictability of the last path segment alone. */
  readonly lastSegment: Predictability;
  /** Predictability of the directories between the root and the last segment (constant when there are none). */
  readonly parent: Predictability;
  /** Whether there is a directory between the root and the last segment (`/tmp/app/x`, not `/tmp/x`). */
  readonly hasParentDir: boolean;
  /** The whole value when it is a constant string. */
  readonly text: string | undefined;
  /** A readable rendering for messages: constant text, `${…}` for the rest. */
  readonly display: string;
}

/**
 * A token stands for a computed piece of a path whose exact text is unknown. `config` is a
 * value the program is configured with (an environment variable, another module's constant,
 * a version): chosen by whoever set it up, so as guessable as a constant, but not a location.
 */
export type Token = ValueApi['value'] | 'other-root' | 'config' | 'unknown';

export type Part =
  | { readonly text: string; readonly node: TSESTree.Node | undefined }
  | { readonly token: Token; readonly node: TSESTree.Node };

// Either slash, any case for the Windows one; POSIX names are case-sensitive.
const SHARED_TMP_ROOT = /^(?:\/(?:private\/)?(?:var\/)?tmp|\/dev\/shm|\/usr\/tmp|[a-z]:[\\/]windows[\\/]temp)(?=$|[\\/])/iu;
const POSIX_SHARED = new Set(['/tmp', '/var/tmp', '/private/tmp', '/private/var/tmp', '/dev/shm', '/usr/tmp']);

/** The start of a file URL before its path: `file://`, maybe with the host `localhost`. */
const FILE_URL = /^file:\/\/(?:localhost)?(?=\/)/iu;

/** The path a file URL names (`file:///tmp/x` names `/tmp/x`); other text as it is. */
export function withoutFileScheme(text: string): string {
  const scheme = FILE_URL.exec(text);
  return scheme ? text.slice(scheme[0].length) : text;
}

/** The shared temp root a string starts with, or undefined. */
export function sharedTmpRootOf(text: string): string | undefined {
  const match = SHARED_TMP_ROOT.exec(text);
  if (!match) return undefined;
  const root = match[0];
  // The regex is case-insensitive for the Windows form only; `/TMP` is not `/tmp`.
  return root.startsWith('/') && !POSIX_SHARED.has(root) ? undefined : root;
}

/** A part that starts a path in a shared temp directory: a literal `/tmp…`, `os.tmpdir()`, `$TMPDIR`. */
export function isSharedTempPart(part: Part | undefined): boolean {
  if (!part) return false;
  if ('text' in part) return sharedTmpRootOf(part.text) !== undefined;
  return part.token === 'tmpdir' || part.token === 'env-tmp';
}

const ROOT_OF_TOKEN: Record<Token, PathRoot> = {
  tmpdir: 'os-tmpdir',
  'env-tmp': 'env-tmp',
  'runtime-dir': 'runtime-dir',
  'private-temp': 'private-temp',
  home: 'other',
  'other-root': 'other',
  weak: 'unknown',
  strong: 'unknown',
  config: 'unknown',
  unknown: 'unknown',
};

/** Tokens that denote an absolute location on their own (so `path.resolve` restarts there). */
export function isAbsolutePart(part: Part | undefined): boolean {
  if (!part) return false;
  if ('text' in part) return /^(?:[\\/]|[a-z]:[\\/])/iu.test(part.text);
  return ROOT_OF_TOKEN[part.token] !== 'unknown';
}

const SEPARATOR = /[\\/]/u;

function predictability(parts: readonly Part[]): Predictability {
  let result: Predictability = 'constant';
  for (const part of parts) {
    if ('text' in part) continue;
    if (part.token === 'strong' || part.token === 'private-temp') return 'strong';
    if (part.token === 'weak' || part.token === 'config') {
      if (result === 'constant') result = 'weak';
    } else {
      result = 'unknown';
    }
  }
  return result;
}

/** Merges adjacent text and drops empty text, keeping the node of the first literal. */
function normalise(parts: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if ('text' in part) {
      if (part.text === '') continue;
      if (last && 'text' in last) {
        out[out.length - 1] = { text: last.text + part.text, node: last.node ?? part.node };
        continue;
      }
    }
    out.push(part);
  }
  return out;
}

/** The parts after the last separator. */
function lastSegmentOf(parts: readonly Part[]): Part[] {
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if ('text' in part) {
      const cut = Math.max(part.text.lastIndexOf('/'), part.text.lastIndexOf('\\'));
      if (cut >= 0) return [{ text: part.text.slice(cut + 1), node: part.node }, ...parts.slice(i + 1)];
    }
  }
  return [...parts];
}

/** The parts before the last separator. */
function parentOf(parts: readonly Part[]): Part[] {
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if ('text' in part) {
      const cut = Math.max(part.text.lastIndexOf('/'), part.text.lastIndexOf('\\'));
      if (cut >= 0) return [...parts.slice(0, i), { text: part.text.slice(0, cut), node: part.node }];
    }
  }
  return [];
}

export function classify(rawParts: readonly Part[], render: (node: TSESTree.Node) => string): PathValue {
  const parts = normalise(rawParts);
  const display = parts.map((p) => ('text' in p ? p.text : `\${${render(p.node)}}`)).join('');
  const text = parts.every((p) => 'text' in p) ? parts.map((p) => ('text' in p ? p.text : '')).join('') : undefined;
  const first = parts[0];
  let root: PathRoot;
  let rest: Part[];
  let rootLiterals: TSESTree.Node[] = [];
  if (first === undefined) {
    root = 'unknown';
    rest = [];
  } else if ('text' in first) {
    const shared = sharedTmpRootOf(first.text);
    if (shared === undefined) {
      root = 'other';
      rest = parts;
    } else {
      root = 'shared-tmp';
      rootLiterals = first.node ? [first.node] : [];
      rest = [{ text: first.text.slice(shared.length), node: first.node }, ...parts.slice(1)];
    }
  } else {
    root = ROOT_OF_TOKEN[first.token];
    rest = root === 'unknown' ? parts : parts.slice(1);
  }
  const belowRoot = rest.some((p) => !('text' in p) || p.text.split(SEPARATOR).some(Boolean));
  return {
    root,
    rootLiterals,
    rootNode: root === 'unknown' || root === 'other' ? undefined : first?.node,
    belowRoot,
    name: predictability(rest),
    lastSegment: predictability(lastSegmentOf(rest)),
    parent: predictability(parentOf(rest)),
    hasParentDir: parentOf(rest).some((p) => !('text' in p) || p.text.split(SEPARATOR).some(Boolean)),
    text,
    display,
  };
}
