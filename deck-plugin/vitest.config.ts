import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// jsdom + React 16 + RTL 12. `@spinnaker/core` is a runtime global in Deck and cannot be installed, so tests use a
// local double (`docs/design/deck-plugin.md` §3). TZ is pinned so formatted times are deterministic.
process.env.TZ = 'UTC';

export default defineConfig({
  esbuild: { jsx: 'transform' },
  resolve: {
    alias: {
      '@spinnaker/core': fileURLToPath(new URL('./src/testing/spinnakerCoreDouble.tsx', import.meta.url)),
    },
  },
  test: {
    name: 'deck-plugin',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.{ts,mjs}', 'demo/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'build/**'],
    setupFiles: ['./src/testing/setup.ts'],
    env: { TZ: 'UTC' },
    // Rendering a whole report with recharts in jsdom takes 1–5 s on a busy 2-core machine; the default 5 s limit
    // is a hang guard, not a speed check (speed is measured in `npm run bench -- deck`).
    testTimeout: 20_000,
  },
});
