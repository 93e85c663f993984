import { defineConfig } from 'vitest/config';

// Cross-package tests. Several start real processes (judge service, Prometheus), hence the generous timeouts.
export default defineConfig({
  test: {
    name: 'test',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
