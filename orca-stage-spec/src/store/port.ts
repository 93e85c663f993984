/**
 * The judgment store port: everything the lifecycle keeps durably. Methods are async so that a PostgreSQL adapter
 * (several replicas) can implement the same port; the SQLite adapter (`sqlite.ts`) is the default.
 *
 * Exactly-once evaluation: every interval is a row keyed by (judgment, index); a worker must *claim* it (a lease
 * with an expiry) before evaluating it, and its result is stored only while it still holds the claim. A crashed
 * worker's claim expires and the interval is taken again; a stale worker's late result is discarded.
 */
import type { JudgmentRequest, JudgmentStatus, Verdict } from '@canary-judge/shared';

/**
 * The store cannot serve a call now but may later: the database is unreachable, still starting, shutting down, busy
 * or locked. Every adapter throws this one error for such failures (the PostgreSQL adapter for connection-level
 * failures, the SQLite adapter for SQLite's error codes); the HTTP layer answers it with a retryable 503
 * `STORE_UNAVAILABLE` (Orca retries 5xx on creates and polls) and the scheduler waits for the store to come back.
 * `message` is safe to serve; `detail` (the driver's text, which may name the database address) is for the logs only.
 */
export class StoreUnavailableError extends Error {
  /** The code the HTTP layer serves (`error.code` of the 503 body). */
  readonly code = 'STORE_UNAVAILABLE';

