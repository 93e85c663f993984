import { describe, expect, it } from 'vitest';
import {
  classificationCounts,
  deviationText,
  failsCanary,
  lowSampleNote,
  explanationLine,
  filterResults,
  groupsOf,
  noDataMessage,
  sortResults,
} from './metrics';
import { failResult, judgeDetail, metricResult } from '../testing/reportFixtures';

describe('sortResults', () => {
  it('puts critical failures, then failures, errors, no data and passes; muted last within a rank', () => {
    const rs = [
      metricResult({ name: 'a-pass' }),
      metricResult({ name: 'b-nodata', classification: 'Nodata' }),
      metricResult({ name: 'c-low', classification: 'Low' }),
      metricResult({ name: 'd-high-muted', classification: 'High', muted: true }),
      metricResult({ name: 'e-high-critical', classification: 'High', critical: true }),
      metricResult({ name: 'f-error', classification: 'Error' }),
      metricResult({ name: 'g-high', classification: 'High' }),
      metricResult({ name: 'h-nodata-critical', classification: 'Nodata', critical: true }),
    ];
    expect(sortResults(Object.freeze(rs)).map((r) => r.name)).toEqual([
      'e-high-critical',
      'h-nodata-critical',
      'c-low',
      'g-high',
      'd-high-muted',
      'f-error',
      'b-nodata',
      'a-pass',
    ]);
  });
});

describe('sortResults within a rank', () => {
  it('puts the largest change first, whichever its sign', () => {
    const rs = [
      metricResult({ name: 'a', classification: 'High', resultMetadata: { ratio: 1.2 } }),
      metricResult({ name: 'b', classification: 'Low', resultMetadata: { ratio: 0.5 } }),
      metricResult({ name: 'c', classification: 'High', resultMetadata: { ratio: 'NaN' } }),
      metricResult({ name: 'd', classification: 'High', resultMetadata: { ratio: 3 } }),
    ];
    expect(sortResults(rs).map((r) => r.name)).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('counts and filters', () => {
  const rs = failResult().results;
  it('counts every classification', () => {
    expect(classificationCounts(rs)).toEqual({ Pass: 1, High: 1, Low: 0, Nodata: 1, NodataFailMetric: 0, Error: 0 });
  });
  it('filters by classification and group; empty set = all', () => {
    expect(filterResults(rs, new Set(), null)).toHaveLength(3);
    expect(filterResults(rs, new Set(['High', 'Nodata'] as const), null).map((r) => r.name)).toEqual([
      'cpu',
      'p99-latency',
    ]);
    expect(filterResults(rs, new Set(), 'errors').map((r) => r.name)).toEqual(['error-rate']);
    expect(groupsOf(rs)).toEqual(['errors', 'latency']);
  });
});

describe('deviationText', () => {
  it.each([
    [1.25, '+25.0%'],
    [0.9, '−10.0%'],
    [1, '0.0%'],
    [1.00001, '0.0%'],
    ['NaN', 'N/A'],
    [undefined, 'N/A'],
  ])('ratio %s → %s', (ratio, text) => {
    expect(deviationText({ resultMetadata: ratio === undefined ? undefined : { ratio: ratio as number } })).toBe(text);
  });
});

describe('deviationText for no data', () => {
  it('shows N/A instead of the ratio 1 Kayenta reports for no data', () => {
    expect(deviationText({ classification: 'Nodata', resultMetadata: { ratio: 1 } })).toBe('N/A');
    expect(deviationText({ classification: 'NodataFailMetric', resultMetadata: { ratio: 1 } })).toBe('N/A');
  });
});

describe('failsCanary', () => {
  it('counts critical no-data and every failing classification', () => {
    expect(failsCanary({ classification: 'Nodata', critical: true })).toBe(true);
    expect(failsCanary({ classification: 'Nodata', critical: false })).toBe(false);
    expect(failsCanary({ classification: 'Low', critical: false })).toBe(true);
    expect(failsCanary({ classification: 'Pass', critical: true })).toBe(false);
  });
});

describe('noDataMessage', () => {
  const empty = { count: 0, mean: 'NaN' as const, min: 'NaN' as const, max: 'NaN' as const, std: 'NaN' as const };
  it('names the missing side', () => {
    expect(noDataMessage(metricResult({ name: 'x', experimentMetadata: { stats: empty } }))).toBe(
      'No canary data: the canary returned no points.',
    );
    expect(noDataMessage(metricResult({ name: 'x', controlMetadata: { stats: empty } }))).toBe(
      'No baseline data: the baseline returned no points.',
    );
    expect(
      noDataMessage(
        metricResult({ name: 'x', controlMetadata: { stats: empty }, experimentMetadata: { stats: empty } }),
      ),
    ).toMatch(/^No data on either side/);
    expect(noDataMessage(metricResult({ name: 'x' }))).toBeNull();
  });

  it('says when points existed but were all removed', () => {
    const r = failResult().results[2]!;
    const detail = judgeDetail({
      ...r.canaryJudge!,
      samples: {
        ...r.canaryJudge!.samples,
        experiment: { raw: 5, nan: 5, nanRemoved: 5, nanReplaced: 0, outliersRemoved: 0, used: 0 },
      },
    });
    expect(noDataMessage({ ...r, experimentMetadata: { stats: empty }, canaryJudge: detail })).toBe(
      'No canary data: the canary had 5 points, all removed (5 NaN, 0 outliers).',
    );
  });
});

describe('explanationLine', () => {
  it('prefers the judge explanation', () => {
    expect(explanationLine(failResult().results[2]!)).toMatch(/^p99-latency is High: canary − baseline shift 40/);
  });
  it('builds a line for no data, critical and muted results', () => {
    expect(explanationLine(failResult().results[0]!)).toBe(
      'cpu: No data. No canary data: the canary returned no points.',
    );
    expect(
      explanationLine(
        metricResult({ name: 'm', classification: 'Low', critical: true, muted: true, resultMetadata: { ratio: 0.5 } }),
      ),
    ).toBe(
      'm: Low (critical: fails the whole canary). canary mean is −50.0% vs baseline. muted: not counted in the score',
    );
  });
});

describe('lowSampleNote', () => {
  const stats = (count: number) => ({ stats: { count, mean: 1, min: 1, max: 1, std: 0 } });
  it('flags fewer than 50 points on a side, not empty sides', () => {
    expect(lowSampleNote({ controlMetadata: stats(12), experimentMetadata: stats(60) })).toBe(
      'few samples: baseline 12, canary 60',
    );
    expect(lowSampleNote({ controlMetadata: stats(50), experimentMetadata: stats(50) })).toBeNull();
    expect(lowSampleNote({ controlMetadata: stats(0), experimentMetadata: stats(10) })).toBeNull();
  });
});
