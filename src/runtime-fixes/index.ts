// The public surface of `eslint-plugin-secure-fs/runtime`: hardened replacements for the
// file-system patterns the rules report. Imports nothing but Node built-ins.
// errors.ts also holds internal helpers (hasErrnoCode, suppressedError): export only the public part.
export { SecureFsError, isSecureFsError } from './errors.js';
export type { SecureFsErrorCode, SecureFsErrorOptions } from './errors.js';
export * from './temp-dir.js';
export * from './temp-file.js';
export * from './atomic-write.js';
export * from './secret-file.js';
export * from './race-free.js';
export * from './client-errors.js';
export * from './not-found.js';
export * from './private-dir.js';
export * from './runtime-dir.js';
export * from './unix-socket.js';
export * from './root-dir.js';
