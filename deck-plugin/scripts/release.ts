/**
 * `npm run release -w deck-plugin -- [--version 1.2.3] [--id Namespace.Name] [--provider URL]
 * [--download-base-url URL] [--plugins-json existing.json] [--skip-build]`: builds the plugin (unless
 * --skip-build) and writes deck.zip, the bundle zip, plugin-info.json and plugins.json to build/distributions/.
 * Id, name, description, provider and the `requires` ranges come from the repository's root `plugin-info.json` (the
 * one source of the plugin's identity); the options override them for one release.
 * Exit codes: 0 done, 2 bad arguments (message names the option and the rule), 1 build failure.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { packageRelease, readPluginMetadata, requiresString } from './releaseLib';

const HERE = fileURLToPath(new URL('..', import.meta.url));

function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) throw new Error(`${a}: unexpected argument (options start with --)`);
    const key = a.slice(2);
    if (key === 'skip-build') out[key] = true;
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`--${key}: needs a value`);
      out[key] = v;
      i++;
    }
  }
  return out;
}

async function build(): Promise<void> {
  const { createConfig } = await import('../rollup.config.mjs');
  const config = createConfig();
  rmSync(`${HERE}build/dist`, { recursive: true, force: true });
  const bundle = await rollup(config);
  await bundle.write(config.output);
  await bundle.close();
}

async function run(): Promise<number> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const pkg = JSON.parse(readFileSync(`${HERE}package.json`, 'utf8')) as { version: string };
  let meta;
  try {
    meta = readPluginMetadata(`${HERE}../plugin-info.json`);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const str = (k: string, d: string): string => (typeof args[k] === 'string' ? (args[k] as string) : d);
  if (args['skip-build'] !== true) {
    try {
      await build();
    } catch (e) {
      process.stderr.write(`build failed: ${(e as Error).message}\n`);
      return 1;
    }
  }
  try {
    const existing =
      typeof args['plugins-json'] === 'string'
        ? (JSON.parse(readFileSync(args['plugins-json'], 'utf8')) as unknown)
        : undefined;
    const version = str('version', pkg.version);
    const r = packageRelease({
      distDir: `${HERE}build/dist`,
      outDir: `${HERE}build/distributions`,
      id: str('id', meta.id),
      version,
      description: meta.description,
      provider: str('provider', meta.provider),
      requires: requiresString(meta.requires),
      bundleName: meta.name,
      date: str('date', new Date().toISOString()),
      downloadBaseUrl: str(
        'download-base-url',
        `${str('provider', meta.provider).replace(/\/+$/, '')}/releases/download/v${version.replace(/^v/, '')}`,
      ),
      existingPluginsJson: existing,
    });
    process.stdout.write(`deck.zip: ${r.deckZip}\nbundle: ${r.bundleZip}\nsha512: ${r.sha512sum}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
}

process.exitCode = await run();
