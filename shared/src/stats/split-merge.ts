/**
 * The Mann-Whitney count `U(d) = #{(i, j) : x_i − d > y_j}` of two sorted samples, by a merge split into four
 * branch-free merges that the processor runs side by side — the hot loop of the Mann-Whitney search.
 *
 * Why: the ordinary merge of `x − d` with `y` decides at every step whether the next value comes from `x` or `y`;
 * for samples that interleave randomly that branch is mispredicted about every other step, and the step cannot start
 * before the previous one has finished. Here each step turns the comparison into 0/1 and adds it to the indices (no
 * branch), and the merged order is cut at three output positions found by binary search ("merge path", Odeh et al.,
 * "Merge Path — Parallel Merging Made Simple", IPDPS 2012), so four independent chains share each loop iteration.
 *
 * What it is for: with no tie between an `x − d` and a `y` and no two distinct `x` rounded together by the
 * subtraction, the sum of the average ranks of the `x` part of the pooled sample is exactly `nx(nx + 1)/2 + U`
 * and the tie term is the constant one of the two samples' own duplicates, so the rank-sum statistic follows from
 * `U` alone. {@link splitMergeCount} reports a tie instead of a count, and {@link splitMergeApplies} rules out the
 * rounding, so the caller can fall back to the full merge in those cases.
 */

/** The samples prepared once for {@link splitMergeCount} (copies with a sentinel, and the constants the merge needs). */
export interface SplitMergeSamples {
  /** The experiment sample, sorted ascending, followed by one `+∞` sentinel. */
  readonly xp: Float64Array;
  /** The control sample, sorted ascending, followed by one `+∞` sentinel. */
  readonly yp: Float64Array;
  /** Number of experiment values (`xp.length − 1`). */
  readonly nx: number;
  /** Number of control values (`yp.length − 1`). */
  readonly ny: number;
  /** Σ (t³ − t) over the runs of equal values within `x` and within `y` (an exact integer). */
  readonly ownTieTerm: number;
  /** Smallest difference between two consecutive distinct `x` values (`+∞` when `x` has one distinct value). */
  readonly minGapX: number;
  /** `max(|x_min|, |x_max|)`. */
  readonly maxAbsX: number;
}

/**
 * Σ (t³ − t) over the runs of equal values (`===`) of a sorted sample, and the smallest positive difference between
 * neighbours (`+∞` when there is none), in one pass.
 */
function runsAndGap(sorted: Float64Array): { tieTerm: number; minGap: number } {
  let tieTerm = 0;
  let minGap = Infinity;
  let t = 1;
  for (let k = 1; k < sorted.length; k++) {
    const gap = sorted[k]! - sorted[k - 1]!;
    if (gap === 0) {
      t++;
      continue;
    }
    if (gap < minGap) minGap = gap;
    if (t > 1) tieTerm += t * t * t - t;
    t = 1;
  }
  if (t > 1) tieTerm += t * t * t - t;
  return { tieTerm, minGap };
}

/**
 * `sorted` followed by a `+∞` sentinel: a view of its own buffer when the element right after it is already `+∞`
 * (the judge's classifier sorts into such buffers), else a copy.
 */
function withSentinel(sorted: Float64Array): Float64Array {
  const n = sorted.length;
  if (sorted.byteOffset + (n + 1) * 8 <= sorted.buffer.byteLength) {
    const view = new Float64Array(sorted.buffer, sorted.byteOffset, n + 1);
    if (view[n] === Infinity) return view;
  }
  const out = new Float64Array(n + 1);
  out.set(sorted);
  out[n] = Infinity;
  return out;
}

/**
 * Prepares two sorted samples for {@link splitMergeCount}: sentinel copies, the samples' own tie term, the smallest
 * gap between distinct `x` values and the largest `|x|`. O(nx + ny), once per pair of samples.
 *
 * @param xs experiment sample, sorted ascending with `Float64Array.prototype.sort`, finite, non-empty
 * @param ys control sample, sorted ascending, finite, non-empty
 * @returns the prepared samples
 * @example splitMergeSamples(Float64Array.of(1, 1, 3), Float64Array.of(2)).ownTieTerm // 6 (the run of two 1s)
 */
export function splitMergeSamples(xs: Float64Array, ys: Float64Array): SplitMergeSamples {
  const x = runsAndGap(xs);
  return {
    xp: withSentinel(xs),
    yp: withSentinel(ys),
    nx: xs.length,
    ny: ys.length,
    ownTieTerm: x.tieTerm + runsAndGap(ys).tieTerm,
    minGapX: x.minGap,
    maxAbsX: Math.max(Math.abs(xs[0]!), Math.abs(xs[xs.length - 1]!)),
  };
}

