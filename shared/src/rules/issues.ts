/**
 * The issue shape every validation rule reports: the field (a dotted JSON path inside the validated document, e.g.
 * `canaryConfig.metrics[1].groups`) and the rule it breaks, in words and in the unit a person reads.
 * Reference: the project's error shape (`docs/design/orca-webhook-contract.md` §6.3: `{code, message, field}`).
 */

/** One broken rule. */
export interface RuleIssue {
  /** Dotted JSON path of the field, `[i]` for array items; relative to the validated document. */
  field: string;
  /** The rule, lower case, no full stop, e.g. `must be at least 0 % (got −5 %)`. */
  rule: string;
}

/**
 * The one-line text of an issue, as every surface prints it: `<field>: <rule>`.
 *
 * @param issue the issue
 * @param prefix path prefix to add (e.g. `payload.` in the Deck stage), default none
 * @returns e.g. `thresholds.marginal: must be below pass (75)`
 */
export function issueText(issue: RuleIssue, prefix = ''): string {
  return `${prefix}${issue.field}: ${issue.rule}`;
}

/**
 * Several problems as one message, as every surface folds them: the text itself when there is one, else
 * `<n> problems: <text>; <text>; …`.
 *
 * @param texts the problems' texts (e.g. from {@link issueText}), at least one
 * @returns e.g. `2 problems: thresholds.pass: is required; timing.lifetimeMinutes: must be at least 1`
 */
export function foldIssueTexts(texts: readonly string[]): string {
  return texts.length <= 1 ? (texts[0] ?? '') : `${texts.length} problems: ${texts.join('; ')}`;
}

/** A value read from untrusted JSON as a plain object (anything else reads as `{}`). */
export function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Absent, null or a blank string. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Bounds for {@link checkNumber}. */
export interface NumberRule {
  required?: boolean;
  min?: number;
  minExclusive?: number;
  max?: number;
  /** Formats a value for the message (e.g. as a percent); default `String`. */
  show?: (x: number) => string;
}

/**
 * Checks one numeric field and records an issue when it breaks `rule`.
 *
 * @param issues where issues are added
 * @param field dotted path of the field
 * @param v its value (a JSON number is required; strings are refused)
 * @param rule bounds and how to show numbers
 * @returns the number when valid, else undefined (also when absent and optional)
 */
export function checkNumber(issues: RuleIssue[], field: string, v: unknown, rule: NumberRule): number | undefined {
  const show = rule.show ?? String;
  if (isBlank(v)) {
    if (rule.required) issues.push({ field, rule: 'is required' });
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.push({ field, rule: `must be a number (got ${JSON.stringify(v)})` });
    return undefined;
  }
  if (rule.minExclusive !== undefined && !(v > rule.minExclusive)) {
    issues.push({ field, rule: `must be greater than ${show(rule.minExclusive)} (got ${show(v)})` });
    return undefined;
  }
  if (rule.min !== undefined && v < rule.min) {
    issues.push({ field, rule: `must be at least ${show(rule.min)} (got ${show(v)})` });
    return undefined;
  }
  if (rule.max !== undefined && v > rule.max) {
    issues.push({ field, rule: `must be at most ${show(rule.max)} (got ${show(v)})` });
    return undefined;
  }
  return v;
}
