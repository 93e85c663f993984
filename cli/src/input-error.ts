/**
 * A request the CLI refuses (exit code 2): bad JSON, a schema violation or a judge configuration error.
 * The message reads `<path>: <rule>` like the judge's `JudgeInputError` (just `<rule>` for the whole request).
 */
export class CliInputError extends Error {
  /** JSON path of the offending field (`metricSetPairList[3].values.control[7]`), `''` for the whole input. */
  readonly path: string;
  /** The rule broken, e.g. `expected a number or "NaN"`. */
  readonly rule: string;

  /**
   * @param path - JSON path, dotted with `[i]` for array indices; `''` for the whole input
   * @param rule - the rule broken, lower case, no full stop
   * @example new CliInputError('scoreThresholds.pass', 'expected a number').message
   * // 'scoreThresholds.pass: expected a number'
   */
  constructor(path: string, rule: string) {
    super(path === '' ? rule : `${path}: ${rule}`);
    this.name = 'CliInputError';
    this.path = path;
    this.rule = rule;
  }
}
