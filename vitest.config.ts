import { defineConfig } from 'vitest/config';

// One Vitest run over every package; each package may add its own project config (e.g. jsdom for the Deck plugin).
export default defineConfig({
  test: {
    projects: ['shared', 'cli', 'orca-stage-spec', 'deck-plugin', 'test'],
  },
});