  /**
   * @param message one sentence a caller may read, e.g. `the judgment store (PostgreSQL) is unavailable: …; retry`
   * @param detail for the logs only, never sent to a client (e.g. the driver's `connect ECONNREFUSED host:port`)
   * @param options the driver's error as `cause`, when there is one
   */
  constructor(
    message: string,
    readonly detail: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A `{code, message}` error as stored and served (`Judgment.error`). */
export interface StoredError {
  code: string;
  message: string;
}

/** A judgment row. Times are judgment-clock epoch milliseconds. */
export interface StoredJudgment {
  key: string;
  /** SHA-256 of the canonical request; same key + different digest is a 409. */
  digest: string;
  request: JudgmentRequest;
  status: JudgmentStatus;
  verdict: Verdict | null;
  score: number | null;
  error: StoredError | null;
  /** Warnings found when the judgment was accepted (interval warnings live on the intervals). */
  warnings: string[];
  intervalsPlanned: number;
  /** Judge-side deadline; RUNNING past it becomes TERMINAL / DEADLINE_EXCEEDED. */
  deadlineMs: number;
  createdMs: number;
  updatedMs: number;
  completedMs: number | null;
  /** Which run of the key this is: 1, then 2, 3… after each "Restart stage" (see {@link JudgmentStore.restartJudgment}). */
  attempt: number;
  /** Whether a terminal status of this attempt was served to a status poll or a cancel (a later PUT is a restart). */
  terminalServed: boolean;
}

/** An earlier attempt of a judgment key, kept when "Restart stage" started a new one (summary; times epoch ms). */
export interface StoredAttempt {
  attempt: number;
  status: JudgmentStatus;
  verdict: Verdict | null;
  score: number | null;
  error: StoredError | null;
  createdMs: number;
  completedMs: number | null;
}

/** What one retention batch deleted (see {@link JudgmentStore.deleteFinishedBefore}). */
export interface RetentionBatch {
  /** Judgment rows deleted. */
  judgments: number;
  /** Interval rows deleted with them. */
  intervals: number;
  /** Archived earlier attempts deleted with them. */
  attempts: number;
}

/** State of one interval row. `FAILED` means it could not be judged (the judgment is then TERMINAL). */
export type IntervalState = 'PENDING' | 'CLAIMED' | 'DONE' | 'FAILED';

/** The planned windows of one interval (1-based index), epoch ms, and when it becomes due. */
export interface PlannedInterval {
  index: number;
  experimentStartMs: number;
  experimentEndMs: number;
  controlStartMs: number;
  controlEndMs: number;
  dueMs: number;
}

/** One interval row with its (possibly absent) outcome. `result` and `series` are only loaded on request. */
export interface StoredInterval extends PlannedInterval {
  judgmentKey: string;
  state: IntervalState;
  claimOwner: string | null;
  claimExpiresMs: number | null;
  /** How many times the interval was claimed (more than 1 only after a transient error or a lost worker). */
  attempts: number;
  score: number | null;
  warnings: string[];
  error: StoredError | null;
  completedMs: number | null;
  /** The CanaryJudgeResult wire JSON (only with `includeDetail`). */
  result?: unknown;
  /** Series per metric for charts (only with `includeDetail`). */
  series?: unknown;
}

/** A lease on one interval held by `owner` until `expiresMs`. */
export interface IntervalClaim {
  judgmentKey: string;
  index: number;
  owner: string;
}

/** A terminal transition of a judgment. */
export interface JudgmentFinish {
  status: Exclude<JudgmentStatus, 'RUNNING'>;
  verdict: Verdict | null;
  score: number | null;
  error: StoredError | null;
}

/** The outcome of evaluating one interval. */
export interface IntervalOutcome {
  score: number;
  result: unknown;
  series: unknown;
  warnings: string[];
}

/** A new judgment and its planned intervals. */
export interface NewJudgment {
  key: string;
  digest: string;
  request: JudgmentRequest;
  warnings: string[];
  deadlineMs: number;
  nowMs: number;
  intervals: PlannedInterval[];
}

/** The store port (see the module comment). All times are judgment-clock epoch ms. */
export interface JudgmentStore {
  /** Creates the judgment unless the key exists; returns the row and whether it was created (atomic). */
  createJudgment(j: NewJudgment): Promise<{ created: boolean; judgment: StoredJudgment }>;
  /** The judgment, or null for an unknown key. */
  getJudgment(key: string): Promise<StoredJudgment | null>;
  /** The intervals in index order; `includeDetail` also loads `result` and `series`. */
  listIntervals(key: string, includeDetail?: boolean): Promise<StoredInterval[]>;
  /**
   * The judgment with its intervals in index order (without `result` and `series`), read together: one round trip
   * and one snapshot — a status poll's read. Null for an unknown key.
   */
  getJudgmentWithIntervals(key: string): Promise<{ judgment: StoredJudgment; intervals: StoredInterval[] } | null>;
  /**
   * Claims up to `limit` due intervals of RUNNING judgments — the lowest unfinished interval of each, if it is due
   * (`dueMs ≤ nowMs`) and either PENDING or CLAIMED with an expired lease — for `owner` until `nowMs + leaseMs`.
   */
  claimDueIntervals(nowMs: number, owner: string, leaseMs: number, limit: number): Promise<StoredInterval[]>;
  /**
   * Stores a DONE interval and, when `finish` is given, ends the judgment, in one transaction — only if `claim`
   * is still held and the judgment is RUNNING. Returns false (and changes nothing) otherwise.
   */
  completeInterval(
    claim: IntervalClaim,
    outcome: IntervalOutcome,
    finish: JudgmentFinish | null,
    nowMs: number,
  ): Promise<boolean>;
  /** Gives a claimed interval back (transient failure) to be retried at `retryAtMs`; false if the claim is lost. */
  releaseInterval(claim: IntervalClaim, error: StoredError, retryAtMs: number, nowMs: number): Promise<boolean>;
  /** Marks a claimed interval FAILED and ends the judgment TERMINAL with `error`; false if the claim is lost. */
  failInterval(claim: IntervalClaim, error: StoredError, nowMs: number): Promise<boolean>;
  /** Ends a RUNNING judgment (cancel, deadline); false when it had already ended or does not exist. */
  finishJudgment(key: string, finish: JudgmentFinish, nowMs: number): Promise<boolean>;
  /** Keys of RUNNING judgments whose deadline is at or before `nowMs` (at most `limit`). */
  overdueJudgments(nowMs: number, limit: number): Promise<string[]>;
  /**
   * Marks that a terminal status of the current attempt was served (status poll or cancel answer). Orca retries a
   * create only before its first successful create answer, so a later PUT of the same key is a "Restart stage".
   * No-op while the judgment is RUNNING or for an unknown key.
   */
  markTerminalServed(key: string): Promise<void>;
  /**
   * Starts attempt `expectedAttempt + 1` of a finished judgment whose terminal status was served: archives the
   * current attempt (judgment and intervals, with results), replaces its intervals with `next.intervals` and makes
   * the judgment RUNNING again with `next`'s warnings, deadline and creation time — atomically, only if the stored
   * attempt is still `expectedAttempt`, finished and served (else nothing changes: a concurrent restart won).
   * @returns whether this call restarted it, and the judgment row as it is now
   */
  restartJudgment(
    next: NewJudgment,
    expectedAttempt: number,
  ): Promise<{ restarted: boolean; judgment: StoredJudgment | null }>;
  /** The earlier attempts of `key`, oldest first (empty when it never restarted). */
  listAttempts(key: string): Promise<StoredAttempt[]>;
  /**
   * Gives every interval claimed by `owner` back at once (graceful shutdown): PENDING again, due as before, the claim
   * not counted as an attempt, so another worker takes it at its next pass instead of after the lease expires.
   * @returns how many intervals were released
   */
  releaseClaimsOf(owner: string, nowMs: number): Promise<number>;
  /**
   * Retention: deletes at most `limit` finished (not RUNNING) judgments completed before `cutoffMs`, oldest first,
   * with their intervals and archived attempts, in one transaction. Never touches a RUNNING judgment. With several
   * replicas only one deletes at a time: returns null when another replica is deleting now.
   */
  deleteFinishedBefore(cutoffMs: number, limit: number): Promise<RetentionBatch | null>;
  /** Size of the database in bytes (SQLite file pages, or PostgreSQL's `pg_database_size`), for `/metrics`. */
  databaseSizeBytes(): Promise<number>;
  /** Number of judgments per status (for `/metrics`). */
  countByStatus(): Promise<Record<JudgmentStatus, number>>;
  /**
   * Due intervals waiting for a worker: PENDING with `dueMs ≤ nowMs`, of RUNNING judgments (the evaluation
   * backlog, for load shedding and `/metrics`). Optional: a store without it never sheds on backlog.
   */
  countDueIntervals?(nowMs: number): Promise<number>;
  /** Throws when the store is not usable (readiness). */
  ping(): Promise<void>;
  /** Returns the stored value of `name`, storing `value` first if there is none (e.g. the clock origin). */
  metaGetOrSet(name: string, value: string): Promise<string>;
  /** Releases the store. */
  close(): Promise<void>;
}
