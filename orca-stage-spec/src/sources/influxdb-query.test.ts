import { describe, expect, it } from 'vitest';
import {
  buildInfluxQuery,
  checkInfluxQuery,
  influxScopeCondition,
  influxTimeFilter,
  splitInfluxScope,
} from './influxdb-query';
import { badQueryMessage, metricOf } from '../testing/source-harness';

const metric = metricOf('temperature');
// kayenta-influxdb InfluxdbQueryBuilderTest.createScope(): start 1262347200 s, end 1262347300 s.
const window = (scope: string) => ({ scope, startMs: 1262347200_000, endMs: 1262347300_000, stepSeconds: 60 });

const badQuery = badQueryMessage;

describe('InfluxQL builder (the cases of Kayenta InfluxdbQueryBuilderTest, same inputs and outputs)', () => {
  const fields = ['external', 'internal'];

  it('testBuild_noScope', () => {
    expect(buildInfluxQuery(metric({ metricName: 'temperature', fields }), {}, window(''))).toBe(
      "SELECT external, internal FROM temperature WHERE time >= '2010-01-01T12:00:00Z' AND time < '2010-01-01T12:01:40Z'",
    );
  });

  it('testBuild_withInvalidScope: a scope that is not name:value is refused', () => {
    expect(
      badQuery(() =>
        buildInfluxQuery(metric({ metricName: 'temperature', fields }), {}, window("server='myapp-prod-v002'")),
      ),
    ).toMatch(/scope "server='myapp-prod-v002'" is not in the form name:value/);
    expect(() => splitInfluxScope('a:b:c')).toThrow(/not in the form name:value/);
  });

  it('testBuild_withValidScope', () => {
    expect(buildInfluxQuery(metric({ metricName: 'temperature', fields }), {}, window('server:myapp-prod-v002'))).toBe(
      "SELECT external, internal FROM temperature WHERE time >= '2010-01-01T12:00:00Z' AND time < '2010-01-01T12:01:40Z' AND server = 'myapp-prod-v002'",
    );
  });

  it('testBuild_withNoFieldsSpecified: every field (*::field)', () => {
    expect(buildInfluxQuery(metric({ metricName: 'temperature' }), {}, window('server:myapp-prod-v002'))).toBe(
      "SELECT *::field FROM temperature WHERE time >= '2010-01-01T12:00:00Z' AND time < '2010-01-01T12:01:40Z' AND server = 'myapp-prod-v002'",
    );
    expect(buildInfluxQuery(metric({ metricName: 'temperature', fields: [] }), {}, window('server:x'))).toMatch(
      /^SELECT \*::field FROM/,
    );
  });

  it('testBuild_customInlineTemplateWithMissingRequiredVariables', () => {
    expect(
      badQuery(() =>
        buildInfluxQuery(metric({ customInlineTemplate: 'SELECT count FROM measurement' }), {}, window('server:x')),
      ),
    ).toMatch(/query\.customInlineTemplate must contain \$\{timeFilter\}/);
    expect(
      badQuery(() => checkInfluxQuery(metric({ customInlineTemplate: 'SELECT count FROM m WHERE ${timeFilter}' }))),
    ).toMatch(/must contain \$\{scope\}/);
  });

  it('testBuild_customInlineTemplateWithRequiredVariables', () => {
    expect(
      buildInfluxQuery(
        metric({
          // Kayenta's test writes the stored, escaped form: $\{timeFilter}, $\{scope}.
          customInlineTemplate:
            "SELECT count FROM measurement WHERE label1 = 'value1' AND $\\{timeFilter} AND $\\{scope}",
        }),
        {},
        window('server:myapp-prod-v002'),
      ),
    ).toBe(
      "SELECT count FROM measurement WHERE label1 = 'value1' AND time >= '2010-01-01T12:00:00Z' AND time < '2010-01-01T12:01:40Z' AND server = 'myapp-prod-v002'",
    );
  });

  it.each([
    [
      'a second statement',
      'SELECT sum(count) FROM web_requests WHERE ${scope} AND ${timeFilter} GROUP BY time(1m); DROP DATABASE metrics',
      ';',
    ],
    [
      'SHOW SERIES',
      'SELECT sum(count) FROM web_requests WHERE ${scope} AND ${timeFilter} GROUP BY time(1m); SHOW SERIES',
      'SHOW SERIES',
    ],
    ['a line comment', "'SELECT count FROM web_requests WHERE ${scope} AND ${timeFilter}' or 1=1--", '--'],
  ])('testBuild_customInlineTemplateWithInvalid…: %s is refused', (_label, template, token) => {
    const message = badQuery(() =>
      buildInfluxQuery(metric({ customInlineTemplate: template }), {}, window('server:x')),
    );
    expect(message).toContain(`contains "${token}", which is not allowed`);
  });
});

