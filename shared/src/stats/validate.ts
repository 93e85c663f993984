/**
 * Input checks shared by the statistics functions. Caller mistakes (empty input where data is required,
 * non-finite numbers, an out-of-range parameter) raise a `RangeError` whose message names the function, the
 * argument (with the index of the offending element) and the rule, in one format:
 * `<function>: <argument> <rule>, got <value>`.
 */

/**
 * Throws a `RangeError` unless every element of `values` is a finite number.
 *
 * @param values series to check
 * @param fn name of the public function doing the check (first word of the message)
 * @param name argument name used in the message, e.g. `x (experiment)`
 * @throws {RangeError} `mannWhitney: x (experiment)[3] must be a finite number, got NaN`
 */
export function assertFinite(values: ArrayLike<number>, fn: string, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${fn}: ${name}[${i}] must be a finite number, got ${String(v)}`);
    }
  }
}

/**
 * Throws a `RangeError` when `values` is empty.
 *
 * @param values series to check
 * @param fn name of the public function doing the check
 * @param name argument name used in the message
 * @throws {RangeError} `meanRatio: control must have at least 1 value, got 0 values`
 */
export function assertNonEmpty(values: ArrayLike<number>, fn: string, name: string): void {
  if (values.length === 0) {
    throw new RangeError(`${fn}: ${name} must have at least 1 value, got 0 values`);
  }
}
