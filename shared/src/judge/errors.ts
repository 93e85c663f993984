/**
 * The one error the judge throws for a request it refuses.
 *
 * Kayenta fails a whole judge call with a stack trace on configuration errors (spec "Details that decide exact
 * parity"); Canary Judge refuses the same requests with this error instead, naming the JSON path and the rule.
 * Data conditions (no data, all observations tied) are never errors: they are typed results (`Nodata`, `Error`).
 */

/**
 * A request the judge refuses: `path` is the JSON path of the offending field (e.g.
 * `canaryConfig.metrics[2].analysisConfigurations.canary.outliers.outlierFactor` or
 * `metricSetPairList[3].values.control[7]`), `rule` the rule it breaks, and `message` reads `<path>: <rule>`.
 * Callers map it to HTTP 400 / CLI exit 2.
 *
 * @example
 * new JudgeInputError('scoreThresholds.pass', 'must be a number').message // 'scoreThresholds.pass: must be a number'
 */
export class JudgeInputError extends Error {
  /** JSON path of the offending field, dotted with `[i]` for array indices; `''` for the whole request. */
  readonly path: string;
  /** The rule the field breaks, e.g. `must be greater than 0`. */
  readonly rule: string;

  /**
   * @param path JSON path of the offending field.
   * @param rule The rule it breaks (lower case, no full stop).
   */
  constructor(path: string, rule: string) {
    super(path === '' ? rule : `${path}: ${rule}`);
    this.name = 'JudgeInputError';
    this.path = path;
    this.rule = rule;
  }
}
