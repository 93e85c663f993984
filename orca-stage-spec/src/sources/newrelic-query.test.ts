import { describe, expect, it } from 'vitest';
import { buildNrql, checkNewRelicQuery, escapeNrqlString } from './newrelic-query';
import { type FetchRequest } from './port';
import { knownPlaceholders } from './template';
import { badQueryMessage, canaryScopes, fetchRequestsWith } from '../testing/source-harness';

const START = Date.parse('2026-12-04T10:00:00Z');
const END = START + 3_600_000;
const S = START / 1000;
const E = END / 1000;
// The account defaults of spinnaker/kayenta NewRelicQueryBuilderServiceSpec.
const defaults = { defaultScopeKey: 'asg_name', defaultLocationKey: 'region' };

const req = fetchRequestsWith({
  ...canaryScopes('myservice-prod-v00', 'myservice-prod-v01'),
  location: 'us-west-2',
  startMs: START,
  endMs: END,
});

describe('buildNrql: the cases of Kayenta’s NewRelicQueryBuilderServiceSpec', () => {
  const tail = `TIMESERIES 60 seconds SINCE ${S} UNTIL ${E}`;
  it.each<[string, Record<string, unknown>, Partial<FetchRequest>, string]>([
    [
      'select is supplied but the word SELECT is omitted',
      { select: 'count(*) FROM Transaction' },
      {},
      `SELECT count(*) FROM Transaction ${tail} WHERE asg_name LIKE 'myservice-prod-v01' AND region LIKE 'us-west-2'`,
    ],
    [
      'select is supplied',
      { select: 'SELECT count(*) FROM Transaction' },
      {},
      `SELECT count(*) FROM Transaction ${tail} WHERE asg_name LIKE 'myservice-prod-v01' AND region LIKE 'us-west-2'`,
    ],
    [
      'select and q are supplied',
      { select: 'SELECT count(*) FROM Transaction', q: "httpStatusCode LIKE '5%'" },
      {},
      `SELECT count(*) FROM Transaction ${tail} WHERE httpStatusCode LIKE '5%' AND asg_name LIKE 'myservice-prod-v01' AND region LIKE 'us-west-2'`,
    ],
    [
      'scope step is set to 0',
      { select: 'SELECT count(*) FROM Transaction' },
      { stepSeconds: 0 },
      `SELECT count(*) FROM Transaction TIMESERIES MAX SINCE ${S} UNTIL ${E} WHERE asg_name LIKE 'myservice-prod-v01' AND region LIKE 'us-west-2'`,
    ],
    [
      'extended scope parameters are supplied',
      { select: 'SELECT count(*) FROM Transaction' },
      {
        params: {
          _scope_key: 'foo',
          _location_key: 'bar',
          _i_should_be_ignored: 'some value that should be ignored',
          some_new_key: 'some_value',
        },
      },
      `SELECT count(*) FROM Transaction ${tail} WHERE some_new_key LIKE 'some_value' AND foo LIKE 'myservice-prod-v01' AND bar LIKE 'us-west-2'`,
    ],
    [
      'an inline template is supplied',
      {
        customInlineTemplate:
          "SELECT count(*) FROM Transaction TIMESERIES 60 seconds SINCE ${startEpochSeconds} UNTIL ${endEpochSeconds} WHERE httpStatusCode LIKE '5%' AND autoScalingGroupName LIKE '${scope}' AND region LIKE '${location}'",
      },
      {},
      `SELECT count(*) FROM Transaction ${tail} WHERE httpStatusCode LIKE '5%' AND autoScalingGroupName LIKE 'myservice-prod-v01' AND region LIKE 'us-west-2'`,
    ],
    [
      'an inline template and extended scope params are supplied',
      {
        customInlineTemplate:
          "SELECT count(*) FROM Transaction TIMESERIES 60 seconds SINCE ${startEpochSeconds} UNTIL ${endEpochSeconds} WHERE httpStatusCode LIKE '5%' AND someKeyThatIsSetDuringDeployment LIKE '${someKey}' AND autoScalingGroupName LIKE '${scope}' AND region LIKE '${location}'",
      },
      { params: { someKey: 'someValue' } },
      `SELECT count(*) FROM Transaction ${tail} WHERE httpStatusCode LIKE '5%' AND someKeyThatIsSetDuringDeployment LIKE 'someValue' AND autoScalingGroupName LIKE 'myservice-prod-v01' AND region LIKE 'us-west-2'`,
    ],
  ])('%s', (_what, query, over, expected) => {
    expect(buildNrql(req({ type: 'newrelic', ...query }, over), defaults)).toBe(expected);
  });
});

