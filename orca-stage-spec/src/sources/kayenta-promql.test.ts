import { describe, expect, it } from 'vitest';
import { metricOf } from '../testing/source-harness';
import { buildPromql, checkPromqlQuery } from './kayenta-promql';

const values = { scope: 'checkout-canary', location: 'us-east-1', side: 'experiment', metricName: 'm', cluster: 'c1' };
const metric = metricOf('m');

describe('buildPromql (Kayenta Prometheus query configs)', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>, string]>([
    [
      'our promql template',
      { promql: 'sum(rate(x{app="${scope}"}[1m]))' },
      {},
      'sum(rate(x{app="checkout-canary"}[1m]))',
    ],
    [
      'an inline PromQL: filter',
      { customInlineTemplate: 'PromQL:up{job="${scope}"}' },
      {},
      'up{job="checkout-canary"}',
    ],
    [
      'a named PromQL: template',
      { customFilterTemplate: 't' },
      { t: 'PromQL:avg(cpu{region="${location}"})' },
      'avg(cpu{region="us-east-1"})',
    ],
    [
      'metricName with a custom filter and label bindings',
      {
        metricName: 'http_latency',
        customInlineTemplate: 'app="${scope}",cluster="${cluster}"',
        labelBindings: ['code="200"'],
      },
      {},
      'avg(http_latency{app="checkout-canary",cluster="c1",code="200"})',
    ],
    [
      'metricName with groupByFields',
      { metricName: 'http_latency', customInlineTemplate: 'app="${scope}"', groupByFields: ['job', 'instance'] },
      {},
      'avg(http_latency{app="checkout-canary"}) by (job,instance)',
    ],
    [
      'the aws_ec2_instance resource type',
      { metricName: 'cpu', resourceType: 'aws_ec2_instance', labelBindings: ['mode="user"'] },
      {},
      'avg(cpu{mode="user",asg_groupName="checkout-canary",zone=~"us-east-1.{1}"})',
    ],
  ])('%s', (_what, query, templates, expected) => {
    expect(buildPromql(metric(query), templates, values)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, Record<string, string>, RegExp]>([
    ['no query at all', {}, {}, /needs query\.promql/],
    ['a missing named template', { customFilterTemplate: 'nope' }, {}, /"nope" is not in canaryConfig\.templates/],
    ['metricName without filter or resource type', { metricName: 'cpu' }, {}, /needs a custom filter/],
    [
      'an unsupported resource type',
      { metricName: 'cpu', resourceType: 'gce_instance' },
      {},
      /"gce_instance" is not supported/,
    ],
  ])('refuses %s with BAD_QUERY', (_what, query, templates, message) => {
    expect(() => checkPromqlQuery(metric(query), templates)).toThrow(message);
    expect(() => buildPromql(metric(query), templates, values)).toThrow(message);
  });

  it('refuses an unknown placeholder and an EC2 query without a location', () => {
    expect(() => buildPromql(metric({ promql: 'x{a="${nope}"}' }), {}, values)).toThrow(
      /placeholder \$\{nope\} has no value/,
    );
    expect(() =>
      buildPromql(metric({ metricName: 'cpu', resourceType: 'aws_ec2_instance' }), {}, { ...values, location: '' }),
    ).toThrow(/location \(region\) is required/);
  });
});
