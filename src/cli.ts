#!/usr/bin/env node
// The `secure-fs` command (package.json `bin`): see src/cli/options.ts for its options.
import { main } from './cli/run.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