describe('InfluxQL builder: templates and scope', () => {
  it('the docs example: ${scope}, ${timeFilter} and ${step}; template and customFilterTemplate read alike', () => {
    const text =
      "SELECT sum(count) FROM cpu WHERE host = 'value1' AND ${scope} AND ${timeFilter} GROUP BY time(${step})";
    const expected =
      "SELECT sum(count) FROM cpu WHERE host = 'value1' AND server = 'myapp-prod-v002' AND time >= '2010-01-01T12:00:00Z' AND time < '2010-01-01T12:01:40Z' GROUP BY time(60s)";
    expect(buildInfluxQuery(metric({ template: text }), {}, window('server:myapp-prod-v002'))).toBe(expected);
    expect(
      buildInfluxQuery(
        metric({ customFilterTemplate: 'cpuTemplate' }),
        { cpuTemplate: text },
        window('server:myapp-prod-v002'),
      ),
    ).toBe(expected);
    // template wins over customInlineTemplate, customInlineTemplate over customFilterTemplate, both over metricName.
    expect(
      buildInfluxQuery(
        metric({ template: text, customInlineTemplate: 'x', customFilterTemplate: 'y', metricName: 'z' }),
        {},
        window('server:myapp-prod-v002'),
      ),
    ).toBe(expected);
  });

  it("only ${timeFilter}, ${scope} and ${step} are placeholders (Kayenta's fixed vocabulary)", () => {
    expect(
      badQuery(() =>
        checkInfluxQuery(
          metric({ template: "SELECT a FROM b WHERE ${scope} AND ${timeFilter} AND r = '${location}'" }),
        ),
      ),
    ).toMatch(/query\.template uses the placeholder \$\{location\}, which has no value: InfluxDB templates know only/);
  });

  it('escapes the scope value for an InfluxQL string and quotes an unusual key', () => {
    expect(influxScopeCondition("app:o'brien\\x")).toBe("app = 'o\\'brien\\\\x'");
    expect(influxScopeCondition('kubernetes.pod-name:p1')).toBe('"kubernetes.pod-name" = \'p1\'');
  });

  it('time filter: Instant.toString form, milliseconds only when not zero; the end is excluded', () => {
    expect(influxTimeFilter(Date.parse('2024-05-01T12:00:00Z'), Date.parse('2024-05-01T12:10:00.250Z'))).toBe(
      "time >= '2024-05-01T12:00:00Z' AND time < '2024-05-01T12:10:00.250Z'",
    );
  });

  it('check names what is missing or wrong', () => {
    expect(badQuery(() => checkInfluxQuery(metric({})))).toMatch(
      /an InfluxDB query needs query\.metricName \(the measurement\), query\.template/,
    );
    expect(badQuery(() => checkInfluxQuery(metric({ type: 'graphite', metricName: 'a' })))).toMatch(
      /query\.type is "graphite", but this is a influxdb source/,
    );
    expect(badQuery(() => checkInfluxQuery(metric({ metricName: 'a', fields: 'value' })))).toMatch(
      /query\.fields must be a list/,
    );
    expect(badQuery(() => checkInfluxQuery(metric({ customFilterTemplate: 'nope' }), {}))).toMatch(
      /query\.customFilterTemplate "nope" is not in canaryConfig\.templates/,
    );
    expect(() =>
      checkInfluxQuery(metric({ type: 'influxdb', metricName: 'cpu', fields: ['mean(value)'] })),
    ).not.toThrow();
  });
});