/**
 * Whether the count may stand in for the full merge at shift `d`: no two distinct `x` values can round to the same
 * `x − d`, and the rank sum and tie term are exact integers in doubles whatever the order they are summed in.
 *
 * Rounding: two reals `a < b` of magnitude ≤ M that round to one double are at most `2⁻⁵²·M` apart (each moves by
 * at most `2⁻⁵³·M`; results in the subnormal range are exact), so a smallest gap between distinct `x` above
 * `2⁻⁵⁰·(max|x| + |d|)` rules it out (the factor 4 covers the rounding of the gap and of the bound themselves).
 * Exactness: `2·Σ ranks ≤ N(N + 1)` and the tie term must stay ≤ 2⁵³ (N below about 9.5·10⁷; no run of more than
 * about 208,000 equal values), else the full merge's order of summation decides the last bits and it is used.
 * False for a non-finite `d` or an overflowing bound.
 *
 * @param s the prepared samples
 * @param d the shift, finite
 * @returns whether {@link splitMergeCount} gives the full merge's rank sum and tie term at this shift
 * @example splitMergeApplies(splitMergeSamples(Float64Array.of(1e-20, 2e-20), Float64Array.of(1)), -1) // false
 */
export function splitMergeApplies(s: SplitMergeSamples, d: number): boolean {
  const n = s.nx + s.ny;
  return s.minGapX > (s.maxAbsX + Math.abs(d)) * 2 ** -50 && n * (n + 1) <= 2 ** 53 && s.ownTieTerm <= 2 ** 53;
}

/**
 * Number of `x` values among the first `p` values of the merged order of `x − d` and `y` (an `x − d` before an equal
 * `y`): the largest `i` with `x[i−1] − d ≤ y[p−i]`, by binary search.
 */
function xsBefore(s: SplitMergeSamples, p: number, d: number): number {
  const { xp, yp } = s;
  let lo = Math.max(0, p - s.ny);
  let hi = Math.min(p, s.nx);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xp[mid - 1]! - d <= yp[p - mid]!) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * `U(d) = #{(i, j) : x_i − d > y_j}` by four branch-free merges over quarters of the merged order (module doc), or
 * −1 when some `x_i − d` equals some `y_j` (then the ranks need the full merge) — or overflows to +∞, which meets the
 * +∞ sentinel (left to the full merge as well). Every `x_i − d` is computed exactly as the full merge computes it,
 * so the comparisons, and therefore `U`, are the same. O(nx + ny) steps, no allocation.
 *
 * @param s the prepared samples
 * @param d the shift subtracted from every x, finite
 * @returns `U` (an exact integer below 2⁵³), or −1 when an `x − d` ties with a `y` or is +∞
 * @example splitMergeCount(splitMergeSamples(Float64Array.of(10, 20, 30, 40), Float64Array.of(1, 2, 3, 4)), 0) // 16
 */
export function splitMergeCount(s: SplitMergeSamples, d: number): number {
  const { xp, yp } = s;
  const n = s.nx + s.ny;
  const q = n >> 2;
  let i1 = xsBefore(s, q, d);
  let i2 = xsBefore(s, 2 * q, d);
  let i3 = xsBefore(s, 3 * q, d);
  let j1 = q - i1;
  let j2 = 2 * q - i2;
  let j3 = 3 * q - i3;
  let i0 = 0;
  let j0 = 0;
  let total = 0;
  let tie = 0;
  // Chain k walks output positions [k·q, (k+1)·q). Each step: take y (t = 1) when y < x − d, else x, adding the number
  // of y before it; a tie shows as x − d === y at the step that takes that x. The per-chain sums are flushed into
  // `total` every `block` steps, so that they stay small integers (the engine's fast integer arithmetic) however
  // large U grows.
  const block = Math.max(1, Math.min(4096, Math.floor(2 ** 28 / (s.ny + 1))));
  for (let start = 0; start < q; start += block) {
    const end = Math.min(q, start + block);
    let u0 = 0;
    let u1 = 0;
    let u2 = 0;
    let u3 = 0;
    for (let k = start; k < end; k++) {
      const x0 = xp[i0]! - d;
      const y0 = yp[j0]!;
      const x1 = xp[i1]! - d;
      const y1 = yp[j1]!;
      const x2 = xp[i2]! - d;
      const y2 = yp[j2]!;
      const x3 = xp[i3]! - d;
      const y3 = yp[j3]!;
      const t0 = +(y0 < x0);
      const t1 = +(y1 < x1);
      const t2 = +(y2 < x2);
      const t3 = +(y3 < x3);
      tie |= +(x0 === y0) | +(x1 === y1) | +(x2 === y2) | +(x3 === y3);
      u0 += (1 - t0) * j0;
      u1 += (1 - t1) * j1;
      u2 += (1 - t2) * j2;
      u3 += (1 - t3) * j3;
      j0 += t0;
      i0 += 1 - t0;
      j1 += t1;
      i1 += 1 - t1;
      j2 += t2;
      i2 += 1 - t2;
      j3 += t3;
      i3 += 1 - t3;
    }
    total += u0;
    total += u1;
    total += u2;
    total += u3;
  }
  // The last chain also walks the n − 4q positions left over (fewer than 4).
  for (let k = 4 * q; k < n; k++) {
    const x3 = xp[i3]! - d;
    const y3 = yp[j3]!;
    const t3 = +(y3 < x3);
    tie |= +(x3 === y3);
    total += (1 - t3) * j3;
    j3 += t3;
    i3 += 1 - t3;
  }
  return tie === 0 ? total : -1;
}
