import { describe, expect, it } from 'vitest';
import type { ListedQueryField } from './metricSources';
import { editableFields, fieldText, parseFieldText, queryFieldIssues, setQueryField } from './queryFields';

const str: ListedQueryField = { name: 'metricType', description: '', kind: 'string', required: true };
const list: ListedQueryField = { name: 'groupByFields', description: '', kind: 'string[]' };
const objs: ListedQueryField = { name: 'queryPairs', description: '', kind: 'object[]' };

describe('queryFields', () => {
  it('shows string[] one per line, object[] as JSON, absent as empty', () => {
    expect(fieldText(list, ['a', 'b'])).toBe('a\nb');
    expect(fieldText(objs, [{ key: 'k', value: 'v' }])).toBe('[\n  {\n    "key": "k",\n    "value": "v"\n  }\n]');
    expect(fieldText(str, undefined)).toBe('');
    expect(fieldText(str, 42)).toBe('42');
  });

  it('reads text back: blank removes, lines trimmed, JSON checked', () => {
    expect(parseFieldText(str, '  ')).toEqual({ ok: true, value: undefined });
    expect(parseFieldText(list, ' a \n\nb\n')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseFieldText(objs, '[{"key":"k"}]')).toEqual({ ok: true, value: [{ key: 'k' }] });
    const bad = parseFieldText(objs, '[{');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^queryPairs: not valid JSON/);
    expect(parseFieldText(objs, '[1]')).toEqual({
      ok: false,
      error: 'queryPairs: must be a JSON array of objects, e.g. [{"name": "…"}]',
    });
  });

  it('sets a field keeping other keys; type is the source type except for prometheus and demo', () => {
    expect(setQueryField({ foo: 1, metricName: 'a' }, 'datadog', 'metricName', 'b')).toEqual({
      foo: 1,
      metricName: 'b',
      type: 'datadog',
    });
    expect(setQueryField({ type: 'signalfx', metricName: 'a' }, 'signalfx', 'metricName', undefined)).toEqual({
      type: 'signalfx',
    });
    expect(setQueryField({ promql: 'up' }, 'prometheus', 'labelBindings', ['a="b"'])).toEqual({
      promql: 'up',
      labelBindings: ['a="b"'],
    });
    expect(setQueryField({ series: 'cpu' }, 'demo', 'scenario', 'healthy')).toEqual({
      series: 'cpu',
      scenario: 'healthy',
    });
  });

  it('leaves the legacy text field to the metric editor', () => {
    const fields: ListedQueryField[] = [
      { name: 'promql', description: '', kind: 'text' },
      { name: 'metricName', description: '', kind: 'string' },
    ];
    expect(editableFields('prometheus', fields).map((f) => f.name)).toEqual(['metricName']);
    expect(editableFields('datadog', fields).map((f) => f.name)).toEqual(['promql', 'metricName']);
  });

  it('names missing required fields and unparsable text by field', () => {
    expect(queryFieldIssues([str, objs], {})).toEqual(['metricType: is required']);
    expect(queryFieldIssues([str, objs], { metricType: '  ' }, { queryPairs: '{' })).toEqual([
      'metricType: is required',
      expect.stringMatching(/^queryPairs: not valid JSON/),
    ]);
    expect(queryFieldIssues([str, objs], { metricType: 'x' }, { queryPairs: '[]' })).toEqual([]);
  });
});
