// The public surface of `eslint-plugin-secure-fs/runtime`: hardened replacements for the
// file-system patterns the rules report. Imports nothing but Node built-ins.
export * from './errors.js';
