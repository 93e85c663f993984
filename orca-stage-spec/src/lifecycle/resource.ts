/**
 * Builds the small judgment resource (`docs/design/orca-webhook-contract.md` §6.4) from stored rows: Orca's status
 * word, the phase, a non-null human `message` (a final message starts with the verdict and score, names the metric
 * behind it — `FAIL 0/100: critical metric request-latency is High (canary mean +39 % vs baseline); score 0 is at or
 * below marginal 50` — or starts with `ERROR`/`CANCELED`, and ends with the report URL), scores, thresholds, warnings
 * and absolute URLs. Pure: same rows and clock reading, same resource.
 */
import {
  API_VERSION,
  mergeWarnings,
  verdictHeadline,
  type CanaryJudgeResult,
  type Judgment,
  type JudgmentPhase,
} from '@canary-judge/shared';
import type { StoredAttempt, StoredInterval, StoredJudgment } from '../store/port';

/** At most this many warnings are listed in the resource (the rest are counted in a last entry). */
export const MAX_RESOURCE_WARNINGS = 20;

/** Warnings and error messages are cut to this many characters in the resource. */
const MAX_TEXT = 300;

function cut(s: string, n = MAX_TEXT): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Formats a score for messages: up to two decimals, no trailing zeros. */
export function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100);
}

/** Absolute URLs of a judgment, from the configured public base URL (never from a request's Host header). */
export function judgmentUrls(publicBaseUrl: string, key: string): { statusUrl: string; reportUrl: string } {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const statusUrl = `${base}/v1/judgments/${encodeURIComponent(key)}`;
  return { statusUrl, reportUrl: `${statusUrl}/report` };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function phaseOf(j: StoredJudgment, intervals: StoredInterval[]): JudgmentPhase {
  if (j.status !== 'RUNNING') return 'DONE';
  if (intervals.some((i) => i.state === 'CLAIMED')) return 'JUDGING';
  if (intervals.some((i) => i.state === 'DONE')) return 'WAITING_FOR_DATA';
  return 'QUEUED';
}

function messageBody(
  j: StoredJudgment,
  intervals: StoredInterval[],
  scores: number[],
  deciding: CanaryJudgeResult | null,
): string {
  const t = j.request.thresholds;
  const th = `pass ${formatScore(t.pass)}, marginal ${formatScore(t.marginal)}`;
  const n = j.intervalsPlanned;
  const done = scores.length;
  switch (j.status) {
    case 'RUNNING': {
      const next = intervals.find((i) => i.state !== 'DONE');
      const retry = next?.error ? ` (retrying: ${cut(next.error.code, 60)})` : '';
      const due = next ? `; interval ${next.index} of ${n} due at ${iso(next.dueMs)}${retry}` : '';
      if (done === 0) return `Queued: ${n} interval${n === 1 ? '' : 's'} from source ${j.request.metricSource}${due}`;
      const last = scores[done - 1] as number;
      return `Running: interval ${done} of ${n} scored ${formatScore(last)} (${th})${due}`;
    }
    case 'CANCELED':
      return `CANCELED after ${done} of ${n} intervals`;
    case 'SUCCEEDED':
    case 'TERMINAL': {
      if (j.verdict === null) {
        const e = j.error ?? { code: 'ERROR', message: 'the judgment could not be completed' };
        return `ERROR ${e.code}: ${cut(e.message)}`;
      }
      return verdictHeadline({
        verdict: j.verdict,
        score: j.score ?? 0,
        thresholds: t,
        result: deciding,
        config: j.request.canaryConfig,
        judged: done,
        planned: n,
      });
    }
  }
}

/** Longest `message` (Orca stores it on every poll; Deck shows it as "Info"), characters. */
export const MAX_MESSAGE = 500;

/**
 * The human message: the status text, cut to fit, then `. Report: <url>` — so it always ends with the report URL
 * and never exceeds {@link MAX_MESSAGE} characters.
 */
function messageOf(
  j: StoredJudgment,
  intervals: StoredInterval[],
  scores: number[],
  reportUrl: string,
  deciding: CanaryJudgeResult | null,
): string {
  const tail = `. Report: ${reportUrl}`;
  const body = messageBody(j, intervals, scores, deciding).replace(/[.\s]+$/, '');
  return `${cut(body, Math.max(20, MAX_MESSAGE - tail.length))}${tail}`;
}

/**
 * The judgment resource of one stored judgment.
 *
 * @param j the judgment row
 * @param intervals its intervals (light rows are enough), index order
 * @param publicBaseUrl absolute base URL for `statusUrl`/`reportUrl`
 * @param deciding the judge result of the interval that decided a finished verdict (the last judged one), so the
 *   message names the metric behind it; null/absent = the message gives the score rule only
 * @param earlier the key's earlier attempts (after a "Restart stage"); with any, `attempt` and `earlierAttempts`
 *   are added
 * @returns the resource; small (warnings capped at {@link MAX_RESOURCE_WARNINGS}, texts at 300 characters)
 */
export function toResource(
  j: StoredJudgment,
  intervals: StoredInterval[],
  publicBaseUrl: string,
  deciding: CanaryJudgeResult | null = null,
  earlier: StoredAttempt[] = [],
): Judgment {
  const { statusUrl, reportUrl } = judgmentUrls(publicBaseUrl, j.key);
  const scores = intervals.filter((i) => i.state === 'DONE' && i.score !== null).map((i) => i.score as number);
  // Each warning once (issue 13): the same warning about several intervals becomes one entry naming them.
  const all = mergeWarnings([...j.warnings, ...intervals.flatMap((i) => i.warnings)]).map((w) => cut(w));
  const warnings =
    all.length <= MAX_RESOURCE_WARNINGS
      ? all
      : [
          ...all.slice(0, MAX_RESOURCE_WARNINGS - 1),
          `…and ${all.length - MAX_RESOURCE_WARNINGS + 1} more warnings (see the report)`,
        ];
  return {
    apiVersion: API_VERSION,
    judgmentKey: j.key,
    status: j.status,
    message: messageOf(j, intervals, scores, reportUrl, deciding),
    phase: phaseOf(j, intervals),
    verdict: j.verdict,
    score: j.score,
    intervalScores: scores,
    intervalsPlanned: j.intervalsPlanned,
    thresholds: { pass: j.request.thresholds.pass, marginal: j.request.thresholds.marginal },
    warnings,
    error: j.error ? { code: j.error.code, message: cut(j.error.message) } : null,
    statusUrl,
    reportUrl,
    createdAt: iso(j.createdMs),
    updatedAt: iso(j.updatedMs),
    completedAt: j.completedMs === null ? null : iso(j.completedMs),
    ...(earlier.length > 0
      ? {
          attempt: j.attempt,
          earlierAttempts: earlier.map((a) => ({
            attempt: a.attempt,
            status: a.status,
            verdict: a.verdict,
            score: a.score,
            error: a.error ? { code: a.error.code, message: cut(a.error.message) } : null,
            createdAt: iso(a.createdMs),
            completedAt: a.completedMs === null ? null : iso(a.completedMs),
          })),
        }
      : {}),
  };
}
