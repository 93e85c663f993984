/**
 * fast-check generators the judge's property tests share: wire values (finite doubles, small integers for ties and
 * zeros, and Kayenta's `"NaN"` string) and `analysisConfigurations.canary` blocks with every key optional.
 * Test support only: not exported from the library barrel.
 */
import fc from 'fast-check';
import type { CanaryAnalysisSettings, Direction, WireNumber } from '../contract/kayenta';

/** One wire value: any finite double, a small integer (ties, exact zeros) or `"NaN"`, weighted 6 : 6 : 2. */
export const wirePoint: fc.Arbitrary<WireNumber> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 6, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 2, arbitrary: fc.constant<WireNumber>('NaN') },
);

/** A series of up to 25 {@link wirePoint}s (possibly empty). */
export const wireSeries: fc.Arbitrary<WireNumber[]> = fc.array(wirePoint, { maxLength: 25 });

/**
 * `analysisConfigurations.canary` with every key optional: direction, NaN strategy, critical, must-have-data, muted,
 * outliers (factor 0.01–10) and, if asked, effect sizes (mean ratio or CLES, thresholds 0–3).
 * @param directions the directions to draw (a test of refusals may add an invalid one such as `sideways`).
 * @param withEffectSize whether to draw an `effectSize` block.
 */
export function canarySettings(
  directions: readonly (Direction | string)[],
  withEffectSize: boolean,
): fc.Arbitrary<CanaryAnalysisSettings> {
  const threshold = fc.double({ min: 0, max: 3, noNaN: true });
  return fc.record(
    {
      direction: fc.constantFrom(...(directions as Direction[])),
      nanStrategy: fc.constantFrom('remove', 'replace'),
      critical: fc.boolean(),
      mustHaveData: fc.boolean(),
      muted: fc.boolean(),
      outliers: fc.record({
        strategy: fc.constantFrom('remove', 'keep'),
        outlierFactor: fc.double({ min: 0.01, max: 10, noNaN: true }),
      }),
      ...(withEffectSize
        ? {
            effectSize: fc.record(
              {
                measure: fc.constantFrom('meanRatio', 'cles'),
                allowedIncrease: threshold,
                allowedDecrease: threshold,
                criticalIncrease: threshold,
                criticalDecrease: threshold,
              },
              { requiredKeys: [] },
            ),
          }
        : {}),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<CanaryAnalysisSettings>;
}
