/**
 * NaN handling of a metric series (Kayenta `nanStrategy`, `design/kayenta-judge.md` §3): drop the NaN points or replace
 * them.
 */

/**
 * Drops every NaN element, keeping the order of the others (Kayenta `nanStrategy: remove`). An all-NaN series
 * becomes empty.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/preprocessing/Transforms.scala`
 * (`removeNaNs`); R `x[!is.nan(x)]`.
 *
 * @param values the raw series
 * @returns a new array without NaN
 * @example removeNaN([0, 1, NaN, 1, 0]) // Float64Array [0, 1, 1, 0]
 */
export function removeNaN(values: ArrayLike<number>): Float64Array {
  // Written straight into a typed array (no intermediate list), trimmed to the kept length.
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) out[n++] = v;
  }
  return n === out.length ? out : out.slice(0, n);
}

/**
 * Replaces every NaN element by `replacement` (Kayenta `nanStrategy: replace`, which always uses 0.0). An all-NaN
 * series becomes all `replacement`.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/preprocessing/Transforms.scala`
 * (`replaceNaNs`); R `replace(x, is.nan(x), 0)`.
 *
 * @param values the raw series
 * @param replacement the value put in place of NaN (default 0)
 * @returns a new array of the same length
 * @example replaceNaN([NaN, 10.1, 20.2]) // Float64Array [0, 10.1, 20.2]
 */
export function replaceNaN(values: ArrayLike<number>, replacement = 0): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isNaN(v) ? replacement : v;
  }
  return out;
}
