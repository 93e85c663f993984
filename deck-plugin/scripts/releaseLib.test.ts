// @vitest-environment node
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mergePluginsJson,
  packageRelease,
  PLUGIN_ID,
  readPluginMetadata,
  requiresString,
  sha512,
  type ReleaseOptions,
} from './releaseLib';

let dir = '';
let opts: ReleaseOptions;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cj-release-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.js'), 'export{p as plugin}from"./index-abc.js";');
  writeFileSync(join(dist, 'index-abc.js'), 'export const p={stages:[]};');
  writeFileSync(join(dist, 'index-abc.js.map'), '{}');
  opts = {
    distDir: dist,
    outDir: join(dir, 'out'),
    id: 'Acme.CanaryJudge',
    version: 'v1.2.3',
    description: 'Canary Judge stage',
    provider: 'https://github.com/acme',
    date: '2026-09-01T12:00:00Z',
    downloadBaseUrl: 'https://example.com/releases/v1.2.3/',
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('packageRelease', () => {
  it('zips build/dist at the root of deck.zip, inside the bundle, with its sha512 in plugin-info.json', () => {
    const r = packageRelease(opts);
    const deck = unzipSync(readFileSync(r.deckZip));
    expect(Object.keys(deck).sort()).toEqual(['index-abc.js', 'index-abc.js.map', 'index.js']);
    expect(new TextDecoder().decode(deck['index.js'])).toContain('as plugin');
    const bundle = unzipSync(readFileSync(r.bundleZip));
    expect(Object.keys(bundle)).toEqual(['deck.zip']);
    expect(r.bundleZip.endsWith('canary-judge-1.2.3.zip')).toBe(true);
    expect(r.sha512sum).toBe(sha512(readFileSync(r.bundleZip)));
    expect(r.sha512sum).toMatch(/^[0-9a-f]{128}$/);
    const info = JSON.parse(readFileSync(join(opts.outDir, 'plugin-info.json'), 'utf8'));
    expect(info).toEqual({
      id: 'Acme.CanaryJudge',
      description: 'Canary Judge stage',
      provider: 'https://github.com/acme',
      releases: [
        {
          version: '1.2.3',
          date: '2026-09-01T12:00:00Z',
          requires: 'deck>=0.0.0',
          sha512sum: r.sha512sum,
          preferred: false,
          compatibility: [],
        },
      ],
    });
    const repo = JSON.parse(readFileSync(join(opts.outDir, 'plugins.json'), 'utf8'));
    expect(repo[0].releases[0]).toMatchObject({
      version: '1.2.3',
      state: 'RELEASE',
      url: 'https://example.com/releases/v1.2.3/canary-judge-1.2.3.zip',
    });
  });

  it('is reproducible: the same files give the same checksum', () => {
    const a = packageRelease(opts).sha512sum;
    const b = packageRelease({ ...opts, outDir: join(dir, 'out2') }).sha512sum;
    expect(b).toBe(a);
  });

  it.each<[string, Partial<ReleaseOptions>, string]>([
    ['a bad id', { id: 'CanaryJudge' }, 'id: must look like Namespace.Name (got "CanaryJudge")'],
    ['a bad version', { version: '1.2' }, 'version: must be semver like 1.2.3 (got "1.2")'],
    ['a local date', { date: '2026-09-01T12:00:00' }, 'date: must be an ISO-8601 UTC instant'],
    ['an unbuilt plugin', { distDir: '/nonexistent' }, 'distDir: /nonexistent/index.js is missing'],
  ])('rejects %s naming the field', (_l, patch, message) => {
    expect(() => packageRelease({ ...opts, ...patch })).toThrow(message);
  });
});

describe('mergePluginsJson', () => {
  const rel = (version: string, date: string) => ({
    version,
    date,
    requires: 'deck>=0.0.0',
    sha512sum: 'x',
    state: 'RELEASE',
    url: 'u',
    preferred: false,
  });
  it('puts the newest release first, replaces a re-released version and keeps other plugins', () => {
    const existing = [
      { id: 'Other.Plugin', description: '', provider: '', releases: [rel('9.0.0', '2020-01-01T00:00:00Z')] },
      {
        id: 'Acme.CanaryJudge',
        description: 'old',
        provider: 'p',
        releases: [rel('1.0.0', '2026-01-01T00:00:00Z'), rel('1.1.0', '2026-02-01T00:00:00Z')],
      },
    ];
    const merged = mergePluginsJson(existing, {
      id: 'Acme.CanaryJudge',
      description: 'new',
      provider: 'p',
      releases: [rel('1.1.0', '2026-03-01T00:00:00Z')],
    });
    expect(merged.map((p) => p.id)).toEqual(['Other.Plugin', 'Acme.CanaryJudge']);
    expect(merged[1]!.releases.map((r) => `${r.version}@${r.date.slice(0, 7)}`)).toEqual([
      '1.1.0@2026-03',
      '1.0.0@2026-01',
    ]);
    expect(merged[1]!.description).toBe('new');
  });
});

describe('root plugin-info.json (the one source of the plugin identity)', () => {
  const root = fileURLToPath(new URL('../../plugin-info.json', import.meta.url));

  it('holds real defaults: id, name, description, provider and the Deck range, no placeholders', () => {
    const meta = readPluginMetadata(root);
    expect(meta.id).toMatch(PLUGIN_ID);
    expect(JSON.stringify(meta)).not.toMatch(/acme|example\.com|0\.0\.0/i);
    expect(requiresString(meta.requires)).toBe('deck>=3.16.0');
    expect(meta.provider).toMatch(/^https:\/\//);
  });

  it('is what a release writes into plugin-info.json and plugins.json', () => {
    const meta = readPluginMetadata(root);
    const out = join(dir, 'from-meta');
    const r = packageRelease({
      distDir: join(dir, 'dist'),
      outDir: out,
      id: meta.id,
      version: '2.0.0',
      description: meta.description,
      provider: meta.provider,
      requires: requiresString(meta.requires),
      bundleName: meta.name,
      date: '2026-09-01T12:00:00Z',
      downloadBaseUrl: `${meta.provider}/releases/download/v2.0.0`,
    });
    expect(r.pluginInfo).toMatchObject({ id: meta.id, description: meta.description, provider: meta.provider });
    expect(r.pluginInfo.releases[0]?.requires).toBe('deck>=3.16.0');
    expect(r.pluginsJson[0]?.releases[0]?.url).toBe(`${meta.provider}/releases/download/v2.0.0/${meta.name}-2.0.0.zip`);
  });

  it('refuses a malformed file, naming the field', () => {
    const bad = join(dir, 'bad-info.json');
    const write = (o: unknown) => writeFileSync(bad, JSON.stringify(o));
    const ok = { id: 'A.B', name: 'n', description: 'd', provider: 'https://x.test', requires: { deck: '>=1.0.0' } };
    write({ ...ok, id: 'nodot' });
    expect(() => readPluginMetadata(bad)).toThrow(/^plugin-info\.json: id: /);
    write({ ...ok, provider: 'http://x' });
    expect(() => readPluginMetadata(bad)).toThrow(/provider: must be an https:\/\/ URL/);
    write({ ...ok, requires: { orca: '>=0.0.0' } });
    expect(() => readPluginMetadata(bad)).toThrow(/requires\.deck: is required/);
    // kork's VersionRequirementsParser knows >, <, >= and <= only, and a whole major.minor.patch.
    for (const range of ['latest', '=3.16.0', '3.16.0', '>=3.16', '>=3.16.0-rc1', '^3.16.0']) {
      write({ ...ok, requires: { deck: range } });
      expect(() => readPluginMetadata(bad), range).toThrow(/requires\.deck: must be one of the operators >=, >, <=, </);
    }
    for (const range of ['>=3.16.0', '>3.16.0', '<=4.0.0', '<4.0.0']) {
      write({ ...ok, requires: { deck: range } });
      expect(readPluginMetadata(bad).requires, range).toEqual({ deck: range });
    }
    write(ok);
    expect(readPluginMetadata(bad)).toEqual(ok);
  });
});
