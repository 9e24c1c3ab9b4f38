import type { TSESLint } from '@typescript-eslint/utils';

import { FileFacts } from './facts.js';

export type { ApiInfo, CallStyle, FsApi, FsEffect, OtherApi, PathApi, ValueApi } from './api-table.js';
export type { FileFacts, FsCall, PathSink } from './facts.js';
export { isPathLikeKey, isTempPrefix } from './facts.js';
export type { ApiRef } from './modules.js';
export type { PathRoot, PathValue, Predictability } from './path-value.js';
export { sharedTmpRootOf, withoutFileScheme } from './path-value.js';
export { FS_MODULES, SHARED_TMP_WORDS, TMPDIR_WORDS, containing, fsNamePattern, mentions } from './prefilter.js';
export { loads, readsProcessMember } from './modules.js';
export { DEFAULT_APPEND_FLAGS, DEFAULT_READ_FLAGS, DEFAULT_WRITE_FLAGS, parseOpenFlags } from './flags.js';
export type { OpenFlags } from './flags.js';
export type { ConstantApi } from './api-table.js';
export { argumentAt, modeExpressionOf, objectLiteralOf, openFlagsOf, optionProperty } from './call-options.js';
export type { OptionLookup } from './call-options.js';
export { GROUP_OTHER_BITS, GROUP_OTHER_WRITE_BITS, OTHER_WRITE_BIT, formatMode, integerValue, modeAlternatives, modeValue } from './modes.js';
export type { IntegerValue, ModeAlternative } from './modes.js';
export { isSamePath } from './same-path.js';
export { createdEntryOf, feedsInsecureCreation, guessableTmpdirPaths, insecureTmpCreation, isCoveredPath, isSharedTmpLocation } from './tmp-creation.js';
export type { CreatedEntry, GuessableTmpPath, TmpCreation, TmpCreationDefect } from './tmp-creation.js';
export {
  SOCKET_WORDS,
  endsWithSocketName,
  isSharedTempLocation,
  isSharedTempSocketUse,
  mayBeSharedLocation,
  socketLocationNode,
  socketNamedPathUses,
  listenSinks, sharedTempUnixAddress, socketSinkOf, socketSinksAt, staleSocketRemovals } from './sockets.js';
export type { SocketLocation, SocketSink, SocketSinkKind, StaleSocketRemoval } from './sockets.js';

// Keyed by SourceCode: one per lint of one file, so nothing leaks between files, fix passes
// or worker threads, and every rule that runs on the file shares the same facts.
const cache = new WeakMap<object, FileFacts>();

/** The shared, lazily built facts of the file being linted. */
export function getFileFacts(context: Readonly<{ sourceCode: Readonly<TSESLint.SourceCode> }>): FileFacts {
  const { sourceCode } = context;
  let facts = cache.get(sourceCode);
  if (!facts) {
    facts = new FileFacts(sourceCode);
    cache.set(sourceCode, facts);
  }
  return facts;
}
