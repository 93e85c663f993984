import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'cli',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    // The binary tests start Node processes (tsx compiles on first run): generous on a loaded 2-core machine.
    testTimeout: 30_000,
  },
});
