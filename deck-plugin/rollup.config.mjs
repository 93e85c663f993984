// Rollup build of the Deck plugin: one ES module `build/dist/index.js` (what Deck `import()`s) plus lazily loaded
// chunks (recharts and the report view), reproducing the Spinnaker plugin SDK's conventions without depending on it
// (`docs/design/deck-plugin.md` §2): node-resolve → commonjs → replace NODE_ENV → esbuild (classic JSX) → terser →
// external-globals last, mapping only the shared libraries the plugin imports to Deck's globals.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import externalGlobals from 'rollup-plugin-external-globals';

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * axios' package `exports` send bundlers to its Node build (http, crypto, …) and node-resolve does not apply its
 * `browser` map to axios' internal imports; point `axios` at its self-contained browser ESM build instead.
 */
function axiosBrowserBuild() {
  const file = join(dirname(require.resolve('axios/package.json')), 'dist/esm/axios.js');
  return { name: 'axios-browser-build', resolveId: (id) => (id === 'axios' ? file : null) };
}

/** Deck's global for a shared library: `spinnaker.plugins.sharedLibraries.` + the name with non-word chars → `_`. */
export function sharedLibraryGlobal(name) {
  return `spinnaker.plugins.sharedLibraries.${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** The shared libraries this plugin imports (a subset of Deck's "safe" list, `docs/design/deck-plugin.md` §4 item 2). */
export const SHARED_LIBRARIES = ['react', 'react-dom', 'prop-types', '@spinnaker/core'];

/** Maps each library (and the commonjs plugin's proxy ids for it) to its global. */
export function globalsMap() {
  const map = {};
  for (const name of SHARED_LIBRARIES) {
    const g = sharedLibraryGlobal(name);
    for (const id of [
      name,
      `${name}?commonjs-proxy`,
      `\0${name}?commonjs-proxy`,
      `${name}?commonjs-require`,
      `\0${name}?commonjs-require`,
      `\0${name}?commonjs-external`,
    ]) {
      map[id] = g;
    }
  }
  return map;
}

/** The rollup options; `minify` false keeps the output readable. */
export function createConfig({ minify = true, outDir = `${here}build/dist` } = {}) {
  return {
    input: `${here}src/index.ts`,
    output: {
      dir: outDir,
      format: 'es',
      sourcemap: true,
      entryFileNames: 'index.js',
      // `.js`, never `.mjs`: Gate serves only `.js` as JavaScript (`docs/design/deck-plugin.md` §4 item 4).
      chunkFileNames: '[name]-[hash].js',
    },
    external: SHARED_LIBRARIES,
    plugins: [
      axiosBrowserBuild(),
      nodeResolve({
        browser: true,
        exportConditions: ['development', 'browser', 'module', 'import', 'default'],
        extensions: ['.mjs', '.js', '.json', '.ts', '.tsx'],
      }),
      commonjs(),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      esbuild({ target: 'es2020', jsx: 'transform', tsconfig: `${here}tsconfig.json`, exclude: /node_modules/ }),
      ...(minify ? [terser()] : []),
      externalGlobals(globalsMap()),
    ],
    onwarn(warning, warn) {
      // recharts/d3 have known circular imports; they are harmless and noisy.
      if (warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  };
}

export default createConfig();
