import { describe, expect, it } from 'vitest';
import { judge } from '@canary-judge/shared';
import { demoRequest } from '../demo/demo-request';
import type { MetricSource } from '../sources/port';
import type { PlannedInterval } from '../store/port';
import { evaluateInterval, mapLimit, pairByTags, seriesKey } from './evaluate';

describe('mapLimit', () => {
  it('keeps the input order and never runs more than `limit` calls at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('rejects with the first failure, and handles an empty list', async () => {
    await expect(
      mapLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('boom 2');
        return n;
      }),
    ).rejects.toThrow('boom 2');
    expect(await mapLimit([], 4, async (n: number) => n)).toEqual([]);
  });
});

describe('pairByTags (Kayenta MetricSetMixerService pairing)', () => {
  const s = (tags: Record<string, string>, v: number) => ({ timestamps: [1], values: [v], tags });

  it('pairs control and canary series with equal tags (key order does not matter), missing sides empty', () => {
    const pairs = pairByTags(
      [s({ region: 'eu', az: 'a' }, 1), s({ region: 'us' }, 2)],
      [s({ region: 'us' }, 3), s({ az: 'a', region: 'eu' }, 4), s({ region: 'ap' }, 5)],
    );
    expect(pairs.map((p) => [p.tags, p.control.values, p.experiment.values])).toEqual([
      [{ region: 'eu', az: 'a' }, [1], [4]],
      [{ region: 'us' }, [2], [3]],
      [{ region: 'ap' }, [], [5]],
    ]);
  });

  it('drops labels holding a side’s own scope or location, and pairs one series a side whatever its labels', () => {
    const sides = { control: ['checkout-baseline', 'eu'], experiment: ['checkout-canary', 'eu'] };
    const pairs = pairByTags(
      [s({ deployment: 'checkout-baseline', code: '500' }, 1), s({ deployment: 'checkout-baseline', code: '200' }, 2)],
      [s({ deployment: 'checkout-canary', code: '200' }, 3), s({ code: '500', deployment: 'checkout-canary' }, 4)],
      sides,
    );
    expect(pairs.map((p) => [p.tags, p.control.values, p.experiment.values])).toEqual([
      [{ code: '500' }, [1], [4]],
      [{ code: '200' }, [2], [3]],
    ]);
    const single = pairByTags([s({ deployment: 'a', job: 'x' }, 1)], [s({ deployment: 'b', job: 'y' }, 2)], sides);
    expect(single.map((p) => [p.tags, p.control.values, p.experiment.values])).toEqual([[{}, [1], [2]]]);
    const agreeing = pairByTags([s({ field: 'mean' }, 1)], [s({ field: 'mean' }, 2)], sides);
    expect(agreeing.map((p) => p.tags)).toEqual([{ field: 'mean' }]);
  });

  it('answers one untagged pair of empty series when both sides are empty (no data)', () => {
    expect(pairByTags([], [])).toEqual([
      {
        tags: {},
        control: { timestamps: [], values: [], tags: {} },
        experiment: { timestamps: [], values: [], tags: {} },
      },
    ]);
  });

  it('keys report series by metric name, plus the tags when there are any', () => {
    expect(seriesKey('latency', {})).toBe('latency');
    expect(seriesKey('latency', { region: 'eu', az: 'a' })).toBe('latency{az="a",region="eu"}');
  });
});

describe('evaluateInterval with several series per query', () => {
  const interval: PlannedInterval = {
    index: 1,
    dueMs: 0,
    controlStartMs: 0,
    controlEndMs: 60_000,
    experimentStartMs: 0,
    experimentEndMs: 60_000,
  };

  it('judges one metric-set pair per tag set, each carrying its tags, like Kayenta', async () => {
    const points = (base: number) => Array.from({ length: 20 }, (_, i) => base + (i % 5) * 0.01);
    const source: MetricSource = {
      name: 'multi',
      type: 'prometheus',
      check: () => undefined,
      fetch: () => Promise.reject(new Error('fetchAll is used')),
      fetchAll: async (req) =>
        ['eu', 'us'].map((region) => ({
          tags: { region },
          timestamps: points(0).map((_, i) => i * 1000),
          values: points(req.side === 'experiment' && region === 'us' ? 2 : 1),
        })),
    };
    const request = { ...demoRequest(), metricSource: 'multi' };
    request.canaryConfig = {
      ...request.canaryConfig,
      metrics: [{ ...request.canaryConfig.metrics[0]!, name: 'latency' }],
    };
    const evaluation = await evaluateInterval(request, interval, source, judge, 60);
    const results = evaluation.result.results.map((r) => [r.name, r.tags, r.classification]);
    expect(results).toEqual([
      ['latency', { region: 'eu' }, 'Pass'],
      ['latency', { region: 'us' }, 'High'],
    ]);
    expect(Object.keys(evaluation.series)).toEqual(['latency{region="eu"}', 'latency{region="us"}']);
  });

  it('turns an empty answer into no data with a warning naming metric and side', async () => {
    const source: MetricSource = {
      name: 'empty',
      type: 'prometheus',
      check: () => undefined,
      fetch: () => Promise.reject(new Error('fetchAll is used')),
      fetchAll: async () => [],
    };
    const request = { ...demoRequest(), metricSource: 'empty' };
    const evaluation = await evaluateInterval(request, interval, source, judge, 60);
    expect(evaluation.result.results.map((r) => r.experimentMetadata.stats.count)).toEqual([0, 0, 0]);
    expect(evaluation.result.results.map((r) => r.classification)).toContain('Nodata');
    expect(evaluation.warnings[0]).toMatch(
      /^interval 1: metric \S+ \(baseline checkout-baseline\): the query returned no series$/,
    );
  });

  it('stops fetching when the signal is aborted (the judgment deadline passed): TIMEOUT', async () => {
    const source: MetricSource = {
      name: 'never',
      type: 'prometheus',
      check: () => undefined,
      fetch: () => new Promise(() => undefined),
    };
    const abort = new AbortController();
    abort.abort(new Error("the judgment's deadline passed"));
    await expect(evaluateInterval(demoRequest(), interval, source, judge, 60, abort.signal)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringMatching(/not fetched: the judgment's deadline passed/),
    });
  });

  it('runs at most maxConcurrent fetches at once against one source', async () => {
    let running = 0;
    let peak = 0;
    const source: MetricSource = {
      name: 'slots',
      type: 'demo',
      maxConcurrent: 2,
      check: () => undefined,
      fetch: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return { timestamps: [0], values: [1] };
      },
    };
    await evaluateInterval(demoRequest(), interval, source, judge, 60);
    expect(peak).toBe(2);
  });
});
