import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/rule-tester.ts'],
    // Runtime-helper tests touch the real file system and spawn processes.
    testTimeout: 30_000,
  },
});
