import { describe, expect, it } from 'vitest';
import { mapGet } from './map-utils';
import { NOT_APPLICABLE, upstreamCases } from '../testing/upstream-cases';
import { readMetricSettings } from './settings';

interface GetCase {
  path: string[];
  result: unknown;
}

describe('mapGet (Kayenta MapUtils.get semantics)', () => {
  const cases = upstreamCases('config').filter((c) => !(c.source in NOT_APPLICABLE));

  it.each(cases.map((c) => [c.source.split('#')[1] ?? c.source, c] as const))('upstream case: %s', (_name, c) => {
    const data = c.input['data'];
    const fn = c.config['function'];
    const expected = c.expected;
    if (fn === 'MapUtils.get(data, path...)') {
      for (const g of expected['gets'] as GetCase[]) {
        const read = mapGet(data, g.path);
        if (g.result === null) expect(read, JSON.stringify(g.path)).toEqual({ found: false });
        else if (g.result === 'whole map') expect(read).toEqual({ found: true, value: data });
        else expect(read, JSON.stringify(g.path)).toEqual({ found: true, value: g.result });
      }
      const scalar = expected['scalar'] as { data: unknown; path: string[]; result: unknown };
      expect(mapGet(scalar.data, scalar.path)).toEqual({ found: true, value: scalar.result });
    } else if (fn === 'MapUtils.get') {
      expect(mapGet(data, c.config['path'] as string[])).toEqual({ found: false });
    } else if (fn === 'MapUtils.getAsDoubleWithDefault') {
      // Our double read is readMetricSettings' number reader: place the data where a threshold is read.
      const path = c.config['path'] as string[];
      const value = mapGet(data, path);
      expect(value).toEqual({ found: true, value: expected['result'] });
      const s = readMetricSettings(
        { canary: { effectSize: { allowedIncrease: (data as Record<string, unknown>)['bar'] } } },
        'x',
      );
      expect(s.allowedIncrease).toBe(expected['result']);
      const d = readMetricSettings({ canary: { effectSize: {} } }, 'x');
      expect(d.allowedIncrease).toBe(c.config['default']);
    } else {
      throw new Error(
        `no runner for config case ${c.source} (function ${String(fn)}); add one or list it in NOT_APPLICABLE`,
      );
    }
  });

  it('distinguishes a key holding null (present) from a missing key (absent)', () => {
    expect(mapGet({ a: null }, ['a'])).toEqual({ found: true, value: null });
    expect(mapGet({ a: null }, ['b'])).toEqual({ found: false });
    expect(mapGet({ a: null }, ['a', 'b'])).toEqual({ found: false });
  });

  it('does not read inherited properties', () => {
    expect(mapGet({}, ['toString'])).toEqual({ found: false });
    expect(mapGet({}, ['__proto__'])).toEqual({ found: false });
  });

  it('fans out over nested arrays and drops elements without the key', () => {
    expect(mapGet([[{ a: 1 }], { b: 2 }, { a: 3 }], ['a'])).toEqual({ found: true, value: [[1], 3] });
    expect(mapGet([], ['a'])).toEqual({ found: false });
  });
});
