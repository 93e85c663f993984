import { describe, expect, it } from 'vitest';
import { QUERY_SUMMARY_MAX, groupWeightRows, metricProblemCount, querySummary } from './metricSummary';
import { emptyMetric } from './stageJson';

describe('query summary', () => {
  it('puts a multi-line query on one line and cuts it with … at the maximum', () => {
    const query = 'sum(rate(errors[1m]))\n  /\n  sum(rate(requests[1m]))';
    expect(querySummary({ ...emptyMetric(), query })).toEqual({
      text: 'sum(rate(errors[1m])) / sum(rate(requests[1m]))',
      full: 'sum(rate(errors[1m])) / sum(rate(requests[1m]))',
    });
    const long = `rate(${'x'.repeat(100)}[1m])`;
    const cut = querySummary({ ...emptyMetric(), query: long });
    expect(cut.text).toHaveLength(QUERY_SUMMARY_MAX);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(cut.full).toBe(long);
  });

  it('summarises a per-source query config as key=value pairs without the type', () => {
    const stored = { type: 'datadog', metricName: 'trace.http.request', tags: ['env:prod'], empty: '' };
    expect(querySummary({ ...emptyMetric(), query: '' }, stored).text).toBe(
      'metricName=trace.http.request, tags=["env:prod"]',
    );
    // The form's own per-source query wins over the stored one.
    expect(querySummary({ ...emptyMetric(), query: '', sourceQuery: { metricName: 'a' } }, stored).text).toBe(
      'metricName=a',
    );
    expect(querySummary({ ...emptyMetric(), query: '  ' }).text).toBe('');
  });
});

describe('problems per metric', () => {
  it('counts the issues under one metric only', () => {
    const issues = [
      { path: 'payload.canaryConfig.metrics[1].name', message: 'is required' },
      {
        path: 'payload.canaryConfig.metrics[1].analysisConfigurations.canary.effectSize.allowedIncrease',
        message: 'x',
      },
      { path: 'payload.canaryConfig.metrics[10].name', message: 'is required' },
      { path: 'payload.thresholds.pass', message: 'x' },
    ];
    expect(metricProblemCount(issues, 1)).toBe(2);
    expect(metricProblemCount(issues, 10)).toBe(1);
    expect(metricProblemCount(issues, 0)).toBe(0);
  });
});

describe('group weight rows', () => {
  it('give each group its metric count and the running sum; text that does not parse adds nothing', () => {
    const metrics = [{ group: 'latency' }, { group: ' errors ' }, { group: 'latency' }, { group: 'cpu' }];
    expect(
      groupWeightRows(
        [
          { group: 'latency', weight: '50.1' },
          { group: 'errors', weight: 'abc' },
          { group: 'cpu', weight: '49.9' },
        ],
        metrics,
      ),
    ).toEqual([
      { group: 'latency', weight: '50.1', metrics: 2, running: 50.1 },
      { group: 'errors', weight: 'abc', metrics: 1, running: 50.1 },
      { group: 'cpu', weight: '49.9', metrics: 1, running: 100 },
    ]);
  });
});
