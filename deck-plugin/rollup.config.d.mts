// Types of rollup.config.mjs, for TypeScript callers (the e2e test builds the plugin through createConfig).
import type { OutputOptions, RollupOptions } from 'rollup';

/** Deck's global for a shared library name. */
export function sharedLibraryGlobal(name: string): string;
/** The shared libraries mapped to Deck's globals. */
export const SHARED_LIBRARIES: string[];
/** Library id (and commonjs proxy ids) → global expression. */
export function globalsMap(): Record<string, string>;
/** The rollup options; `minify` defaults to true, `outDir` to `build/dist`. */
export function createConfig(options?: {
  minify?: boolean;
  outDir?: string;
}): RollupOptions & { output: OutputOptions };
declare const config: RollupOptions & { output: OutputOptions };
export default config;
