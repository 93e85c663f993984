import { describe, expect, it } from 'vitest';
import { buildGraphiteTarget, checkGraphiteQuery, graphiteTargetSource, normaliseTarget } from './graphite-query';
import { knownPlaceholders } from './template';
import { badQueryMessage, metricOf } from '../testing/source-harness';

const metric = metricOf('cpu');
const scope = { scope: 'myapp-prod-v002', location: 'us-east-1' };

const badQuery = badQueryMessage;

describe('Graphite target (Kayenta GraphiteMetricsServiceTest examples)', () => {
  // spinnaker/kayenta kayenta-graphite GraphiteMetricsServiceTest: the three buildQuery cases, same inputs and outputs.
  it('template is expanded with ${scope}: "servers.${scope}.cpu" → "servers.myapp-prod-v002.cpu"', () => {
    expect(buildGraphiteTarget(metric({ template: 'servers.${scope}.cpu' }), {}, scope)).toBe(
      'servers.myapp-prod-v002.cpu',
    );
  });

  it('legacy metricName replaces $scope: "servers.$scope.cpu" → "servers.myapp-prod-v002.cpu"', () => {
    expect(buildGraphiteTarget(metric({ metricName: 'servers.$scope.cpu' }), {}, scope)).toBe(
      'servers.myapp-prod-v002.cpu',
    );
  });

  it('customFilterTemplate names an entry of canaryConfig.templates', () => {
    expect(
      buildGraphiteTarget(
        metric({ customFilterTemplate: 'cpuTemplate' }),
        { cpuTemplate: 'servers.${scope}.cpu' },
        scope,
      ),
    ).toBe('servers.myapp-prod-v002.cpu');
  });

  // kayenta-graphite GraphiteMetricsServiceTest (Spock): templates ["my-template": 'A test: ${scope}.200'].
  it('QueryConfigUtils example: "A test: ${scope}.200" with scope value-1', () => {
    expect(
      buildGraphiteTarget(
        metric({ customFilterTemplate: 'my-template' }),
        { 'my-template': 'A test: ${scope}.200' },
        { scope: 'value-1' },
      ),
    ).toBe('A test: value-1.200');
  });

  it("Kayenta's stored, escaped form $\\{scope} reads as ${scope}", () => {
    expect(buildGraphiteTarget(metric({ customInlineTemplate: 'servers.$\\{scope}.cpu' }), {}, scope)).toBe(
      'servers.myapp-prod-v002.cpu',
    );
    expect(buildGraphiteTarget(metric({ customFilterTemplate: 't' }), { t: 'a.$\\{scope}' }, scope)).toBe(
      'a.myapp-prod-v002',
    );
  });

  it('the older customInlineTemplate key is read like template, and template wins over both others', () => {
    expect(buildGraphiteTarget(metric({ customInlineTemplate: 'a.${scope}.b' }), {}, scope)).toBe(
      'a.myapp-prod-v002.b',
    );
    expect(
      buildGraphiteTarget(
        metric({ template: 't.${scope}', customInlineTemplate: 'i.${scope}', metricName: 'm.$scope' }),
        {},
        scope,
      ),
    ).toBe('t.myapp-prod-v002');
    expect(
      buildGraphiteTarget(metric({ customFilterTemplate: 'n', metricName: 'm.$scope' }), { n: 'n.${scope}' }, scope),
    ).toBe('n.myapp-prod-v002');
  });

  it('legacy metricName: every $scope and $location, plus ${…} placeholders, in one pass', () => {
    expect(
      buildGraphiteTarget(
        metric({ metricName: 'sumSeries(servers.$location.$scope.*.requests.${status})' }),
        {},
        { ...scope, status: '5xx' },
      ),
    ).toBe('sumSeries(servers.us-east-1.myapp-prod-v002.*.requests.5xx)');
    // A value containing "$location" is not expanded again.
    expect(
      buildGraphiteTarget(metric({ metricName: '$scope.$location' }), {}, { scope: '$location', location: 'x' }),
    ).toBe('$location.x');
  });

  it('template values are inserted as they are (Graphite paths have no quoting), extendedScopeParams included', () => {
    expect(
      buildGraphiteTarget(
        metric({ template: 'aliasByNode(app.${scope}.${ cluster }.latency, 2)' }),
        {},
        {
          scope: 'a-b_c',
          cluster: 'c1',
        },
      ),
    ).toBe('aliasByNode(app.a-b_c.c1.latency, 2)');
  });

  it('refuses a placeholder without a value instead of sending it literally', () => {
    expect(badQuery(() => buildGraphiteTarget(metric({ metricName: 'a.$location' }), {}, { scope: 's' }))).toMatch(
      /query\.metricName uses \$location, which has no value/,
    );
    expect(
      badQuery(() => buildGraphiteTarget(metric({ template: 'a.${location}' }), {}, { scope: 's', location: '' })),
    ).toMatch(/query\.template uses \$\{location\}/);
    expect(badQuery(() => buildGraphiteTarget(metric({ template: 'a.${nope}' }), {}, scope))).toMatch(/\$\{nope\}/);
  });

  it("refuses a missing target, an unknown named template and another store's query type, naming the field", () => {
    expect(badQuery(() => graphiteTargetSource(metric({})))).toMatch(
      /metric cpu: a Graphite query needs query\.metricName, query\.template/,
    );
    expect(badQuery(() => graphiteTargetSource(metric({ customFilterTemplate: 'x' }), { y: 'a' }))).toMatch(
      /query\.customFilterTemplate "x" is not in canaryConfig\.templates/,
    );
    expect(badQuery(() => graphiteTargetSource(metric({ type: 'prometheus', metricName: 'a' })))).toMatch(
      /query\.type is "prometheus", but this is a graphite source/,
    );
    expect(graphiteTargetSource(metric({ type: 'graphite', metricName: 'a' }))).toEqual({
      field: 'query.metricName',
      text: 'a',
      legacy: true,
    });
  });

  it('check: unknown ${…} placeholders are refused only when the known names are given', () => {
    const known = knownPlaceholders({ cluster: 'c1' });
    expect(() => checkGraphiteQuery(metric({ template: 'a.${scope}.${cluster}' }), {}, known)).not.toThrow();
    expect(() => checkGraphiteQuery(metric({ template: 'a.${region}' }))).not.toThrow();
    expect(badQuery(() => checkGraphiteQuery(metric({ template: 'a.${region}' }), {}, known))).toMatch(
      /query\.template uses the placeholder \$\{region\}, which has no value/,
    );
    expect(
      badQuery(() => checkGraphiteQuery(metric({ customFilterTemplate: 't' }), { t: 'x.${regoin}' }, known)),
    ).toMatch(/canaryConfig\.templates\.t uses the placeholder \$\{regoin\}/);
    // $scope / $location of the legacy form are always known.
    expect(() => checkGraphiteQuery(metric({ metricName: 'a.$scope.$location' }), {}, known)).not.toThrow();
  });
});

describe('normaliseTarget', () => {
  it('writes the scope and location back as $scope / $location so both sides get the same tag', () => {
    expect(normaliseTarget('servers.checkout-baseline.5xx', 'checkout-baseline', undefined)).toBe('servers.$scope.5xx');
    expect(normaliseTarget('servers.checkout-canary.5xx', 'checkout-canary', undefined)).toBe('servers.$scope.5xx');
    expect(normaliseTarget('eu-west-1.app-eu-west-1-v2.x', 'app-eu-west-1-v2', 'eu-west-1')).toBe('$location.$scope.x');
    expect(normaliseTarget('sum(a.b)', '', undefined)).toBe('sum(a.b)');
    expect(normaliseTarget('a.b+c.d', 'b+c', undefined)).toBe('a.$scope.d');
  });
});
