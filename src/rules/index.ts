import noCheckThenUse from './no-check-then-use.js';
import noErrorLeak from './no-error-leak.js';
import noHardcodedTmpPath from './no-hardcoded-tmp-path.js';
import noInsecureTmpCreate from './no-insecure-tmp-create.js';
import noPathTraversal from './no-path-traversal.js';
import noPermissiveMode from './no-permissive-mode.js';
import noSharedTmpSocket from './no-shared-tmp-socket.js';
import noSwallowedFsError from './no-swallowed-fs-error.js';

/** Every rule, by name (alphabetical; the integrity test checks this against src/rules/). */
export const rules = {
  'no-check-then-use': noCheckThenUse,
  'no-error-leak': noErrorLeak,
  'no-hardcoded-tmp-path': noHardcodedTmpPath,
  'no-insecure-tmp-create': noInsecureTmpCreate,
  'no-path-traversal': noPathTraversal,
  'no-permissive-mode': noPermissiveMode,
  'no-shared-tmp-socket': noSharedTmpSocket,
  'no-swallowed-fs-error': noSwallowedFsError,
};
