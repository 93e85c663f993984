import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JudgmentTiming } from '../contract/judgment';
import { IntervalPlanError } from './errors';
import { planIntervals } from './plan';
import { MAX_INTERVALS, resolveTiming } from './timing';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);

describe('planIntervals', () => {
  it('plans growing windows after the warm-up, due at their end', () => {
    const plans = planIntervals({ lifetimeMinutes: 60, intervalMinutes: 20, warmupMinutes: 5 }, T0);
    expect(plans.map((p) => [p.index, (p.experimentStartMs - T0) / MIN, (p.experimentEndMs - T0) / MIN])).toEqual([
      [1, 5, 25],
      [2, 5, 45],
      [3, 5, 65],
    ]);
    expect(plans.map((p) => p.dueAtMs)).toEqual(plans.map((p) => p.experimentEndMs));
    expect(plans[0]!.stepSeconds).toBe(60);
  });

  it('retrospective windows start at startTimeIso and are due when the data is complete', () => {
    const plans = planIntervals(
      {
        startTimeIso: '2024-01-01T00:00:00Z',
        endTimeIso: '2024-01-01T01:00:59Z',
        intervalMinutes: 30,
        warmupMinutes: 10,
      },
      T0 + 600 * MIN,
    );
    expect(plans.map((p) => [(p.experimentStartMs - T0) / MIN, (p.experimentEndMs - T0) / MIN])).toEqual([
      [0, 30],
      [0, 60],
    ]);
    // planned long after the window: due after the warm-up only
    expect(plans.map((p) => p.dueAtMs)).toEqual([T0 + 610 * MIN, T0 + 610 * MIN]);
  });

  it('clamps a sliding window longer than the elapsed time to the start, and shifts the baseline', () => {
    const [first, second] = planIntervals(
      { lifetimeMinutes: 20, intervalMinutes: 10, lookbackMinutes: 15, baselineOffsetMinutes: 60 },
      T0,
    );
    expect([first!.experimentStartMs, first!.experimentEndMs]).toEqual([T0, T0 + 10 * MIN]);
    expect([second!.experimentStartMs, second!.experimentEndMs]).toEqual([T0 + 5 * MIN, T0 + 20 * MIN]);
    expect([second!.controlStartMs, second!.controlEndMs]).toEqual([T0 - 55 * MIN, T0 - 40 * MIN]);
  });

  it('counts on whole milliseconds (0.3 min / 0.1 min = 3 intervals)', () => {
    expect(planIntervals({ lifetimeMinutes: 0.3, intervalMinutes: 0.1 }, T0)).toHaveLength(3);
  });

  it.each<[JudgmentTiming, string]>([
    [{}, 'timing.lifetimeMinutes: is required unless endTimeIso is given'],
    [{ lifetimeMinutes: 0 }, 'timing.lifetimeMinutes: must be > 0'],
    [{ lifetimeMinutes: -5 }, 'timing.lifetimeMinutes: must be ≥ 0'],
    [{ lifetimeMinutes: NaN }, 'timing.lifetimeMinutes: must be a finite number of minutes'],
    [{ lifetimeMinutes: '30' as unknown as number }, 'timing.lifetimeMinutes: must be a finite number of minutes'],
    [{ lifetimeMinutes: 60, intervalMinutes: -1 }, 'timing.intervalMinutes: must be ≥ 0'],
    [{ lifetimeMinutes: 60, stepSeconds: 0 }, 'timing.stepSeconds: must be a finite number of seconds > 0'],
    [{ lifetimeMinutes: 60, warmupMinutes: 1e9 }, 'timing.warmupMinutes: must be ≤ 525600 (one year)'],
    [
      { lifetimeMinutes: 60, intervalMinutes: 0.001 },
      `timing.intervalMinutes: gives 60000 intervals over the lifetime; at most ${MAX_INTERVALS} are allowed`,
    ],
    [
      { lifetimeMinutes: 60, endTimeIso: '2024-01-01T02:00:00Z' },
      'timing.lifetimeMinutes: must not be given together with endTimeIso',
    ],
    [
      { startTimeIso: '2024-01-01T00:00:00Z', endTimeIso: '2024-01-01T00:00:59Z' },
      'timing.endTimeIso: must be at least one minute after the start',
    ],
    [{ endTimeIso: 'yesterday' }, 'timing.endTimeIso: must be an ISO-8601 instant with a time zone'],
    [{ lifetimeMinutes: 60, startTimeIso: '2024-01-01T00:00:00' }, 'timing.startTimeIso: must be an ISO-8601 instant'],
  ])('refuses %j', (timing, message) => {
    let caught: unknown;
    try {
      planIntervals(timing, T0);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IntervalPlanError);
    expect((caught as IntervalPlanError).message).toContain(message);
    expect((caught as IntervalPlanError).path).toBe(message.split(':')[0]);
  });

  it('refuses a non-integer planning instant', () => {
    expect(() => planIntervals({ lifetimeMinutes: 1 }, 1.5)).toThrow('startMs: must be an integer');
  });
});

