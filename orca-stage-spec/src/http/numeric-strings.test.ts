import { describe, expect, it } from 'vitest';
import { normalizeNumericStrings } from './numeric-strings';

describe('normalizeNumericStrings', () => {
  it('converts plain decimal strings of the timing and threshold fields only', () => {
    const body = {
      timing: { lifetimeMinutes: '30', stepSeconds: ' 7.5 ', warmupMinutes: '1e1', startTimeIso: '2024' },
      thresholds: { pass: '+75', marginal: '.5' },
      scopes: { controlScope: '42' },
    };
    expect(normalizeNumericStrings(body)).toEqual({
      timing: { lifetimeMinutes: 30, stepSeconds: 7.5, warmupMinutes: 10, startTimeIso: '2024' },
      thresholds: { pass: 75, marginal: 0.5 },
      scopes: { controlScope: '42' },
    });
  });

  it('drops blank strings and leaves anything else for the schema to refuse', () => {
    expect(
      normalizeNumericStrings({ thresholds: { pass: '', marginal: ' ' }, timing: { lifetimeMinutes: 'soon' } }),
    ).toEqual({
      thresholds: {},
      timing: { lifetimeMinutes: 'soon' },
    });
    expect(normalizeNumericStrings({ thresholds: { pass: '0x10', marginal: 'Infinity' } })).toEqual({
      thresholds: { pass: '0x10', marginal: 'Infinity' },
    });
  });

  it('ignores bodies that are not objects and parents that are not objects', () => {
    expect(normalizeNumericStrings(null)).toBeNull();
    expect(normalizeNumericStrings([1])).toEqual([1]);
    expect(normalizeNumericStrings({ timing: ['30'] })).toEqual({ timing: ['30'] });
  });
});
