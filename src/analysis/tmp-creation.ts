import type { TSESTree } from '@typescript-eslint/utils';

import { argumentAt, openFlagsOf, optionProperty } from './call-options.js';
import { type FileFacts, type FsCall, type PathSink, isTempPrefix } from './facts.js';
import { integerValue } from './modes.js';
import { fsConstants } from './api-table.js';
import type { PathValue, Predictability } from './path-value.js';

type Node = TSESTree.Node;

/** What a call creates (or writes into) at its target path. */
export interface CreatedEntry {
  readonly kind: 'file' | 'dir';
  /** The path argument of what is created. */
  readonly target: Node;
  /**
   * Whether creation fails when anything (a file, a symlink) is already there: `'wx'`,
   * `O_CREAT|O_EXCL`, `COPYFILE_EXCL`. `undefined` when the file does not show it; always
   * false for directories made with `recursive`.
   */
  readonly exclusive: boolean | undefined;
  /** False for a file opened for writing only if it exists (`'r+'`): nothing is created, no mode is set. */
  readonly creates: boolean;
  /** A directory made with every missing parent (`recursive: true`, mkdirp, fs-extra's `ensureDir`). */
  readonly parents?: boolean;
}

const COPYFILE_EXCL = fsConstants.COPYFILE_EXCL?.value ?? 1;

function isTrue(facts: FileFacts, options: Node, key: string): boolean | undefined {
  const lookup = optionProperty(facts, options, key);
  if (lookup === 'absent') return false;
  if (lookup === 'unknown') return undefined;
  const value = facts.staticValue(lookup.found);
  return typeof value === 'boolean' ? value : undefined;
}

function copyExclusive(facts: FileFacts, call: FsCall): boolean | undefined {
  if (call.info.name === 'copyFile') {
    const flags = argumentAt(call, call.info.flagsAt);
    if (flags === 'absent') return false;
    if (flags === 'unknown') return undefined;
    const value = integerValue(facts, flags);
    return value && !value.bounded ? (value.bits & COPYFILE_EXCL) !== 0 : undefined;
  }
  // `fs.cp` (`force: false`) and fs-extra's `copy` (`overwrite: false`) fail on an existing target only with `errorOnExist`.
  const options = argumentAt(call, 2);
  if (options === 'absent') return false;
  if (options === 'unknown') return undefined;
  const errorOnExist = isTrue(facts, options, 'errorOnExist');
  const overwrite = isTrue(facts, options, call.info.name === 'cp' ? 'force' : 'overwrite');
  if (errorOnExist === undefined || overwrite === undefined) return undefined;
  return errorOnExist && overwrite === false && optionProperty(facts, options, call.info.name === 'cp' ? 'force' : 'overwrite') !== 'absent';
}

/**
 * What an fs call creates or writes at its target path: files for writeFile/appendFile,
 * open with a write flag, write streams, copies and fs-extra's ensureFile; directories for
 * mkdir and fs-extra's ensureDir/mkdirs. `undefined` for calls that only read, for open
 * with a read flag (Node's default `'r'` included), and for open with flags the file does
 * not show.
 */
export function createdEntryOf(facts: FileFacts, call: FsCall): CreatedEntry | undefined {
  let perFile = entryMemo.get(facts);
  if (!perFile) entryMemo.set(facts, (perFile = new Map<Node, CreatedEntry | null>()));
  let entry = perFile.get(call.node);
  if (entry === undefined) perFile.set(call.node, (entry = computeCreatedEntry(facts, call) ?? null));
  return entry ?? undefined;
}

// Several rules ask it of every fs call of a file (insecure creation, modes, guessable paths).
const entryMemo = new WeakMap<FileFacts, Map<Node, CreatedEntry | null>>();

