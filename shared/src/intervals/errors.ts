/**
 * The one error type of the interval module: a caller mistake in a judgment's timing.
 *
 * Message format (shared with the rest of the library): `<path>: <rule>`, e.g.
 * `timing.intervalMinutes: must be a finite number ≥ 0`. Data conditions are never errors here.
 */
export class IntervalPlanError extends Error {
  /** Field of `JudgmentTiming` at fault, e.g. `intervalMinutes` (or `startMs` for the planning instant). */
  readonly field: string;
  /** JSON path of the field inside a judgment request, e.g. `timing.intervalMinutes`. */
  readonly path: string;
  /** The rule that was broken, in words, e.g. `must be a finite number ≥ 0`. */
  readonly rule: string;

  /**
   * @param field - the offending field of the timing object (or `startMs`)
   * @param rule - the rule it breaks, lower-case, no full stop
   * @example new IntervalPlanError('lifetimeMinutes', 'must be > 0').message // 'timing.lifetimeMinutes: must be > 0'
   */
  constructor(field: string, rule: string) {
    const path = field === 'startMs' ? 'startMs' : `timing.${field}`;
    super(`${path}: ${rule}`);
    this.name = 'IntervalPlanError';
    this.field = field;
    this.path = path;
    this.rule = rule;
  }
}
