/**
 * Row shapes shared by the SQLite and PostgreSQL adapters (same column names in both schemas) and their mapping to
 * the port's model. JSON columns hold text; epoch-millisecond columns are numbers once read.
 */
import type { JudgmentRequest, JudgmentStatus, Verdict } from '@canary-judge/shared';
import type {
  IntervalState,
  PlannedInterval,
  StoredAttempt,
  StoredError,
  StoredInterval,
  StoredJudgment,
} from './port';

/** A `judgments` row as both adapters read it. */
export interface JudgmentRow {
  key: string;
  digest: string;
  request_json: string;
  status: JudgmentStatus;
  verdict: Verdict | null;
  score: number | null;
  error_json: string | null;
  warnings_json: string;
  intervals_planned: number;
  deadline_ms: number;
  created_ms: number;
  updated_ms: number;
  completed_ms: number | null;
  attempt: number;
  /** Boolean (PostgreSQL) or 0/1 (SQLite). */
  terminal_served: boolean | number;
}

/** A `judgment_attempts` row: an archived earlier attempt (its judgment row and its intervals, as JSON). */
export interface AttemptRow {
  judgment_key: string;
  attempt: number;
  judgment_json: string;
  intervals_json: string;
}

/** An `intervals` row; `result_json`/`series_json` only when selected. */
export interface IntervalRow {
  judgment_key: string;
  idx: number;
  exp_start_ms: number;
  exp_end_ms: number;
  ctl_start_ms: number;
  ctl_end_ms: number;
  due_ms: number;
  state: IntervalState;
  claim_owner: string | null;
  claim_expires_ms: number | null;
  attempts: number;
  score: number | null;
  warnings_json: string;
  error_json: string | null;
  completed_ms: number | null;
  result_json?: string | null;
  series_json?: string | null;
}

/** The `intervals` columns without the large result and series JSON. */
export const LIGHT_COLUMN_NAMES: readonly string[] = [
  'judgment_key',
  'idx',
  'exp_start_ms',
  'exp_end_ms',
  'ctl_start_ms',
  'ctl_end_ms',
  'due_ms',
  'state',
  'claim_owner',
  'claim_expires_ms',
  'attempts',
  'score',
  'warnings_json',
  'error_json',
  'completed_ms',
];

/**
 * The `judgments` columns of {@link JudgmentRow}, for select lists that must not follow later schema changes (a
 * prepared statement whose `*` grew a column fails with "cached plan must not change result type").
 */
export const JUDGMENT_COLUMNS = [
  'key',
  'digest',
  'request_json',
  'status',
  'verdict',
  'score',
  'error_json',
  'warnings_json',
  'intervals_planned',
  'deadline_ms',
  'created_ms',
  'updated_ms',
  'completed_ms',
  'attempt',
  'terminal_served',
].join(', ');

/** {@link LIGHT_COLUMN_NAMES} as a select list. */
export const LIGHT_COLUMNS = LIGHT_COLUMN_NAMES.join(', ');

/** The planned-interval columns both adapters insert after `judgment_key`, in this order (then `state` PENDING). */
export const PLANNED_INTERVAL_COLUMNS = 'idx, exp_start_ms, exp_end_ms, ctl_start_ms, ctl_end_ms, due_ms';

/**
 * The values of {@link PLANNED_INTERVAL_COLUMNS} for one planned interval (epoch milliseconds but the index).
 * @param i the planned interval
 */
export function plannedIntervalValues(i: PlannedInterval): [number, number, number, number, number, number] {
  return [i.index, i.experimentStartMs, i.experimentEndMs, i.controlStartMs, i.controlEndMs, i.dueMs];
}

/**
 * Maps a judgments row to the port model.
 * @param r the row
 * @returns the stored judgment
 */
export function toJudgment(r: JudgmentRow): StoredJudgment {
  return {
    key: r.key,
    digest: r.digest,
    request: JSON.parse(r.request_json) as JudgmentRequest,
    status: r.status,
    verdict: r.verdict,
    score: r.score,
    error: r.error_json === null ? null : (JSON.parse(r.error_json) as StoredError),
    warnings: JSON.parse(r.warnings_json) as string[],
    intervalsPlanned: r.intervals_planned,
    deadlineMs: r.deadline_ms,
    createdMs: r.created_ms,
    updatedMs: r.updated_ms,
    completedMs: r.completed_ms,
    attempt: r.attempt,
    terminalServed: Boolean(r.terminal_served),
  };
}

/**
 * The archived form of the current attempt (`judgment_attempts` row values): the judgment row without its request
 * (the request is the key's, unchanged by a restart) and every interval row with its result and series.
 * @param j the judgments row
 * @param intervals its full intervals rows
 */
export function archiveAttempt(j: JudgmentRow, intervals: IntervalRow[]): AttemptRow {
  const { request_json: _request, ...judgment } = j;
  return {
    judgment_key: j.key,
    attempt: j.attempt,
    judgment_json: JSON.stringify(judgment),
    intervals_json: JSON.stringify(intervals),
  };
}

/**
 * The summary of an archived attempt.
 * @param r a `judgment_attempts` row
 */
export function toAttempt(r: Pick<AttemptRow, 'attempt' | 'judgment_json'>): StoredAttempt {
  const j = JSON.parse(r.judgment_json) as Omit<JudgmentRow, 'request_json'>;
  return {
    attempt: r.attempt,
    status: j.status,
    verdict: j.verdict,
    score: j.score,
    error: j.error_json === null ? null : (JSON.parse(j.error_json) as StoredError),
    createdMs: j.created_ms,
    completedMs: j.completed_ms,
  };
}

/**
 * Maps an intervals row to the port model; result and series are parsed only when the row carries them.
 * @param r the row
 * @returns the stored interval
 */
export function toInterval(r: IntervalRow): StoredInterval {
  const out: StoredInterval = {
    judgmentKey: r.judgment_key,
    index: r.idx,
    experimentStartMs: r.exp_start_ms,
    experimentEndMs: r.exp_end_ms,
    controlStartMs: r.ctl_start_ms,
    controlEndMs: r.ctl_end_ms,
    dueMs: r.due_ms,
    state: r.state,
    claimOwner: r.claim_owner,
    claimExpiresMs: r.claim_expires_ms,
    attempts: r.attempts,
    score: r.score,
    warnings: JSON.parse(r.warnings_json) as string[],
    error: r.error_json === null ? null : (JSON.parse(r.error_json) as StoredError),
    completedMs: r.completed_ms,
  };
  if (r.result_json !== undefined) out.result = r.result_json === null ? null : JSON.parse(r.result_json);
  if (r.series_json !== undefined) out.series = r.series_json === null ? null : JSON.parse(r.series_json);
  return out;
}