function computeCreatedEntry(facts: FileFacts, call: FsCall): CreatedEntry | undefined {
  const { info } = call;
  if (info.target === undefined) return undefined;
  const target = argumentAt(call, info.target);
  if (typeof target !== 'object') return undefined;
  switch (info.effect) {
    case 'write':
    case 'append':
    case 'write-stream':
    case 'open': {
      const flags = openFlagsOf(facts, call);
      if (flags === undefined) return info.effect === 'open' ? undefined : { kind: 'file', target, exclusive: undefined, creates: true };
      if (!flags.write) return undefined;
      return { kind: 'file', target, exclusive: flags.exclusive, creates: flags.create };
    }
    case 'copy':
      return { kind: 'file', target, exclusive: copyExclusive(facts, call), creates: true };
    case 'create-file':
      return { kind: 'file', target, exclusive: false, creates: true };
    case 'mkdir': {
      const options = argumentAt(call, 1);
      const recursive = typeof options === 'object' && isTrue(facts, options, 'recursive') === true;
      return { kind: 'dir', target, exclusive: undefined, creates: true, parents: info.createsParents === true || recursive };
    }
    default:
      return undefined;
  }
}

/** A literal shared temp root, `os.tmpdir()` or TMPDIR/TMP/TEMP, and something below it. */
export function isSharedTmpLocation(value: PathValue): boolean {
  return (value.root === 'shared-tmp' || value.root === 'os-tmpdir' || value.root === 'env-tmp') && value.belowRoot;
}

export type TmpCreationDefect =
  /** The name (constant, time, pid, Math.random, a counter) can be guessed and planted first. */
  | 'predictable-name'
  /** Created or opened for writing without failing on an entry that is already there. */
  | 'non-exclusive'
  /** A directory at a guessable path (mkdir, with or without recursive) instead of mkdtemp. */
  | 'predictable-dir'
  /** A directory made with its parents, one of which has a guessable path, whatever its own name. */
  | 'predictable-parent';

export interface TmpCreation extends CreatedEntry {
  readonly call: FsCall;
  readonly defect: TmpCreationDefect;
  readonly value: PathValue;
}

const isGuessable = (p: Predictability): boolean => p === 'constant' || p === 'weak';

function judge(facts: FileFacts, call: FsCall): TmpCreation | undefined {
  const entry = createdEntryOf(facts, call);
  if (!entry) return undefined;
  const value = facts.pathValue(entry.target);
  if (!isSharedTmpLocation(value)) return undefined;
  // Below a directory with an unguessable or unknown name (one mkdtemp or the code made
  // elsewhere) nobody else can plant anything: only the shared root and guessable
  // directories under it are exposed.
  if (!isGuessable(value.parent)) return undefined;
  if (isGuessable(value.lastSegment)) {
    return { ...entry, call, value, defect: entry.kind === 'dir' ? 'predictable-dir' : 'predictable-name' };
  }
  // `mkdir(join(tmpdir(), 'app', name), { recursive: true })` creates `app` too, or silently
  // accepts the one another user made first and owns, whatever `name` is.
  if (entry.kind === 'dir' && entry.parents && value.hasParentDir) return { ...entry, call, value, defect: 'predictable-parent' };
  // Opening an existing file (`'r+'`) under an unguessable name reaches only what this program created.
  if (entry.kind === 'file' && entry.exclusive === false && entry.creates) return { ...entry, call, value, defect: 'non-exclusive' };
  return undefined;
}

const memo = new WeakMap<FileFacts, Map<Node, TmpCreation | null>>();

/**
 * The insecure temp creation an fs call is, if it is one: a file or directory created (or
 * a file written) in a shared temp location with a guessable name, or a file created there
 * without exclusive creation. Locations under a `mkdtemp` result, the `tmp` packages and
 * this plugin's helpers are private and never judged insecure. Memoised per file.
 */
export function insecureTmpCreation(facts: FileFacts, call: TSESTree.CallExpression): TmpCreation | undefined {
  const ref = facts.api(call);
  // Most calls are not fs calls: no memo entry for them.
  if (ref?.info.kind !== 'fs' || ref.type !== 'call') return undefined;
  let perFile = memo.get(facts);
  if (!perFile) {
    perFile = new Map();
    memo.set(facts, perFile);
  }
  const cached = perFile.get(call);
  if (cached !== undefined) return cached ?? undefined;
  let result: TmpCreation | undefined;
  try {
    result = judge(facts, ref as FsCall);
  } catch {
    result = undefined;
  }
  perFile.set(call, result ?? null);
  return result;
}

