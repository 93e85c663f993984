import { foldIssueTexts, issueText, type RuleIssue } from '@canary-judge/shared';

/**
 * The one client-facing error type of the service: an HTTP status, a stable code, a readable message and the
 * field (dotted JSON path, e.g. `timing.lifetimeMinutes`) at fault. The HTTP layer renders it as
 * `{status: "TERMINAL", message, error: {code, message, field}}` (`status: "RUNNING"` on a retryable 429/5xx), plus
 * `errors` (every problem, each with its field) when several were found at once. `detail` carries what only the logs
 * may show (e.g. the database address of a refused connection).
 */
export class ApiError extends Error {
  /**
   * @param statusCode HTTP status (4xx for caller mistakes, 503 for transient trouble)
   * @param code stable machine-readable code, e.g. `VALIDATION_FAILED`
   * @param message one sentence naming the field and the rule
   * @param field dotted JSON path of the offending field or parameter, or null
   * @param issues every problem found (rendered as `errors`), when there may be more than one
   * @param detail for the logs only, never sent to a client (e.g. the driver's `connect ECONNREFUSED host:port`)
   */
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly issues: readonly { field: string | null; message: string }[] = [],
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * A 400 `VALIDATION_FAILED` listing every broken rule: the message names each (`2 problems: a: …; b: …`), `field`
 * is the first one's, and `errors` holds one entry per rule.
 * @param issues the broken rules (non-empty), from the shared validation (`validateJudgmentRequest`)
 */
export function validationError(issues: readonly RuleIssue[]): ApiError {
  const texts = issues.map((i) => issueText(i));
  return new ApiError(
    400,
    'VALIDATION_FAILED',
    foldIssueTexts(texts),
    issues[0]?.field ?? null,
    issues.map((i, n) => ({ field: i.field, message: texts[n] as string })),
  );
}
