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
    // These tests time real processes over loopback on a shared 2-core machine (a live judgment's windows, a replica's
    // lease, a worker's queue): one retry of a failed test absorbs a scheduling hiccup; a real fault fails twice.
    retry: 1,
    // Builds the Deck plugin once before any test file starts, when the browser e2e is part of the run.
    globalSetup: ['./e2e/deck-plugin.global-setup.ts'],
  },
});