describe('buildNrql: beyond Kayenta’s examples', () => {
  it('a named template with ${step}; no location key → no location clause', () => {
    const r = req(
      { customFilterTemplate: 'errors' },
      {
        templates: {
          errors: "SELECT count(*) FROM TransactionError TIMESERIES ${step} seconds WHERE appName = '${scope}'",
        },
      },
    );
    expect(buildNrql(r)).toBe(
      "SELECT count(*) FROM TransactionError TIMESERIES 60 seconds WHERE appName = 'myservice-prod-v01'",
    );
    expect(
      buildNrql(req({ select: 'count(*) FROM Transaction' }, { location: undefined }), { defaultScopeKey: 'appName' }),
    ).toBe(
      `SELECT count(*) FROM Transaction TIMESERIES 60 seconds SINCE ${S} UNTIL ${E} WHERE appName LIKE 'myservice-prod-v01'`,
    );
  });

  it('escapes quotes in values it places inside LIKE strings', () => {
    expect(escapeNrqlString("it's \\ here")).toBe("it\\'s \\\\ here");
    expect(
      buildNrql(req({ select: 'count(*) FROM T' }, { scope: "a' OR 'b" }), { defaultScopeKey: 'appName' }),
    ).toMatch(/WHERE appName LIKE 'a\\' OR \\'b'$/);
  });

  it.each<[string, Record<string, unknown>, Partial<FetchRequest>, object, RegExp]>([
    ['no select nor template', { type: 'newrelic' }, {}, defaults, /needs query\.select/],
    ['a query config of another store', { type: 'datadog', metricName: 'x' }, {}, defaults, /query\.type is "datadog"/],
    ['no scope key anywhere', { select: 'count(*) FROM T' }, {}, {}, /no NRQL attribute to match the scope/],
    [
      'a location key without a location',
      { select: 'count(*) FROM T' },
      { location: undefined },
      defaults,
      /location key region is set/,
    ],
    ['an unknown placeholder', { customInlineTemplate: 'SELECT ${nope}' }, {}, defaults, /\$\{nope\} has no value/],
  ])('refuses %s with BAD_QUERY', (_what, query, over, d, message) => {
    expect(badQueryMessage(() => buildNrql(req(query, over), d))).toMatch(message);
  });
});

describe('checkNewRelicQuery (at judgment creation)', () => {
  const select = req({ select: 'count(*) FROM Transaction' }).metric;

  it('needs a scope key: _scope_key among the judgment’s extendedScopeParams, or the source default', () => {
    expect(() => checkNewRelicQuery(select, {}, knownPlaceholders({}))).toThrow(/extendedScopeParams\._scope_key/);
    expect(() => checkNewRelicQuery(select, {}, knownPlaceholders({ _scope_key: 'appName' }))).not.toThrow();
    expect(() => checkNewRelicQuery(select, {}, knownPlaceholders({}), { defaultScopeKey: 'appName' })).not.toThrow();
  });

  it('knows the placeholders Kayenta adds to New Relic templates, and refuses others naming the field', () => {
    const metric = req({
      customInlineTemplate:
        'SELECT x SINCE ${startEpochSeconds} UNTIL ${endEpochSeconds} TIMESERIES ${step} seconds ${team}',
    }).metric;
    expect(() => checkNewRelicQuery(metric, {}, knownPlaceholders({ team: 'a' }))).not.toThrow();
    expect(() => checkNewRelicQuery(metric, {}, knownPlaceholders({}))).toThrow(
      /query\.customInlineTemplate uses the placeholder \$\{team\}/,
    );
  });
});
