import { JudgeInputError } from '@canary-judge/shared';

/**
 * A request the CLI refuses (exit code 2): bad JSON, a schema violation or a judge configuration error. It is the
 * judge's {@link JudgeInputError} (`path`, `rule`, a message that reads `<path>: <rule>`, just `<rule>` for the
 * whole input) under the CLI's own name, so that the CLI's refusals read exactly like the judge's.
 *
 * @example new CliInputError('scoreThresholds.pass', 'expected a number').message
 * // 'scoreThresholds.pass: expected a number'
 */
export class CliInputError extends JudgeInputError {
  /**
   * @param path - JSON path, dotted with `[i]` for array indices; `''` for the whole input
   * @param rule - the rule broken, lower case, no full stop (e.g. `expected a number or "NaN"`)
   */
  constructor(path: string, rule: string) {
    super(path, rule);
    this.name = 'CliInputError';
  }
}
