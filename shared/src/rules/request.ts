/**
 * The one validation of a judgment request (`PUT /v1/judgments/{key}` body; the Deck stage's `payload`): the
 * metric source, both scopes, the canary config, the thresholds and the timing, every issue at once with its field.
 * The service's judgment API, the Deck config panel, the what-if and the CLI all call these rules, so what one
 * accepts the others accept. The RemoteJudge endpoint (`POST /judge`) does not: it keeps Kayenta's leniency.
 * Reference: `docs/design/orca-webhook-contract.md` §6 (the judgment contract).
 */
import { validateCanaryConfig, validateThresholds } from './canary-config';
import { asObject, isBlank, type RuleIssue } from './issues';
import { validateTiming } from './timing';

/** Options of {@link validateJudgmentRequest}. */
export interface JudgmentRuleOptions {
  /** Type of the chosen metric source (`demo`, `prometheus`…) when known: queries must be of its kind. */
  sourceType?: string;
  /** "Now", epoch ms: a retrospective window must have ended; absent = not checked. */
  nowMs?: number;
  /** Least points per side in every window, default 3 (`DEFAULT_MIN_POINTS_PER_WINDOW`); 0 = not checked. */
  minPointsPerWindow?: number;
  /** Path prefix of the request in the validated document (e.g. `payload.` in a Deck stage), default none. */
  prefix?: string;
}

/**
 * Validates a judgment request with every shared rule (module doc).
 *
 * @param request the request as parsed JSON (any value; numbers must be JSON numbers)
 * @param options source type, "now", minimum points per window, path prefix
 * @returns every issue found, fields relative to the document (with `prefix`); empty = valid
 * @example validateJudgmentRequest({}).map((i) => i.field).slice(0, 2) // ['metricSource', 'scopes.controlScope']
 */
export function validateJudgmentRequest(request: unknown, options: JudgmentRuleOptions = {}): RuleIssue[] {
  const p = options.prefix ?? '';
  const r = asObject(request);
  const issues: RuleIssue[] = [];
  if (isBlank(r['metricSource'])) issues.push({ field: `${p}metricSource`, rule: 'is required' });
  const scopes = asObject(r['scopes']);
  for (const key of ['controlScope', 'experimentScope']) {
    if (isBlank(scopes[key])) issues.push({ field: `${p}scopes.${key}`, rule: 'is required' });
  }
  issues.push(
    ...validateCanaryConfig(r['canaryConfig'], {
      base: `${p}canaryConfig`,
      ...(options.sourceType !== undefined ? { sourceType: options.sourceType } : {}),
    }),
  );
  issues.push(
    ...validateTiming(r['timing'], {
      base: `${p}timing`,
      ...(options.nowMs !== undefined ? { nowMs: options.nowMs } : {}),
      ...(options.minPointsPerWindow !== undefined ? { minPointsPerWindow: options.minPointsPerWindow } : {}),
    }),
  );
  issues.push(...validateThresholds(r['thresholds'], `${p}thresholds`));
  return issues;
}
