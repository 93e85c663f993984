import { describe, expect, it } from 'vitest';
import { buildDatadogQuery, checkDatadogQuery } from './datadog-query';
import { type FetchRequest } from './port';
import { knownPlaceholders } from './template';
import { badQueryMessage, canaryScopes, fetchRequestsWith } from '../testing/source-harness';

const req = fetchRequestsWith({ ...canaryScopes('tag:base', 'tag:some-tag'), startMs: 0, endMs: 600_000 });

describe('buildDatadogQuery (Kayenta Datadog query configs)', () => {
  // The two rows of spinnaker/kayenta DatadogMetricsServiceSpec "Can dry-run query generation".
  it('Kayenta example: metricName → metricName{scope}', () => {
    expect(buildDatadogQuery(req({ type: 'datadog', metricName: 'sum:app.errors' }))).toBe(
      'sum:app.errors{tag:some-tag}',
    );
  });

  it('Kayenta example: customInlineTemplate is the whole query, ${scope} expanded', () => {
    expect(
      buildDatadogQuery(
        req({ type: 'datadog', customInlineTemplate: 'sum:app.errors{${scope}}/sum:app.requests{${scope}}' }),
      ),
    ).toBe('sum:app.errors{tag:some-tag}/sum:app.requests{tag:some-tag}');
  });

  it('a named template with ${location} and an extendedScopeParams key; the inline one wins over it', () => {
    const r = req(
      { type: 'datadog', metricName: 'ignored', customFilterTemplate: 'byRegion' },
      {
        location: 'us-east-1',
        params: { team: 'payments' },
        templates: { byRegion: 'avg:latency{${scope},region:${location},team:${team}} by {host}' },
      },
    );
    expect(buildDatadogQuery(r)).toBe('avg:latency{tag:some-tag,region:us-east-1,team:payments} by {host}');
    r.metric.query = { ...r.metric.query, customInlineTemplate: 'max:x{${scope}}' };
    expect(buildDatadogQuery(r)).toBe('max:x{tag:some-tag}');
  });

  it("reads Kayenta's escaped form $\\{ as ${, and extendedScopeParams win over the scope", () => {
    const r = req({ customInlineTemplate: 'avg:m{$\\{scope}}' }, { params: { scope: 'env:override' } });
    expect(buildDatadogQuery(r)).toBe('avg:m{env:override}');
  });

  it('keeps the scope exactly as given (Kayenta does not escape it)', () => {
    expect(buildDatadogQuery(req({ metricName: 'avg:m' }, { scope: 'env:prod,service:web' }))).toBe(
      'avg:m{env:prod,service:web}',
    );
  });

  it.each<[string, Record<string, unknown>, Partial<FetchRequest>, RegExp]>([
    ['no metric name nor template', { type: 'datadog' }, {}, /needs query\.metricName, query\.customInlineTemplate/],
    ['a query config of another store', { type: 'prometheus', metricName: 'x' }, {}, /query\.type is "prometheus"/],
    ['a missing named template', { customFilterTemplate: 'nope' }, {}, /"nope" is not in canaryConfig\.templates/],
    ['the deprecated customFilter', { metricName: 'x', customFilter: 'a' }, {}, /customFilter is deprecated/],
    ['${location} without a location', { customInlineTemplate: 'm{${location}}' }, {}, /\$\{location\} has no value/],
    [
      'an empty expansion without metricName',
      { customInlineTemplate: '${blank}' },
      { params: { blank: ' ' } },
      /empty query/,
    ],
  ])('refuses %s with BAD_QUERY', (_what, query, over, message) => {
    expect(badQueryMessage(() => buildDatadogQuery(req(query, over)))).toMatch(message);
  });

  it('check: unknown placeholders are refused only when the known names are given, naming the field', () => {
    const metric = req({ customFilterTemplate: 't' }).metric;
    const templates = { t: 'avg:m{${scope},team:${team}}' };
    expect(() => checkDatadogQuery(metric, templates)).not.toThrow();
    expect(() => checkDatadogQuery(metric, templates, knownPlaceholders({ team: 'x' }))).not.toThrow();
    expect(() => checkDatadogQuery(metric, templates, knownPlaceholders({}))).toThrow(
      /canaryConfig\.templates\.t uses the placeholder \$\{team\}/,
    );
  });
});
