import { describe, expect, it } from 'vitest';
import { buildCloudWatchQueries, checkCloudWatchQuery, CloudWatchQueryError } from './cloudwatch-query';
import { knownPlaceholders } from './template';

const values = { scope: 'tg-canary', location: 'us-east-1', side: 'experiment', metricName: 'latency' };

function rule(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CloudWatchQueryError);
    return (e as Error).message;
  }
  return 'no error';
}

describe('buildCloudWatchQueries', () => {
  it('short form → one MetricStat query, placeholders expanded, Period = step rounded up to a minute', () => {
    const q = {
      type: 'cloudwatch',
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      dimensions: [
        { name: 'TargetGroup', value: '${scope}' },
        { name: 'AvailabilityZone', value: '${location}a' },
      ],
      stat: 'p99',
    };
    expect(buildCloudWatchQueries(q, values, 90)).toEqual([
      {
        Id: 'm1',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/ApplicationELB',
            MetricName: 'TargetResponseTime',
            Dimensions: [
              { Name: 'TargetGroup', Value: 'tg-canary' },
              { Name: 'AvailabilityZone', Value: 'us-east-1a' },
            ],
          },
          Period: 120,
          Stat: 'p99',
        },
        ReturnData: true,
      },
    ]);
    expect(buildCloudWatchQueries({ namespace: 'N', metricName: 'M' }, values, 10)[0]?.MetricStat).toMatchObject({
      Stat: 'Average',
      Period: 60,
    });
  });

  it('full form → the AWS MetricDataQuery list as given (metric math included), own Period kept', () => {
    const q = {
      metricDataQueries: [
        {
          Id: 'errors',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ELB',
              MetricName: 'HTTPCode_ELB_5XX',
              Dimensions: [{ Name: 'LB', Value: '${scope}' }],
            },
            Period: 300,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        { Id: 'rate', Expression: 'errors / 300', Label: 'error rate of ${scope}' },
      ],
    };
    const out = buildCloudWatchQueries(q, values, 60);
    expect(out[0]?.MetricStat?.Period).toBe(300);
    expect(out[0]?.MetricStat?.Metric?.Dimensions).toEqual([{ Name: 'LB', Value: 'tg-canary' }]);
    expect(out[1]).toEqual({ Id: 'rate', Expression: 'errors / 300', Label: 'error rate of tg-canary', Period: 60 });
  });
});

describe('checkCloudWatchQuery', () => {
  it('names the field and the rule for every mistake', () => {
    expect(rule(() => checkCloudWatchQuery({ metricName: 'M' }))).toMatch(/^query\.namespace: is required/);
    expect(rule(() => checkCloudWatchQuery({ namespace: 'N' }))).toMatch(/^query\.metricName: is required/);
    expect(rule(() => checkCloudWatchQuery({ namespace: 'N', metricName: 'M', stat: 'Median' }))).toMatch(
      /^query\.stat: must be one of Average, Sum, Minimum, Maximum, SampleCount or a percentile/,
    );
    expect(rule(() => checkCloudWatchQuery({ namespace: 'N', metricName: 'M', dimensions: [{ name: 'a' }] }))).toBe(
      'query.dimensions[0]: must be {name: string, value: string}',
    );
    expect(rule(() => checkCloudWatchQuery({ metricDataQueries: [] }))).toMatch(
      /^query\.metricDataQueries: must be a non-empty/,
    );
    expect(rule(() => checkCloudWatchQuery({ metricDataQueries: [{ Id: 'A1', Expression: 'x' }] }))).toMatch(
      /^query\.metricDataQueries\[0\]\.Id: must start with a lower-case letter/,
    );
    expect(rule(() => checkCloudWatchQuery({ metricDataQueries: [{ Id: 'a' }] }))).toBe(
      'query.metricDataQueries[0]: needs exactly one of MetricStat and Expression',
    );
    expect(
      rule(() =>
        checkCloudWatchQuery({
          metricDataQueries: [
            { Id: 'a', Expression: 'x' },
            { Id: 'a', Expression: 'y' },
          ],
        }),
      ),
    ).toBe('query.metricDataQueries[1].Id: "a" is used twice');
  });

  it('refuses a placeholder the judgment cannot fill, naming where it is; extendedScopeParams keys are known', () => {
    const q = { namespace: 'N', metricName: 'M', dimensions: [{ name: 'Cluster', value: '${cluster}' }] };
    expect(rule(() => checkCloudWatchQuery(q, knownPlaceholders({})))).toBe(
      'query.dimensions[0].value: uses the placeholder ${cluster}, which has no value',
    );
    expect(() => checkCloudWatchQuery(q, knownPlaceholders({ cluster: 'c' }))).not.toThrow();
    expect(
      rule(() =>
        checkCloudWatchQuery(
          { metricDataQueries: [{ Id: 'e', Expression: 'SEARCH("${nope}")' }] },
          knownPlaceholders({}),
        ),
      ),
    ).toBe('query.metricDataQueries[0].Expression: uses the placeholder ${nope}, which has no value');
  });
});
