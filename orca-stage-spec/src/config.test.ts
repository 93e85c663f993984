import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULTS, loadConfig } from './config';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cj-config-'));
  dirs.push(dir);
  const path = join(dir, 'judge.json');
  writeFileSync(path, content);
  return path;
}

describe('loadConfig', () => {
  it('defaults to loopback 127.0.0.1:8095, the demo source and a public base URL from HOST/PORT', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8095, publicBaseUrl: 'http://127.0.0.1:8095', clockSpeed: 1 });
    expect(Object.keys(c.metricSources)).toEqual(['demo']);
    expect(c.scheduler).toEqual(DEFAULTS.scheduler);
  });

  it('reads the config file and lets the environment win', () => {
    const path = file(
      JSON.stringify({
        port: 9000,
        publicBaseUrl: 'https://judge.example.com/',
        scheduler: { tickMs: 100 },
        metricSources: { prometheus: { type: 'prometheus', baseUrl: 'http://127.0.0.1:9090', timeoutMs: 5000 } },
      }),
    );
    const c = loadConfig({ CANARY_JUDGE_CONFIG: path, PORT: '9001', CANARY_JUDGE_CLOCK_SPEED: '60' });
    expect(c.port).toBe(9001);
    expect(c.publicBaseUrl).toBe('https://judge.example.com');
    expect(c.clockSpeed).toBe(60);
    expect(c.scheduler.tickMs).toBe(100);
    expect(c.scheduler.leaseSeconds).toBe(DEFAULTS.scheduler.leaseSeconds);
    expect(c.metricSources['prometheus']).toEqual({
      type: 'prometheus',
      baseUrl: 'http://127.0.0.1:9090',
      timeoutMs: 5000,
    });
    expect(c.metricSources['demo']).toEqual({ type: 'demo' });
  });

  it('CANARY_JUDGE_PROMETHEUS_URL configures the prometheus source; null removes the demo source', () => {
    const path = file(JSON.stringify({ metricSources: { demo: null } }));
    const c = loadConfig({ CANARY_JUDGE_CONFIG: path, CANARY_JUDGE_PROMETHEUS_URL: 'http://127.0.0.1:9091' });
    expect(c.metricSources).toEqual({ prometheus: { type: 'prometheus', baseUrl: 'http://127.0.0.1:9091' } });
  });

  it('parses CORS origins', () => {
    expect(
      loadConfig({ CANARY_JUDGE_CORS_ORIGINS: 'https://deck.example.com/, http://127.0.0.1:9000' }).corsOrigins,
    ).toEqual(['https://deck.example.com', 'http://127.0.0.1:9000']);
  });

  it.each([
    [{ PORT: '70000' }, /^PORT: must be an integer 0–65535/],
    [{ CANARY_JUDGE_CLOCK_SPEED: '0' }, /^CANARY_JUDGE_CLOCK_SPEED: must be a number > 0/],
    [{ PUBLIC_BASE_URL: 'judge.example.com' }, /^PUBLIC_BASE_URL: must be an absolute http\(s\) URL/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: must be one of/],
    [{ CANARY_JUDGE_PROMETHEUS_URL: 'ftp://x' }, /^CANARY_JUDGE_PROMETHEUS_URL: must be an http\(s\) URL/],
    [{ CANARY_JUDGE_CORS_ORIGINS: 'https://deck.example.com/path' }, /^CANARY_JUDGE_CORS_ORIGINS: .* is not an origin/],
  ])('refuses %o naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses a bad config file naming the file and the field', () => {
    expect(() => loadConfig({ CANARY_JUDGE_CONFIG: file('{"port": ') })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ CANARY_JUDGE_CONFIG: file('{"scheduler": {"tickMs": 1}}') })).toThrow(
      /judge\.json:scheduler\.tickMs: must be >= 10/,
    );
    expect(() => loadConfig({ CANARY_JUDGE_CONFIG: file('{"colour": "blue"}') })).toThrow(/judge\.json:colour:/);
    expect(() =>
      loadConfig({ CANARY_JUDGE_CONFIG: file('{"metricSources": {"prom": {"type": "prometheus"}}}') }),
    ).toThrow(/metricSources\.prom/);
  });
});

/** The `http.*` defaults in the settings table of `docs/operator-guide.md` (rows `| \`http.name\` | 10000 | …`). */
function documentedHttpDefaults(): Record<string, number> {
  const guide = readFileSync(new URL('../docs/operator-guide.md', import.meta.url), 'utf8');
  return Object.fromEntries([...guide.matchAll(/^\| `http\.(\w+)` \| (\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
}

describe('timeouts, limits and worker threads (http, workers)', () => {
  it('default to bounded timeouts and limits, and merge partial settings from the file', () => {
    const d = loadConfig({});
    // The defaults are the ones the operator guide documents (all eight settings, the values in its table).
    expect(d.http).toEqual(documentedHttpDefaults());
    expect(Object.keys(d.http)).toHaveLength(8);
    expect(d.workers.threads).toBeGreaterThanOrEqual(1);
    expect(d.workers.maxQueue).toBe(4);
    const c = loadConfig({
      CANARY_JUDGE_CONFIG: file(JSON.stringify({ http: { requestTimeoutMs: 5000 }, workers: { threads: 0 } })),
    });
    expect(c.http).toEqual({ ...d.http, requestTimeoutMs: 5000 });
    expect(c.workers).toEqual({ threads: 0, maxQueue: 4 });
  });

  it('refuses unknown or out-of-range settings, naming them', () => {
    const bad = (content: object) => () => loadConfig({ CANARY_JUDGE_CONFIG: file(JSON.stringify(content)) });
    expect(bad({ http: { requestTimeoutMs: -1 } })).toThrow(/http\.requestTimeoutMs: must be >= 0/);
    expect(bad({ http: { bodyTimeout: 5 } })).toThrow(/http\.bodyTimeout/);
    expect(bad({ workers: { threads: 1.5 } })).toThrow(/workers\.threads/);
  });
});
