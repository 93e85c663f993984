/**
 * Packaging of a plugin release, as Spinnaker's Gradle bundler lays it out (`docs/design/deck-plugin.md` §2.2):
 * `deck.zip` with `build/dist/*` at its root, the bundle `<name>-<version>.zip` holding `deck.zip` (no `orca.zip`: Orca
 * runs the stage as its plain webhook stage), its SHA-512, `plugin-info.json` and a `plugins.json` repository entry.
 * Zips are deterministic (sorted entries, fixed timestamps), so the same build gives the same checksum.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** Plugin id pattern `{namespace}.{name}` (kork's CanonicalPluginId, roughly). */
export const PLUGIN_ID = /^[\w-]+(\.[\w-]+)*\.[\w-]+$/;

/** Release version: plain semver without a leading `v` (the update manager fails on `v1.0.0`). */
export const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** What a release needs. */
export interface ReleaseOptions {
  /** Folder with the built plugin (`build/dist`); must contain `index.js`. */
  distDir: string;
  /** Output folder (created). */
  outDir: string;
  /** `Namespace.Name`. */
  id: string;
  /** Semver; a leading `v` is stripped. */
  version: string;
  description: string;
  provider: string;
  /** ISO instant of the release. */
  date: string;
  /** Base URL where the bundle zip will be published (plugins.json `url` = base + '/' + zip name). */
  downloadBaseUrl: string;
  /** File name stem of the bundle, default `canary-judge`. */
  bundleName?: string;
  /** `requires` of the release, e.g. `deck>=3.16.0` (default {@link REQUIRES}). */
  requires?: string;
  /** An existing plugins.json to add this release to (newest first). */
  existingPluginsJson?: unknown;
}

/** The files a release writes and the values in them. */
export interface ReleaseResult {
  deckZip: string;
  bundleZip: string;
  sha512sum: string;
  pluginInfo: PluginInfo;
  pluginsJson: PluginRepositoryEntry[];
}

/** One release inside plugin-info.json. */
export interface PluginInfoRelease {
  version: string;
  date: string;
  requires: string;
  sha512sum: string;
  preferred: boolean;
  compatibility: unknown[];
}

/** plugin-info.json (no `url`: the publisher adds it in plugins.json). */
export interface PluginInfo {
  id: string;
  description: string;
  provider: string;
  releases: PluginInfoRelease[];
}

/** One plugin in a plugins.json repository. */
export interface PluginRepositoryEntry {
  id: string;
  description: string;
  provider: string;
  releases: Array<{
    version: string;
    date: string;
    requires: string;
    sha512sum: string;
    state: string;
    url: string;
    preferred: boolean;
  }>;
}

/**
 * Default `requires` when the caller gives none: Deck only, `>=0.0.0` (Gate only checks that "deck" appears; see
 * kork's `SpinnakerUpdateManager.getLastPluginRelease`). Releases take the range from the root `plugin-info.json`.
 */
export const REQUIRES = 'deck>=0.0.0';

/** The plugin's identity as kept in the repository's root `plugin-info.json` (the release script's one source). */
export interface PluginMetadata {
  /** `Namespace.Name` (kork's plugin id). */
  id: string;
  /** File name stem of the release bundle (`<name>-<version>.zip`). */
  name: string;
  description: string;
  /** URL of the plugin's provider (its repository). */
  provider: string;
  /** Service → semver range, e.g. `{deck: ">=3.16.0"}`; written as `deck>=3.16.0` in `requires`. */
  requires: Record<string, string>;
}

/**
 * `requires` as Spinnaker writes it: comma-separated `<service><range>`, services in name order.
 * @param requires service → range
 */
export function requiresString(requires: Record<string, string>): string {
  return Object.keys(requires)
    .sort()
    .map((service) => `${service}${requires[service]}`)
    .join(',');
}

/**
 * Reads and checks the root `plugin-info.json`.
 * @param file its path
 * @throws Error `plugin-info.json: <field>: <rule>` for a missing or malformed field
 */
export function readPluginMetadata(file: string): PluginMetadata {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const text = (field: string): string => {
    const v = raw[field];
    if (typeof v !== 'string' || v.trim() === '')
      throw new Error(`plugin-info.json: ${field}: must be a non-empty string`);
    return v;
  };
  const id = text('id');
  if (!PLUGIN_ID.test(id))
    throw new Error(`plugin-info.json: id: must look like Namespace.Name (got ${JSON.stringify(id)})`);
  const provider = text('provider');
  if (!/^https:\/\/\S+$/.test(provider)) throw new Error('plugin-info.json: provider: must be an https:// URL');
  const requires = raw['requires'];
  if (!requires || typeof requires !== 'object' || Array.isArray(requires)) {
    throw new Error('plugin-info.json: requires: must map each service to a range, e.g. {"deck": ">=3.16.0"}');
  }
  for (const [service, range] of Object.entries(requires)) {
    // kork's VersionRequirementsParser (kork-plugins) reads `<service><operator><major.minor.patch>` with the
    // operators >, <, >= and <= only: a bare version or `=` makes every release of the plugin unloadable.
    if (!/^[a-z]+$/.test(service) || typeof range !== 'string' || !/^(>=|<=|>|<)\d+\.\d+\.\d+$/.test(range)) {
      throw new Error(
        `plugin-info.json: requires.${service}: must be one of the operators >=, >, <=, < and a version, like ">=3.16.0"`,
      );
    }
  }
  if (!('deck' in requires))
    throw new Error('plugin-info.json: requires.deck: is required (Gate serves releases that name deck)');
  return {
    id,
    name: text('name'),
    description: text('description'),
    provider,
    requires: requires as Record<string, string>,
  };
}

