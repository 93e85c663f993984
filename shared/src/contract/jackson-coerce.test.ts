import { describe, expect, it } from 'vitest';
import { coerceCanaryConfigScalars } from './jackson-coerce';

describe('coerceCanaryConfigScalars (Jackson ALLOW_COERCION_OF_SCALARS on CanaryConfig)', () => {
  it('reads numbers and booleans as strings in String fields', () => {
    const c = {
      configVersion: 1.0,
      name: 42,
      id: true,
      applications: ['app', 7],
      judge: { name: 1 },
      templates: { t: 5 },
      metrics: [{ name: 3, groups: [1, 'g'], scopeName: 0 }],
    };
    expect(coerceCanaryConfigScalars(c)).toEqual({
      configVersion: '1',
      name: '42',
      id: 'true',
      applications: ['app', '7'],
      judge: { name: '1' },
      templates: { t: '5' },
      metrics: [{ name: '3', groups: ['1', 'g'], scopeName: '0' }],
    });
  });

  it('reads decimal strings as numbers in number fields, and leaves other text for the schema to refuse', () => {
    const c = { classifier: { groupWeights: { a: '60', b: ' 40.5 ', c: 'heavy' }, scoreThresholds: { pass: '75' } } };
    expect(coerceCanaryConfigScalars(c)).toEqual({
      classifier: { groupWeights: { a: 60, b: 40.5, c: 'heavy' }, scoreThresholds: { pass: 75 } },
    });
  });

  it('leaves objects and arrays where scalars belong (Jackson refuses them), and non-objects alone', () => {
    const c = { configVersion: { v: 1 }, metrics: [{ name: ['x'] }], applications: 'single' };
    expect(coerceCanaryConfigScalars(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(coerceCanaryConfigScalars(null)).toBeNull();
    expect(coerceCanaryConfigScalars('x')).toBe('x');
  });
});
