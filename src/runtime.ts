export * from './runtime-fixes/index.js';
