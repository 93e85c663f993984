/**
 * The service's single error shape and the translation of JSON Schema (Ajv) failures into it: the first failure
 * names the field as a dotted JSON path (`timing.lifetimeMinutes`) and the rule in words and by keyword.
 */
import { foldIssueTexts, schemaErrorIssue } from '@canary-judge/shared';

/** The parts of an Ajv error the service reads. */
export interface AjvLikeError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Longest error message served (characters); a longer one (echoing a huge input) is cut, so errors stay small. */
export const MAX_ERROR_TEXT = 600;

function cutText(s: string, n = MAX_ERROR_TEXT): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/**
 * Whether an HTTP status tells the caller to try again later: 429 and every 5xx, which Orca's webhook stage retries
 * on create and on polls (`docs/design/orca-webhook-contract.md` §2.3 and §2.5, `WH/tasks/MonitorWebhookTask.java`).
 */
export function isRetryableStatus(statusCode: number): boolean {
  return statusCode === 429 || statusCode >= 500;
}

/**
 * The status word of an error body: `TERMINAL` for a refusal that will not change on a retry (4xx), `RUNNING` for a
 * retryable answer (429, 5xx) — Orca retries those without reading the body, but a client that maps the body's
 * status word (Orca's `statusJsonPath`) must keep polling, so a retryable answer never carries a terminal word.
 */
export type ErrorStatusWord = 'TERMINAL' | 'RUNNING';

/**
 * The error body every failure answers with: a status word and a non-null `message` (so Orca's JSONPaths resolve
 * even on errors), and `error: {code, message, field}` naming the field (dotted JSON path) or null.
 * Message, field and key are cut to a bounded length (at most {@link MAX_ERROR_TEXT} characters for the message).
 * @param rawKey included when the request named a judgment
 * @param issues every problem when several were found at once: rendered as `errors: [{code, message, field}]`
 *   (at most {@link MAX_ERROR_ITEMS}), absent otherwise
 * @param statusCode the HTTP status the body goes with (default 400): 429 and 5xx get `status: "RUNNING"`
 *   (retry; see {@link ErrorStatusWord}), every other status `status: "TERMINAL"`
 */
export function errorBody(
  rawCode: string,
  rawMessage: string,
  rawField: string | null,
  rawKey?: string,
  issues: readonly { field: string | null; message: string }[] = [],
  statusCode = 400,
) {
  const code = cutText(rawCode, 100);
  const message = cutText(rawMessage);
  const field = rawField === null ? null : cutText(rawField, 300);
  const judgmentKey = rawKey === undefined ? undefined : cutText(rawKey, 300);
  return {
    apiVersion: 'canary-judge/v1' as const,
    ...(judgmentKey ? { judgmentKey } : {}),
    status: (isRetryableStatus(statusCode) ? 'RUNNING' : 'TERMINAL') as ErrorStatusWord,
    message: `${code}: ${message}`,
    error: { code, message, field },
    ...(issues.length > 1
      ? {
          errors: issues.slice(0, MAX_ERROR_ITEMS).map((i) => ({
            code,
            message: cutText(i.message, 160),
            field: i.field === null ? null : cutText(i.field, 100),
          })),
        }
      : {}),
  };
}

/**
 * Most entries in an error body's `errors` list: with the cuts above, an error body stays under 4 KiB whatever the
 * request (the fuzz suite's rule); the message says how many problems there were in all.
 */
export const MAX_ERROR_ITEMS = 8;

/**
 * Maps every Ajv error of a failed validation (the service validates with `allErrors`) to (field, message naming the
 * rule): the first one as `field`/`message`, all of them as `issues`.
 */
export function describeValidation(
  errors: AjvLikeError[],
  context: string,
): { field: string; message: string; issues: { field: string; message: string }[] } {
  const seen = new Set<string>();
  const issues = errors
    .map((e) => describeOne(e, context))
    .filter((i) => (seen.has(i.message) ? false : (seen.add(i.message), true)));
  const first = issues[0] ?? describeOne({}, context);
  const message = foldIssueTexts(issues.length === 0 ? [first.message] : issues.map((i) => i.message));
  return { field: first.field, message, issues };
}

function describeOne(e: AjvLikeError, context: string): { field: string; message: string } {
  const issue = schemaErrorIssue(e);
  const field = issue.field === '' ? '(body)' : issue.field;
  const where = context === 'body' ? field : `${field} (${context === 'params' ? 'path parameter' : context})`;
  return { field, message: `${where}: ${issue.rule} (rule: ${issue.keyword})` };
}
