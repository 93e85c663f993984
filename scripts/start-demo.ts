/**
 * `npm start`: the README's one-command demo. Builds the Deck plugin once if `deck-plugin/build/dist` is missing (in
 * a child process, with the plugin's rollup config), then runs the judge service (`main` of
 * `@canary-judge/orca-stage-spec`) with the plugin's demo page added at `/demo/`. This launcher is the only place
 * where the service and the plugin meet: the service never imports the plugin and never runs a bundler.
 * Arguments are the service's (`npm start -- --help`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { main } from '@canary-judge/orca-stage-spec';
import { DEFAULT_PLUGIN_DIR, registerDeckDemo } from '@canary-judge/deck-plugin/demo';

const require = createRequire(import.meta.url);

/**
 * Builds the plugin with `rollup -c` in `deck-plugin/` unless `index.js` is already built.
 * @returns false when the build failed (the demo page then says the plugin is not built)
 */
function buildPluginOnce(): boolean {
  if (existsSync(join(DEFAULT_PLUGIN_DIR, 'index.js'))) return true;
  process.stdout.write('Building the Deck plugin for the demo page (first start only)…\n');
  const rollup = require.resolve('rollup/dist/bin/rollup');
  const run = spawnSync(process.execPath, [rollup, '-c', 'rollup.config.mjs', '--silent'], {
    cwd: join(DEFAULT_PLUGIN_DIR, '..', '..'),
    stdio: 'inherit',
  });
  return run.status === 0;
}

const wantsHelp = process.argv.slice(2).some((a) => a === '--help' || a === '-h');
if (!wantsHelp && !buildPluginOnce()) process.stderr.write('warning: the Deck plugin build failed; /demo/ is off\n');
process.exitCode = await main(process.argv.slice(2), process.env, {
  beforeListen: (svc) => registerDeckDemo(svc.app, { buildOnDemand: false }),
  bannerLines: ['  Deck plugin demo: {base}/demo/'],
});
