/**
 * Data for stand-in stores: a seeded latency series per scope, the same for every fetch of a window, with the canary
 * (a scope containing "canary") 40 % slower when `regressed`.
 */
import { mulberry32 } from '@canary-judge/shared';
import type { StandInData } from './types';

/**
 * A {@link StandInData} of latencies around 100 ms (noise ±10 %), on the step grid from start to end.
 * @param regressed whether canary scopes are 40 % slower
 */
export function latencyData(regressed: boolean): StandInData {
  return (scope, startMs, endMs, stepSeconds) => {
    const stepMs = stepSeconds * 1000;
    const timestamps: number[] = [];
    const values: number[] = [];
    const factor = regressed && scope.includes('canary') ? 1.4 : 1;
    for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) {
      const r = mulberry32((t / stepMs) ^ (scope.includes('canary') ? 0x9e3779b9 : 0x85ebca6b))();
      timestamps.push(t);
      values.push(100 * factor * (0.9 + 0.2 * r));
    }
    return { timestamps, values };
  };
}
