import { describe, expect, it } from 'vitest';
import { knownPlaceholders } from './template';
import { badQueryMessage, canaryScopes, fetchRequestsWith } from '../testing/source-harness';
import { buildWavefrontQuery, checkWavefrontQuery, wavefrontGranularity } from './wavefront-query';

const req = fetchRequestsWith({
  ...canaryScopes('env=baseline', 'env=test'),
  location: 'us-west-2',
  startMs: 0,
  endMs: 3_600_000,
});

// The three cases of spinnaker/kayenta WavefrontMetricsServiceTest (METRIC_NAME, SCOPE and AGGREGATE as there).
describe('buildWavefrontQuery: Kayenta’s WavefrontMetricsServiceTest', () => {
  const metricName = 'example.metric.name';
  it('no scope provided → avg(ts(metric))', () => {
    expect(buildWavefrontQuery(req({ metricName, aggregate: 'avg' }, { scope: '' }))).toBe(
      'avg(ts(example.metric.name))',
    );
  });
  it('no aggregate provided → ts(metric, scope)', () => {
    expect(buildWavefrontQuery(req({ metricName, aggregate: '' }))).toBe('ts(example.metric.name, env=test)');
  });
  it('scope and aggregate provided → avg(ts(metric, scope))', () => {
    expect(buildWavefrontQuery(req({ type: 'wavefront', metricName, aggregate: 'avg', summarization: 'MEAN' }))).toBe(
      'avg(ts(example.metric.name, env=test))',
    );
  });
});

// spinnaker/kayenta WavefrontCanaryScopeFactoryTest: SECOND → s, MINUTE → m, HOUR → h, DAY → d.
describe('wavefrontGranularity: Kayenta’s WavefrontCanaryScopeFactoryTest', () => {
  it.each([
    [1, 's'],
    [60, 'm'],
    [3600, 'h'],
    [86400, 'd'],
    [90, 's'],
    [300, 'm'],
    [7200, 'h'],
  ])('step %i s → %s', (step, g) => {
    expect(wavefrontGranularity(step)).toBe(g);
  });
});

describe('buildWavefrontQuery: templates (extension) and refusals', () => {
  it('a named template is the whole q, with ${scope}, ${location}, ${granularity} and extended params', () => {
    const r = req(
      { customFilterTemplate: 'p95' },
      {
        params: { app: 'checkout' },
        templates: { p95: 'percentile(95, ts(http.latency, ${scope} and region=${location} and app=${app}))' },
      },
    );
    expect(buildWavefrontQuery(r)).toBe(
      'percentile(95, ts(http.latency, env=test and region=us-west-2 and app=checkout))',
    );
    expect(buildWavefrontQuery(req({ customInlineTemplate: 'align(1${granularity}, ts(x, ${scope}))' }))).toBe(
      'align(1m, ts(x, env=test))',
    );
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no metricName', { type: 'wavefront', aggregate: 'avg' }, /needs query\.metricName/],
    ['a query config of another store', { type: 'newrelic', select: 'x' }, /query\.type is "newrelic"/],
    ['an unknown summarization', { metricName: 'm', summarization: 'AVERAGE' }, /"AVERAGE" is not one of MEAN, MEDIAN/],
    [
      'an aggregate that is not a function name',
      { metricName: 'm', aggregate: 'avg(ts(x)) + sum' },
      /not a function name/,
    ],
    ['a missing named template', { customFilterTemplate: 'nope' }, /"nope" is not in canaryConfig\.templates/],
  ])('refuses %s with BAD_QUERY', (_what, query, message) => {
    expect(badQueryMessage(() => buildWavefrontQuery(req(query)))).toMatch(message);
  });

  it('check: template placeholders against the known names plus granularity', () => {
    const metric = req({ customInlineTemplate: 'ts(m, ${scope} and app=${app}), ${granularity}' }).metric;
    expect(() => checkWavefrontQuery(metric, {}, knownPlaceholders({ app: 'a' }))).not.toThrow();
    expect(() => checkWavefrontQuery(metric, {}, knownPlaceholders({}))).toThrow(/uses the placeholder \$\{app\}/);
  });
});
