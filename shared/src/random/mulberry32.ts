/**
 * A tiny seeded pseudo-random generator for deterministic demo data, examples, property tests and benchmarks.
 * The judge itself never draws random numbers (see `KAYENTA-DIFFERENCES.md`, constant series).
 */

/**
 * mulberry32: uniform draws in [0, 1) from a 32-bit seed; the same seed always yields the same sequence on every
 * platform (integer arithmetic with `Math.imul` only). Period 2³², not cryptographic.
 *
 * Reference: the public-domain mulberry32 generator (Tommy Ettinger).
 *
 * @param seed any number; only its low 32 bits are used
 * @returns a function returning the next uniform draw in [0, 1)
 * @example const next = mulberry32(42); next(); // 0.6011037519201636 (same on every run)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
