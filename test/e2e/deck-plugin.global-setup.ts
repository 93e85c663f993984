/**
 * Vitest global setup of the `test` project: builds the Deck plugin once, before any test file starts (so rollup,
 * 7–26 s on a loaded 2-core machine, never competes with the test files running in parallel nor counts against a
 * test's timeout), with the same function `npm start` uses for the demo (`ensurePluginBuilt`, the project's rollup
 * config) into a temporary folder, and hands the folder to the browser e2e as `inject('deckPluginDir')`. Skipped
 * when the run's planned files do not include the browser e2e (e.g. `vitest run --project test test/fuzz`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensurePluginBuilt } from '@canary-judge/deck-plugin/demo';

declare module 'vitest' {
  /** Values global setups hand to the test files (`inject`). */
  export interface ProvidedContext {
    /** Folder of the Deck plugin built by the global setup; '' when the setup did not build it. */
    deckPluginDir: string;
  }
}

/** The browser e2e file that needs the built plugin. */
const BROWSER_E2E = /[\\/]e2e[\\/]deck-plugin\.e2e\.test\.ts$/;

/**
 * Builds the plugin when the browser e2e is part of this run.
 * @param project the Vitest project (`test`)
 * @returns the teardown, which deletes the build folder
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // The files Vitest planned for this run (experimental state API; when it yields nothing, build to be safe).
  const planned = project.vitest.state.getPaths();
  if (planned.length > 0 && !planned.some((f) => BROWSER_E2E.test(f))) {
    project.provide('deckPluginDir', '');
    return () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cj-deck-plugin-'));
  try {
    await ensurePluginBuilt(dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  project.provide('deckPluginDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
