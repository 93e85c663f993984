import { describe, expect, it } from 'vitest';
import { buildSignalFlowProgram, checkSignalFxQuery, type SignalFxScope } from './signalfx-query';
import { knownPlaceholders } from './template';
import { badQueryMessage, metricOf } from '../testing/source-harness';

const metric = metricOf('requests');
const APP_PAIRS = [
  { key: 'app', value: 'cms' },
  { key: 'response_code', value: '400' },
  { key: 'uri', value: '/v2/auth/iam-principal' },
];
const where = (over: Partial<SignalFxScope> = {}): SignalFxScope => ({
  scope: '1.0.0',
  location: undefined,
  params: { env: 'production', _scope_key: 'version' },
  side: 'experiment',
  ...over,
});

// Expected programs: Kayenta's SimpleSignalFlowProgramBuilderTest and SignalFxQueryBuilderServiceTest.
describe('buildSignalFlowProgram (Kayenta SimpleSignalFlowProgramBuilderTest)', () => {
  it.each<[string, Record<string, unknown>, Partial<SignalFxScope>, Record<string, string>, string]>([
    [
      'no location key',
      { metricName: 'request.count', queryPairs: APP_PAIRS },
      {},
      {},
      "data('request.count', filter=filter('app', 'cms') and filter('response_code', '400') and filter('uri', '/v2/auth/iam-principal') and filter('version', '1.0.0') and filter('env', 'production')).mean(by=['env', 'version']).publish()",
    ],
    [
      'location key from _location_key',
      { metricName: 'request.count', queryPairs: APP_PAIRS },
      { location: 'us-west-2', params: { env: 'production', _scope_key: 'version', _location_key: 'region' } },
      {},
      "data('request.count', filter=filter('app', 'cms') and filter('response_code', '400') and filter('uri', '/v2/auth/iam-principal') and filter('version', '1.0.0') and filter('region', 'us-west-2') and filter('env', 'production')).mean(by=['env', 'region', 'version']).publish()",
    ],
    [
      'location key from the account’s defaultLocationKey',
      { metricName: 'request.count', queryPairs: APP_PAIRS },
      { location: 'us-west-2', params: { env: 'production', _scope_key: 'version' } },
      { defaultLocationKey: 'region' },
      "data('request.count', filter=filter('app', 'cms') and filter('response_code', '400') and filter('uri', '/v2/auth/iam-principal') and filter('version', '1.0.0') and filter('region', 'us-west-2') and filter('env', 'production')).mean(by=['env', 'region', 'version']).publish()",
    ],
    [
      'extra scope params',
      { metricName: 'request.count', queryPairs: APP_PAIRS },
      { params: { env: 'production', region: 'us-west-2', _scope_key: 'version' } },
      {},
      "data('request.count', filter=filter('app', 'cms') and filter('response_code', '400') and filter('uri', '/v2/auth/iam-principal') and filter('version', '1.0.0') and filter('env', 'production') and filter('region', 'us-west-2')).mean(by=['env', 'region', 'version']).publish()",
    ],
    [
      'one query pair',
      { metricName: 'request.count', queryPairs: [{ key: 'app', value: 'cms' }] },
      {},
      {},
      "data('request.count', filter=filter('app', 'cms') and filter('version', '1.0.0') and filter('env', 'production')).mean(by=['env', 'version']).publish()",
    ],
    [
      'no query pairs',
      { metricName: 'request.count' },
      {},
      {},
      "data('request.count', filter=filter('version', '1.0.0') and filter('env', 'production')).mean(by=['env', 'version']).publish()",
    ],
    [
      'only the scope key',
      { metricName: 'request.count' },
      { params: { _scope_key: 'version' } },
      {},
      "data('request.count', filter=filter('version', '1.0.0')).mean(by=['version']).publish()",
    ],
    [
      'the account’s defaultScopeKey',
      { metricName: 'request.count' },
      { scope: 'my_microservice-control-v1', params: {} },
      { defaultScopeKey: 'server_group' },
      "data('request.count', filter=filter('server_group', 'my_microservice-control-v1')).mean(by=['server_group']).publish()",
    ],
    [
      'a negated query pair',
      { metricName: 'request.count', queryPairs: [{ key: '!app', value: 'cms' }] },
      {},
      {},
      "data('request.count', filter=(not filter('app', 'cms')) and filter('version', '1.0.0') and filter('env', 'production')).mean(by=['env', 'version']).publish()",
    ],
    [
      'a query pair with several values',
      { metricName: 'request.count', queryPairs: [{ key: 'app', value: 'cms,api' }] },
      {},
      {},
      "data('request.count', filter=filter('app', 'cms','api') and filter('version', '1.0.0') and filter('env', 'production')).mean(by=['env', 'version']).publish()",
    ],
    [
      'a negated query pair with several values',
      { metricName: 'request.count', queryPairs: [{ key: '!app', value: 'cms,api' }] },
      {},
      {},
      "data('request.count', filter=(not filter('app', 'cms','api')) and filter('version', '1.0.0') and filter('env', 'production')).mean(by=['env', 'version']).publish()",
    ],
    [
      'aggregationMethod sum (Kayenta’s integration-test config)',
      { metricName: 'kayenta.integration-test.errors.count', aggregationMethod: 'sum' },
      { params: {} },
      { defaultScopeKey: 'canary-scope' },
      "data('kayenta.integration-test.errors.count', filter=filter('canary-scope', '1.0.0')).sum(by=['canary-scope']).publish()",
    ],
  ])('%s', (_title, query, over, settings, program) => {
    expect(buildSignalFlowProgram(metric(query), {}, settings, where(over)).program).toBe(program);
  });

  it('an inline template is the whole program (SignalFxQueryBuilderServiceTest), expanded with extendedScopeParams', () => {
    const template =
      "data('request.count', filter=filter('server_group', 'my_microservice-control-v1')).mean(by=['${some_key}']).publish()";
    const built = buildSignalFlowProgram(
      metric({ customInlineTemplate: template }),
      {},
      {},
      where({ params: { some_key: 'some_value' } }),
    );
    expect(built.program).toBe(
      "data('request.count', filter=filter('server_group', 'my_microservice-control-v1')).mean(by=['some_value']).publish()",
    );
  });

  it('expands Kayenta’s integration-test template with scope and location', () => {
    const built = buildSignalFlowProgram(
      metric({
        customInlineTemplate:
          "data('kayenta.integration-test.cpu.avg', filter=filter('canary-scope', '${scope}') and filter('location', '${location}')).mean(by=['location', 'canary-scope']).publish()",
      }),
      {},
      {},
      where({ scope: 'control', location: 'us-west-2' }),
    );
    expect(built.program).toBe(
      "data('kayenta.integration-test.cpu.avg', filter=filter('canary-scope', 'control') and filter('location', 'us-west-2')).mean(by=['location', 'canary-scope']).publish()",
    );
  });

  it('escapes quotes in values, so a scope cannot end its string', () => {
    const built = buildSignalFlowProgram(
      metric({ metricName: 'm' }),
      {},
      {},
      where({ scope: "x') or filter('a', 'b" }),
    );
    expect(built.program).toBe(
      "data('m', filter=filter('version', 'x\\') or filter(\\'a\\', \\'b') and filter('env', 'production')).mean(by=['env', 'version']).publish()",
    );
  });

  it.each<[string, Record<string, unknown>, Partial<SignalFxScope>, RegExp]>([
    ['no scope key anywhere', { metricName: 'm' }, { params: {} }, /a scope key is required/],
    [
      'a location key without a location',
      { metricName: 'm' },
      { params: { _scope_key: 'v', _location_key: 'region' } },
      /a location is required: the location key is "region"/,
    ],
    ['no metricName', { aggregationMethod: 'sum' }, {}, /query.metricName is required/],
    [
      'queryPairs that are not pairs',
      { metricName: 'm', queryPairs: [{ key: 'a' }] },
      {},
      /query.queryPairs\[0\].value/,
    ],
  ])('refuses %s', (_title, query, over, message) => {
    expect(badQueryMessage(() => buildSignalFlowProgram(metric(query), {}, {}, where(over)))).toMatch(message);
  });
});

describe('checkSignalFxQuery (at judgment creation)', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['another store’s type', { type: 'stackdriver', metricName: 'm' }, /query.type is "stackdriver"/],
    [
      'an unknown aggregation',
      { metricName: 'm', aggregationMethod: 'avg' },
      /query.aggregationMethod "avg" is not one of/,
    ],
    [
      'an unknown placeholder',
      { customInlineTemplate: "data('m', filter=filter('x', '${cluster}')).publish()" },
      /uses the placeholder \$\{cluster\}/,
    ],
    ['no scope key', { metricName: 'm' }, /a scope key is required/],
  ])('refuses %s', (_title, query, message) => {
    expect(badQueryMessage(() => checkSignalFxQuery(metric(query), {}, {}, knownPlaceholders({})))).toMatch(message);
  });

  it('accepts a scope key given per judgment or by the source', () => {
    expect(() =>
      checkSignalFxQuery(metric({ metricName: 'm' }), {}, {}, knownPlaceholders({ _scope_key: 'v' })),
    ).not.toThrow();
    expect(() =>
      checkSignalFxQuery(metric({ metricName: 'm' }), {}, { defaultScopeKey: 'v' }, knownPlaceholders({})),
    ).not.toThrow();
  });
});