/** A guessable path under the temp root that `os.tmpdir()` or TMPDIR names, used as a location. */
export interface GuessableTmpPath {
  /** The whole path expression (`path.join(os.tmpdir(), 'app-cache')`). */
  readonly node: Node;
  readonly value: PathValue;
}

const guessableMemo = new WeakMap<FileFacts, readonly GuessableTmpPath[]>();

/**
 * Paths with a guessable name (constant, time, pid, Math.random, a hash of a known value)
 * directly under `os.tmpdir()` or TMPDIR/TMP/TEMP, wherever the file uses them as a location:
 * returned, stored, passed to any call. Not: a `mkdtemp` prefix, a path the file creates
 * exclusively, and paths whose report belongs to a call judged by insecureTmpCreation or to a
 * socket sink (see `isLeftToOthers` and isCoveredPath). Computed once per file.
 */
export function guessableTmpdirPaths(facts: FileFacts, isLeftToOthers: (sink: Node) => boolean): readonly GuessableTmpPath[] {
  const cached = guessableMemo.get(facts);
  if (cached) return cached;
  const found = new Map<Node, GuessableTmpPath>();
  const visit = (expression: Node, depth: number): void => {
    const top = facts.pathTop(expression);
    if (found.has(top) || depth > 4) return;
    const value = facts.pathValue(top);
    if (value.root !== 'os-tmpdir' && value.root !== 'env-tmp') return;
    if (!value.belowRoot) {
      // `const base = os.tmpdir()`: the paths built from the binding.
      const holder = top.parent;
      const id = holder?.type === 'VariableDeclarator' && holder.init === top ? holder.id : undefined;
      const variable = id?.type === 'Identifier' ? facts.variableOf(id) : undefined;
      if (variable && facts.singleValue(variable) === top) {
        for (const reference of variable.references) if (reference.isRead()) visit(reference.identifier, depth + 1);
      }
      return;
    }
    if (!isGuessable(value.name)) return;
    const sinks = facts.pathSinks(top);
    for (const sink of sinks) {
      if (sink.kind !== 'argument' || sink.ref.info.kind !== 'fs' || sink.ref.type !== 'call') continue;
      if (isTempPrefix(sink)) return;
      const entry = createdEntryOf(facts, sink.ref as FsCall);
      if (entry?.exclusive === true && entry.target === sink.expression) return;
    }
    if (sinks.length > 0 && isCoveredPath(sinks, (sink) => isLeftToOthers(sink.expression) || feedsInsecureCreation(facts, sink.expression, sink.kind === 'argument' ? sink.ref.node : undefined))) return;
    if (sinks.length === 0 && !facts.isPathUse(top)) return;
    found.set(top, { node: top, value });
  };
  try {
    for (const ref of facts.refs) {
      if (ref.info.kind === 'value' && (ref.info.value === 'tmpdir' || ref.info.value === 'env-tmp') && ref.node.type !== 'Property') visit(ref.node, 0);
    }
  } catch {
    // A shape the evaluator does not know: no finding rather than a crash.
  }
  const result = [...found.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
  guessableMemo.set(facts, result);
  return result;
}

/**
 * Whether the uses of one path are all covered by another rule's report: some use is reported
 * (an insecure creation, a socket), and each other use only records or passes the path on (an
 * option, a call no table knows). Another fs operation on it (reading the file back in a loader)
 * is an exposure of its own.
 */
export function isCoveredPath(sinks: readonly PathSink[], isReported: (sink: PathSink) => boolean): boolean {
  let reported = false;
  for (const sink of sinks) {
    if (isReported(sink)) reported = true;
    else if (sink.kind === 'argument') return false;
  }
  return reported;
}

/** Whether `target` is the target path of a call that insecureTmpCreation reports. */
export function feedsInsecureCreation(facts: FileFacts, target: Node, call: Node | undefined): boolean {
  if (call?.type !== 'CallExpression') return false;
  const creation = insecureTmpCreation(facts, call);
  return creation !== undefined && creation.target === target;
}
