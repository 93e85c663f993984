/**
 * Ranking with average ranks for ties, as commons-math `NaturalRanking(NaNStrategy.MAXIMAL, TiesStrategy.AVERAGE)`
 * ranks in Kayenta's Mann-Whitney statistic and CLES. Ordering follows Java's `Double.compare`: −0 ranks below +0,
 * NaN is recoded to +Infinity (so it ranks last and ties with +Infinity).
 */

/**
 * Total order of doubles as Java's `Double.compare`: numeric order, with −0 before +0 and NaN after +Infinity.
 *
 * @param a first value
 * @param b second value
 * @returns negative, zero or positive, like a comparator
 * @example [0, -0, NaN, -1].sort(compareDoubles) // [-1, -0, 0, NaN]
 */
export function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) {
    if (a !== 0) return 0;
    return (1 / a < 0 ? 0 : 1) - (1 / b < 0 ? 0 : 1); // -0 before +0
  }
  return (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0);
}

/**
 * Ranks 1..n of the values, ties sharing the average of the positions they occupy: a tie group starting at
 * 1-based position `c` with `t` members gets `(2c + t − 1) / 2`, always an exact half-integer. NaN ranks as
 * +Infinity (commons-math `NaNStrategy.MAXIMAL`).
 *
 * Reference: commons-math `org.apache.commons.math3.stat.ranking.NaturalRanking` (`TiesStrategy.AVERAGE`); R
 * `rank(x, ties.method = "average")`.
 *
 * @param values the values, any order
 * @returns the rank of each value, in input order
 * @example averageRanks([10, 20, 10, 30]) // Float64Array [1.5, 3, 1.5, 4]
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    keys[i] = Number.isNaN(v) ? Infinity : v;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => compareDoubles(keys[i]!, keys[j]!) || i - j);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const first = keys[order[start]!]!;
    let end = start + 1;
    while (end < n && compareDoubles(keys[order[end]!]!, first) === 0) end++;
    const rank = (2 * (start + 1) + (end - start) - 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    start = end;
  }
  return ranks;
}
