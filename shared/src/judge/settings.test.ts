import { describe, expect, it } from 'vitest';
import { allNullCanarySettings } from '../testing/judge-fixtures';
import { JudgeInputError } from './errors';
import { DEFAULT_METRIC_SETTINGS, readMetricSettings } from './settings';

const BASE = 'canaryConfig.metrics[2].analysisConfigurations';

function refusal(config: unknown): JudgeInputError {
  try {
    readMetricSettings(config, BASE);
  } catch (e) {
    if (e instanceof JudgeInputError) return e;
    throw e;
  }
  throw new Error('expected a JudgeInputError');
}

describe('readMetricSettings', () => {
  it('gives Kayenta defaults for absent, null or non-object analysisConfigurations', () => {
    for (const config of [undefined, null, {}, { canary: null }, { canary: 'x' }, { extensions: { canary: {} } }]) {
      expect(readMetricSettings(config, BASE)).toEqual(DEFAULT_METRIC_SETTINGS);
    }
  });

  it('reads every documented field', () => {
    const s = readMetricSettings(
      {
        canary: {
          direction: 'increase',
          nanStrategy: 'replace',
          outliers: { strategy: 'remove', outlierFactor: 1.5 },
          critical: true,
          mustHaveData: true,
          muted: true,
          effectSize: { allowedIncrease: 1.1, allowedDecrease: 0.9, criticalIncrease: 2, criticalDecrease: 0.5 },
        },
      },
      BASE,
    );
    expect(s).toEqual({
      direction: 'increase',
      nanStrategy: 'replace',
      outlierStrategy: 'remove',
      outlierFactor: 1.5,
      critical: true,
      mustHaveData: true,
      muted: true,
      effectSizeMeasure: 'meanRatio',
      allowedIncrease: 1.1,
      allowedDecrease: 0.9,
      criticalIncrease: 2,
      criticalDecrease: 0.5,
    });
  });

  it('falls back to the default for unknown enum strings and non-string values, as Kayenta does', () => {
    const s = readMetricSettings(
      {
        canary: {
          direction: 'up',
          nanStrategy: 'zero',
          outliers: { strategy: 'drop' },
          effectSize: { measure: 'CLES' },
        },
      },
      BASE,
    );
    expect(s.direction).toBe('either');
    expect(s.nanStrategy).toBe('remove');
    expect(s.outlierStrategy).toBe('keep');
    expect(s.effectSizeMeasure).toBe('meanRatio');
    expect(readMetricSettings({ canary: { direction: 5 } }, BASE).direction).toBe('either');
    expect(readMetricSettings({ canary: [{ direction: 'increase' }] }, BASE).direction).toBe('either');
  });

  it('uses 0.5 thresholds for CLES and keeps critical defaults independent of allowed ones', () => {
    const s = readMetricSettings({ canary: { effectSize: { measure: 'cles', allowedIncrease: 0.7 } } }, BASE);
    expect(s.effectSizeMeasure).toBe('cles');
    expect([s.allowedIncrease, s.allowedDecrease, s.criticalIncrease, s.criticalDecrease]).toEqual([
      0.7, 0.5, 0.5, 0.5,
    ]);
    const m = readMetricSettings({ canary: { effectSize: { allowedIncrease: 1.3 } } }, BASE);
    expect(m.criticalIncrease).toBe(1);
  });

  it('reads every setting present with the value null as absent: the default applies (Kayenta MapUtils …WithDefault)', () => {
    const allNull = { canary: allNullCanarySettings() };
    expect(readMetricSettings(allNull, BASE)).toEqual(DEFAULT_METRIC_SETTINGS);
    const s = readMetricSettings({ canary: { critical: null, effectSize: { allowedIncrease: null } } }, BASE);
    expect(s.allowedIncrease).toBe(1); // the default, not 0.0
    expect(s.critical).toBe(false);
    // under CLES a null threshold is CLES's default 0.5; null objects are absent too
    const c = readMetricSettings({ canary: { effectSize: { measure: 'cles', criticalIncrease: null } } }, BASE);
    expect(c.criticalIncrease).toBe(0.5);
    expect(readMetricSettings({ canary: { outliers: null, effectSize: null } }, BASE)).toEqual(DEFAULT_METRIC_SETTINGS);
    // null next to real values: only the null ones take defaults
    const mixed = readMetricSettings(
      { canary: { direction: 'increase', critical: true, outliers: { strategy: 'remove', outlierFactor: null } } },
      BASE,
    );
    expect([mixed.direction, mixed.critical, mixed.outlierStrategy, mixed.outlierFactor]).toEqual([
      'increase',
      true,
      'remove',
      3,
    ]);
  });

  it.each([
    [
      'zero outlierFactor',
      { canary: { outliers: { outlierFactor: 0 } } },
      'canary.outliers.outlierFactor',
      'greater than 0',
    ],
    [
      'negative outlierFactor',
      { canary: { outliers: { outlierFactor: -1 } } },
      'canary.outliers.outlierFactor',
      'greater than 0',
    ],
    [
      'string outlierFactor',
      { canary: { outliers: { outlierFactor: '3' } } },
      'canary.outliers.outlierFactor',
      'JSON number',
    ],
    ['string critical', { canary: { critical: 'true' } }, 'canary.critical', 'JSON boolean'],
    ['numeric mustHaveData', { canary: { mustHaveData: 1 } }, 'canary.mustHaveData', 'JSON boolean'],
    ['fanned-out muted', { canary: [{ muted: true }] }, 'canary.muted', 'JSON boolean'],
    [
      'string threshold',
      { canary: { effectSize: { allowedIncrease: '1.1' } } },
      'canary.effectSize.allowedIncrease',
      'JSON number',
    ],
    [
      '64-bit integer threshold',
      { canary: { effectSize: { criticalIncrease: 3000000000 } } },
      'canary.effectSize.criticalIncrease',
      '32 bits',
    ],
  ])('refuses %s naming the path and the rule', (_name, config, suffix, rule) => {
    const e = refusal(config);
    expect(e.path).toBe(`${BASE}.${suffix}`);
    expect(e.rule).toContain(rule);
    expect(e.message).toBe(`${e.path}: ${e.rule}`);
  });
});
