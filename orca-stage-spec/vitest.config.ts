import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'orca-stage-spec',
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    // A hang guard, not a speed check (speed is measured in `npm run bench`): schema compiles and the sources' 50 MB
    // answers took over the default 5 s on a busy 2-core machine.
    testTimeout: 20_000,
  },
});
