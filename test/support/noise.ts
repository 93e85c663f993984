/**
 * Deterministic normal noise for test data: Box–Muller over the scoring library's seeded `mulberry32`, so the
 * data a test writes into a metric store never changes between runs.
 */
import { mulberry32 } from '@canary-judge/shared';

/**
 * Standard normal draws (mean 0, sd 1) from a 32-bit seed; the same seed gives the same sequence everywhere.
 * Reference: Box & Muller (1958), "A note on the generation of random normal deviates".
 * @param seed any number; only its low 32 bits are used
 * @returns the next draw on each call
 */
export function noise(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(Math.max(uniform(), 1e-12))) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Noisy metric values: `mean + sd × z` for standard normal draws `z` from {@link noise}, rounded to three decimals
 * (what the tests write into metric stores, which keep them exactly).
 * @param seed the seed of the draws
 * @param mean the values' mean
 * @param sd their standard deviation
 * @returns the next value on each call
 */
export function noisyValues(seed: number, mean: number, sd: number): () => number {
  const draw = noise(seed);
  return () => Math.round((mean + sd * draw()) * 1000) / 1000;
}