/** Fixed zip timestamp (1980-01-01, the zip epoch) so checksums are reproducible. */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** A deterministic zip of `files` (name → bytes), entries in name order. */
export function deterministicZip(files: Record<string, Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const name of Object.keys(files).sort()) z[name] = [files[name] as Uint8Array, { mtime: ZIP_MTIME, level: 9 }];
  return zipSync(z);
}

/** SHA-512 hex of bytes. */
export function sha512(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('hex');
}

/**
 * Validates the options.
 * @throws Error `<field>: <rule>` for a bad id, version, date or an unbuilt dist folder
 */
export function checkOptions(o: ReleaseOptions): ReleaseOptions & { version: string } {
  const version = o.version.replace(/^v/, '');
  if (!PLUGIN_ID.test(o.id)) throw new Error(`id: must look like Namespace.Name (got ${JSON.stringify(o.id)})`);
  if (!SEMVER.test(version)) throw new Error(`version: must be semver like 1.2.3 (got ${JSON.stringify(o.version)})`);
  if (Number.isNaN(Date.parse(o.date)) || !o.date.endsWith('Z'))
    throw new Error(`date: must be an ISO-8601 UTC instant (got ${JSON.stringify(o.date)})`);
  if (!/^https?:\/\//.test(o.downloadBaseUrl))
    throw new Error(`downloadBaseUrl: must be an http(s) URL (got ${JSON.stringify(o.downloadBaseUrl)})`);
  let hasIndex = false;
  try {
    hasIndex = statSync(join(o.distDir, 'index.js')).isFile();
  } catch {
    hasIndex = false;
  }
  if (!hasIndex)
    throw new Error(`distDir: ${o.distDir}/index.js is missing (build the plugin first: npm run build -w deck-plugin)`);
  return { ...o, version };
}

/** Adds `entry`'s release to a plugins.json array: newest first, replacing a release with the same version. */
export function mergePluginsJson(existing: unknown, entry: PluginRepositoryEntry): PluginRepositoryEntry[] {
  const list = Array.isArray(existing) ? (existing as PluginRepositoryEntry[]) : [];
  const others = list.filter((p) => p.id !== entry.id);
  const prev = list.find((p) => p.id === entry.id);
  const release = entry.releases[0];
  const releases = [release, ...(prev?.releases ?? []).filter((r) => r.version !== release?.version)].filter(
    (r): r is PluginRepositoryEntry['releases'][number] => r !== undefined,
  );
  releases.sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  return [...others, { ...entry, releases }];
}

/** Builds deck.zip, the bundle zip, plugin-info.json and plugins.json in `outDir`. */
export function packageRelease(options: ReleaseOptions): ReleaseResult {
  const o = checkOptions(options);
  mkdirSync(o.outDir, { recursive: true });
  const distFiles: Record<string, Uint8Array> = {};
  for (const name of readdirSync(o.distDir)) {
    const p = join(o.distDir, name);
    if (statSync(p).isFile()) distFiles[name] = readFileSync(p);
  }
  const deck = deterministicZip(distFiles);
  const deckZip = join(o.outDir, 'deck.zip');
  writeFileSync(deckZip, deck);
  const zipName = `${o.bundleName ?? 'canary-judge'}-${o.version}.zip`;
  const bundle = deterministicZip({ 'deck.zip': deck });
  const bundleZip = join(o.outDir, zipName);
  writeFileSync(bundleZip, bundle);
  const sha512sum = sha512(bundle);
  // plugin-info.json and the plugins.json entry describe the same plugin and release; they differ only in the
  // release's extra fields (spread first, so the keys keep their order in the written JSON).
  const plugin = { id: o.id, description: o.description, provider: o.provider };
  const release = { version: o.version, date: o.date, requires: o.requires ?? REQUIRES, sha512sum };
  const pluginInfo: PluginInfo = { ...plugin, releases: [{ ...release, preferred: false, compatibility: [] }] };
  writeFileSync(join(o.outDir, 'plugin-info.json'), `${JSON.stringify(pluginInfo, null, 2)}\n`);
  const url = `${o.downloadBaseUrl.replace(/\/+$/, '')}/${zipName}`;
  const entry: PluginRepositoryEntry = {
    ...plugin,
    releases: [{ ...release, state: 'RELEASE', url, preferred: false }],
  };
  const pluginsJson = mergePluginsJson(o.existingPluginsJson, entry);
  writeFileSync(join(o.outDir, 'plugins.json'), `${JSON.stringify(pluginsJson, null, 2)}\n`);
  return { deckZip, bundleZip, sha512sum, pluginInfo, pluginsJson };
}
