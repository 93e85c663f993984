import { describe, expect, it } from 'vitest';
import { DEMO_CANARY_CONFIG } from '../demo/demo-request';
import { createDemoSource, demoScenario, demoSeriesKind } from './demo';
import type { FetchRequest } from './port';
import { fetchRequest } from '../testing/source-harness';

const T = Date.parse('2024-05-01T12:00:00Z');
const latency = DEMO_CANARY_CONFIG.metrics[0]!;
const errors = DEMO_CANARY_CONFIG.metrics[1]!;

function req(over: Partial<FetchRequest> = {}): FetchRequest {
  return fetchRequest({ metric: latency, startMs: T, endMs: T + 10 * 60_000, ...over });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('demo source', () => {
  it('is deterministic: the same window gives the same points, overlapping windows agree', async () => {
    const s = createDemoSource();
    const a = await s.fetch(req());
    const b = await createDemoSource().fetch(req());
    expect(b).toEqual(a);
    expect(a.timestamps).toHaveLength(11);
    const shifted = await s.fetch(req({ startMs: T + 5 * 60_000, endMs: T + 15 * 60_000 }));
    expect(shifted.values.slice(0, 6)).toEqual(a.values.slice(5));
  });

  it('draws baseline and canary differently but from the same distribution when healthy', async () => {
    const s = createDemoSource();
    const long = { startMs: T, endMs: T + 6 * 3600_000 };
    const c = await s.fetch(req({ side: 'control', ...long }));
    const x = await s.fetch(req({ side: 'experiment', ...long }));
    expect(c.values).not.toEqual(x.values);
    expect(Math.abs(mean(c.values) - mean(x.values))).toBeLessThan(2);
  });

  it('latency-regression raises canary latency by about 40 %', async () => {
    const s = createDemoSource();
    const scopes = { controlScope: 'base', experimentScope: 'canary-latency-regression' };
    const c = await s.fetch(req({ side: 'control', scopes }));
    const x = await s.fetch(req({ side: 'experiment', scopes }));
    expect(mean(x.values) / mean(c.values)).toBeGreaterThan(1.25);
  });

  it('error-burst: sparse 0/1 counter on the baseline, bursts on the canary', async () => {
    const s = createDemoSource();
    const scopes = { controlScope: 'base', experimentScope: 'canary-error-burst' };
    const c = await s.fetch(req({ metric: errors, side: 'control', scopes, endMs: T + 60 * 60_000 }));
    const x = await s.fetch(req({ metric: errors, side: 'experiment', scopes, endMs: T + 60 * 60_000 }));
    expect(new Set(c.values).size).toBeLessThanOrEqual(2);
    expect(c.values.every((v) => v === 0 || v === 1)).toBe(true);
    expect(Math.max(...x.values)).toBeGreaterThanOrEqual(5);
  });

  it('missing-data: the canary side has no points, the baseline has', async () => {
    const s = createDemoSource();
    const scopes = { controlScope: 'base', experimentScope: 'canary-missing-data' };
    expect((await s.fetch(req({ side: 'experiment', scopes }))).values).toEqual([]);
    expect((await s.fetch(req({ side: 'control', scopes }))).values.length).toBe(11);
  });

  it('chooses the scenario from the query first, then the scopes, and rejects unknown names', () => {
    const scopes = { controlScope: 'a', experimentScope: 'b-error-burst' };
    expect(demoScenario({ metric: latency, scopes })).toBe('error-burst');
    expect(demoScenario({ metric: { ...latency, query: { scenario: 'healthy' } }, scopes })).toBe('healthy');
    expect(() => demoScenario({ metric: { ...latency, query: { scenario: 'meteor' } }, scopes })).toThrow(
      /unknown demo scenario "meteor"/,
    );
    expect(demoSeriesKind({ metric: { name: 'cpu-usage', groups: [] } })).toBe('cpu');
    expect(() => createDemoSource().check({ ...latency, query: { series: 'disk' } })).toThrow(/unknown demo series/);
  });
});
