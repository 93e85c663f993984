import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'orca-stage-spec',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
  },
});