describe('planning invariants (property tests)', () => {
  const timingArb = fc.record({
    lifetimeMinutes: fc.integer({ min: 1, max: 2880 }),
    intervalMinutes: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
    warmupMinutes: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    lookbackMinutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    baselineOffsetMinutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
  });
  const startArb = fc.integer({ min: 0, max: 2_000_000_000_000 });

  it('count = floor(lifetime / interval), interval defaulting to the lifetime', () => {
    fc.assert(
      fc.property(timingArb, startArb, (timing, start) => {
        const i = timing.intervalMinutes;
        const interval = !i || i > timing.lifetimeMinutes ? timing.lifetimeMinutes : i;
        const plans = planIntervals(timing, start);
        expect(plans).toHaveLength(Math.floor(timing.lifetimeMinutes / interval));
        expect(plans.map((p) => p.index)).toEqual(plans.map((_, k) => k + 1));
      }),
    );
  });

  it('windows lie inside [start + warm-up, start + warm-up + lifetime] and are due at or after their end', () => {
    fc.assert(
      fc.property(timingArb, startArb, (timing, start) => {
        const t = resolveTiming(timing, start);
        const lo = start + t.warmupMs;
        for (const p of planIntervals(timing, start)) {
          expect(p.experimentStartMs).toBeGreaterThanOrEqual(lo);
          expect(p.experimentStartMs).toBeLessThan(p.experimentEndMs);
          expect(p.experimentEndMs).toBeLessThanOrEqual(lo + t.lifetimeMs);
          expect(p.experimentEndMs - p.controlEndMs).toBe(t.baselineOffsetMs);
          expect(p.experimentStartMs - p.controlStartMs).toBe(t.baselineOffsetMs);
          expect(p.dueAtMs).toBeGreaterThanOrEqual(p.experimentEndMs);
        }
      }),
    );
  });

  it('growing windows share one start; ends advance by one interval', () => {
    fc.assert(
      fc.property(timingArb, startArb, (timing, start) => {
        const plans = planIntervals({ ...timing, lookbackMinutes: 0 }, start);
        const t = resolveTiming(timing, start);
        expect(new Set(plans.map((p) => p.experimentStartMs)).size).toBe(1);
        plans.forEach((p, k) => expect(p.experimentEndMs).toBe(start + t.warmupMs + (k + 1) * t.intervalMs));
      }),
    );
  });

  it('sliding windows have length lookback once enough time has elapsed', () => {
    fc.assert(
      fc.property(timingArb, startArb, fc.integer({ min: 1, max: 600 }), (timing, start, lookback) => {
        const plans = planIntervals({ ...timing, lookbackMinutes: lookback }, start);
        const t = resolveTiming(timing, start);
        for (const p of plans) {
          const elapsed = p.index * t.intervalMs;
          expect(p.experimentEndMs - p.experimentStartMs).toBe(Math.min(lookback * MIN, elapsed));
        }
      }),
    );
  });
});
