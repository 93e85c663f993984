/**
 * SQLite adapter of the {@link JudgmentStore} port (better-sqlite3, WAL journal). One file holds judgments,
 * their intervals and a small key/value table. Every state transition is one transaction with a conditional
 * update, so a claim lost to another worker (or process sharing the file) never overwrites a result. SQLite's own
 * errors (busy, locked, I/O) leave every method as a `StoreUnavailableError` (`sqlite-unavailable.ts`).
 *
 * Reference: https://www.sqlite.org/wal.html; better-sqlite3 API (https://github.com/WiseLibs/better-sqlite3).
 */
import Database from 'better-sqlite3';
import type { JudgmentStatus } from '@canary-judge/shared';
import type {
  IntervalClaim,
  IntervalOutcome,
  JudgmentFinish,
  JudgmentStore,
  NewJudgment,
  RetentionBatch,
  StoredError,
  StoredInterval,
} from './port';
import { withSqliteUnavailable } from './sqlite-unavailable';
import {
  archiveAttempt,
  LIGHT_COLUMNS,
  PLANNED_INTERVAL_COLUMNS,
  plannedIntervalValues,
  toAttempt,
  toInterval,
  toJudgment,
  type IntervalRow,
  type JudgmentRow,
} from './rows';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS judgments (
  key TEXT PRIMARY KEY,
  digest TEXT NOT NULL,
  request_json TEXT NOT NULL,
  status TEXT NOT NULL,
  verdict TEXT,
  score REAL,
  error_json TEXT,
  warnings_json TEXT NOT NULL,
  intervals_planned INTEGER NOT NULL,
  deadline_ms INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  completed_ms INTEGER,
  attempt INTEGER NOT NULL DEFAULT 1,
  terminal_served INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS judgments_running ON judgments (status, deadline_ms);
CREATE TABLE IF NOT EXISTS intervals (
  judgment_key TEXT NOT NULL REFERENCES judgments(key),
  idx INTEGER NOT NULL,
  exp_start_ms INTEGER NOT NULL,
  exp_end_ms INTEGER NOT NULL,
  ctl_start_ms INTEGER NOT NULL,
  ctl_end_ms INTEGER NOT NULL,
  due_ms INTEGER NOT NULL,
  state TEXT NOT NULL,
  claim_owner TEXT,
  claim_expires_ms INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  score REAL,
  warnings_json TEXT NOT NULL DEFAULT '[]',
  error_json TEXT,
  result_json TEXT,
  series_json TEXT,
  completed_ms INTEGER,
  PRIMARY KEY (judgment_key, idx)
);
CREATE INDEX IF NOT EXISTS intervals_due ON intervals (state, due_ms);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS judgment_attempts (
  judgment_key TEXT NOT NULL REFERENCES judgments(key),
  attempt INTEGER NOT NULL,
  judgment_json TEXT NOT NULL,
  intervals_json TEXT NOT NULL,
  PRIMARY KEY (judgment_key, attempt)
);
`;

/** Indexes on columns that older files gain only in {@link upgrade}. */
const INDEXES = `CREATE INDEX IF NOT EXISTS judgments_finished ON judgments (completed_ms) WHERE status <> 'RUNNING';`;

/**
 * Brings a file written by an older version up to date (the same steps as PostgreSQL's `002_attempts_retention.sql`):
 * columns added with their defaults, so existing judgments are attempt 1 and not yet served.
 */
function upgrade(db: Database.Database): void {
  const info = db.pragma('table_info(judgments)') as Array<{ name: string }>;
  const columns = new Set(info.map((c) => c.name));
  if (!columns.has('attempt')) db.exec('ALTER TABLE judgments ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1');
  if (!columns.has('terminal_served')) {
    db.exec('ALTER TABLE judgments ADD COLUMN terminal_served INTEGER NOT NULL DEFAULT 0');
  }
  db.exec(INDEXES);
}

/** Judgments deleted per retention batch at most, whatever the caller asks (keeps each write transaction short). */
const MAX_RETENTION_BATCH = 1000;

/**
 * Opens (creating if needed) a SQLite judgment store.
 *
 * @param file database file path, or `:memory:` for tests
 * @returns a store whose methods resolve synchronously-computed results (better-sqlite3 is synchronous)
 */
export function openSqliteStore(file: string): JudgmentStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  upgrade(db);

  const st = {
    getJudgment: db.prepare<[string], JudgmentRow>('SELECT * FROM judgments WHERE key = ?'),
    insertJudgment: db.prepare(
      `INSERT INTO judgments (key, digest, request_json, status, verdict, score, error_json, warnings_json,
        intervals_planned, deadline_ms, created_ms, updated_ms, completed_ms)
       VALUES (@key, @digest, @request_json, 'RUNNING', NULL, NULL, NULL, @warnings_json, @intervals_planned,
        @deadline_ms, @now, @now, NULL)
       ON CONFLICT (key) DO NOTHING`,
    ),
    insertInterval: db.prepare(
      `INSERT INTO intervals (judgment_key, ${PLANNED_INTERVAL_COLUMNS}, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING')`,
    ),
    listLight: db.prepare<[string], IntervalRow>(
      `SELECT ${LIGHT_COLUMNS} FROM intervals WHERE judgment_key = ? ORDER BY idx`,
    ),
    listFull: db.prepare<[string], IntervalRow>('SELECT * FROM intervals WHERE judgment_key = ? ORDER BY idx'),
    dueCandidates: db.prepare<[number, number, number], IntervalRow>(
      `SELECT ${LIGHT_COLUMNS.split(', ')
        .map((c) => 'i.' + c)
        .join(', ')}
       FROM intervals i JOIN judgments j ON j.key = i.judgment_key
       WHERE j.status = 'RUNNING' AND i.due_ms <= ?
         AND (i.state = 'PENDING' OR (i.state = 'CLAIMED' AND i.claim_expires_ms <= ?))
         AND NOT EXISTS (SELECT 1 FROM intervals p WHERE p.judgment_key = i.judgment_key AND p.idx < i.idx
                         AND p.state <> 'DONE')
       ORDER BY i.due_ms LIMIT ?`,
    ),
    claim: db.prepare(
      `UPDATE intervals SET state = 'CLAIMED', claim_owner = @owner, claim_expires_ms = @expires,
         attempts = attempts + 1
       WHERE judgment_key = @key AND idx = @idx
         AND (state = 'PENDING' OR (state = 'CLAIMED' AND claim_expires_ms <= @now))`,
    ),
    complete: db.prepare(
      `UPDATE intervals SET state = 'DONE', score = @score, result_json = @result, series_json = @series,
         warnings_json = @warnings, error_json = NULL, completed_ms = @now, claim_owner = NULL, claim_expires_ms = NULL
       WHERE judgment_key = @key AND idx = @idx AND state = 'CLAIMED' AND claim_owner = @owner`,
    ),
    release: db.prepare(
      `UPDATE intervals SET state = 'PENDING', due_ms = @retry, error_json = @error, claim_owner = NULL,
         claim_expires_ms = NULL
       WHERE judgment_key = @key AND idx = @idx AND state = 'CLAIMED' AND claim_owner = @owner`,
    ),
    fail: db.prepare(
      `UPDATE intervals SET state = 'FAILED', error_json = @error, completed_ms = @now, claim_owner = NULL,
         claim_expires_ms = NULL
       WHERE judgment_key = @key AND idx = @idx AND state = 'CLAIMED' AND claim_owner = @owner`,
    ),
    finish: db.prepare(
      `UPDATE judgments SET status = @status, verdict = @verdict, score = @score, error_json = @error,
         updated_ms = @now, completed_ms = @now
       WHERE key = @key AND status = 'RUNNING'`,
    ),
    touch: db.prepare(`UPDATE judgments SET updated_ms = ? WHERE key = ? AND status = 'RUNNING'`),
    isRunning: db.prepare<[string], { n: number }>(
      `SELECT COUNT(*) AS n FROM judgments WHERE key = ? AND status = 'RUNNING'`,
    ),
    overdue: db.prepare<[number, number], { key: string }>(
      `SELECT key FROM judgments WHERE status = 'RUNNING' AND deadline_ms <= ? ORDER BY deadline_ms LIMIT ?`,
    ),
    counts: db.prepare<[], { status: JudgmentStatus; n: number }>(
      'SELECT status, COUNT(*) AS n FROM judgments GROUP BY status',
    ),
    ping: db.prepare('SELECT 1'),
    dueCount: db.prepare<[number], { n: number }>(
      `SELECT COUNT(*) AS n FROM intervals i JOIN judgments j ON j.key = i.judgment_key WHERE i.state = 'PENDING' AND i.due_ms <= ? AND j.status = 'RUNNING'`,
    ),
    markServed: db.prepare(
      `UPDATE judgments SET terminal_served = 1 WHERE key = ? AND status <> 'RUNNING' AND terminal_served = 0`,
    ),
    insertAttempt: db.prepare(
      `INSERT INTO judgment_attempts (judgment_key, attempt, judgment_json, intervals_json)
       VALUES (@judgment_key, @attempt, @judgment_json, @intervals_json)`,
    ),
    deleteIntervals: db.prepare('DELETE FROM intervals WHERE judgment_key = ?'),
    restart: db.prepare(
      `UPDATE judgments SET status = 'RUNNING', verdict = NULL, score = NULL, error_json = NULL,
         warnings_json = @warnings_json, intervals_planned = @intervals_planned, deadline_ms = @deadline_ms,
         created_ms = @now, updated_ms = @now, completed_ms = NULL, attempt = attempt + 1, terminal_served = 0
       WHERE key = @key AND attempt = @expected AND status <> 'RUNNING' AND terminal_served = 1`,
    ),
    listAttempts: db.prepare<[string], { attempt: number; judgment_json: string }>(
      'SELECT attempt, judgment_json FROM judgment_attempts WHERE judgment_key = ? ORDER BY attempt',
    ),
    releaseOwned: db.prepare(
      `UPDATE intervals SET state = 'PENDING', claim_owner = NULL, claim_expires_ms = NULL,
         attempts = MAX(attempts - 1, 0)
       WHERE state = 'CLAIMED' AND claim_owner = ?`,
    ),
    expired: db.prepare<[number, number], { key: string }>(
      `SELECT key FROM judgments WHERE status <> 'RUNNING' AND completed_ms < ? ORDER BY completed_ms LIMIT ?`,
    ),
    deleteJudgmentIntervals: db.prepare(`DELETE FROM intervals WHERE judgment_key = ?`),
    deleteJudgmentAttempts: db.prepare(`DELETE FROM judgment_attempts WHERE judgment_key = ?`),
    deleteJudgment: db.prepare(`DELETE FROM judgments WHERE key = ? AND status <> 'RUNNING'`),
    pageCount: db.prepare<[], { n: number }>(
      'SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()',
    ),
    metaGet: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE name = ?'),
    metaInsert: db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
  };

  const finishParams = (key: string, f: JudgmentFinish, now: number) => ({
    key,
    status: f.status,
    verdict: f.verdict,
    score: f.score,
    error: f.error === null ? null : JSON.stringify(f.error),
    now,
  });

  // Plans a judgment's intervals as PENDING rows (shared by `create` and `restart`).
  const insertIntervals = (j: NewJudgment): void => {
    for (const i of j.intervals) st.insertInterval.run(j.key, ...plannedIntervalValues(i));
  };

  // A status read: both statements in one (deferred, read-only) transaction, so they see one snapshot.
  const readStatus = db.transaction((key: string) => {
    const row = st.getJudgment.get(key);
    return row ? { judgment: toJudgment(row), intervals: st.listLight.all(key).map(toInterval) } : null;
  });
  const create = db.transaction((j: NewJudgment) => {
    const info = st.insertJudgment.run({
      key: j.key,
      digest: j.digest,
      request_json: JSON.stringify(j.request),
      warnings_json: JSON.stringify(j.warnings),
      intervals_planned: j.intervals.length,
      deadline_ms: j.deadlineMs,
      now: j.nowMs,
    });
    if (info.changes === 1) {
      insertIntervals(j);
    }
    const row = st.getJudgment.get(j.key);
    if (!row) throw new Error(`judgment ${j.key} vanished during creation`);
    return { created: info.changes === 1, judgment: toJudgment(row) };
  });

  const claimDue = db.transaction((now: number, owner: string, leaseMs: number, limit: number) => {
    const claimed: StoredInterval[] = [];
    for (const row of st.dueCandidates.all(now, now, limit)) {
      const info = st.claim.run({ owner, expires: now + leaseMs, key: row.judgment_key, idx: row.idx, now });
      if (info.changes === 1) {
        claimed.push(
          toInterval({
            ...row,
            state: 'CLAIMED',
            claim_owner: owner,
            claim_expires_ms: now + leaseMs,
            attempts: row.attempts + 1,
          }),
        );
      }
    }
    return claimed;
  });

  const complete = db.transaction(
    (c: IntervalClaim, o: IntervalOutcome, finish: JudgmentFinish | null, now: number): boolean => {
      if ((st.isRunning.get(c.judgmentKey)?.n ?? 0) === 0) return false;
      const info = st.complete.run({
        key: c.judgmentKey,
        idx: c.index,
        owner: c.owner,
        score: o.score,
        result: JSON.stringify(o.result),
        series: JSON.stringify(o.series),
        warnings: JSON.stringify(o.warnings),
        now,
      });
      if (info.changes !== 1) return false;
      if (finish) st.finish.run(finishParams(c.judgmentKey, finish, now));
      else st.touch.run(now, c.judgmentKey);
      return true;
    },
  );

  const fail = db.transaction((c: IntervalClaim, error: StoredError, now: number): boolean => {
    const info = st.fail.run({ key: c.judgmentKey, idx: c.index, owner: c.owner, error: JSON.stringify(error), now });
    if (info.changes !== 1) return false;
    st.finish.run(finishParams(c.judgmentKey, { status: 'TERMINAL', verdict: null, score: null, error }, now));
    return true;
  });

  const restart = db.transaction((j: NewJudgment, expected: number) => {
    const row = st.getJudgment.get(j.key);
    if (!row || row.attempt !== expected || row.status === 'RUNNING' || !row.terminal_served) {
      return { restarted: false, judgment: row ? toJudgment(row) : null };
    }
    st.insertAttempt.run(archiveAttempt(row, st.listFull.all(j.key)));
    st.deleteIntervals.run(j.key);
    st.restart.run({
      key: j.key,
      expected,
      warnings_json: JSON.stringify(j.warnings),
      intervals_planned: j.intervals.length,
      deadline_ms: j.deadlineMs,
      now: j.nowMs,
    });
    insertIntervals(j);
    const now = st.getJudgment.get(j.key);
    return { restarted: true, judgment: now ? toJudgment(now) : null };
  });

  const deleteExpired = db.transaction((cutoff: number, limit: number): RetentionBatch => {
    const out: RetentionBatch = { judgments: 0, intervals: 0, attempts: 0 };
    for (const { key } of st.expired.all(cutoff, Math.min(limit, MAX_RETENTION_BATCH))) {
      out.intervals += st.deleteJudgmentIntervals.run(key).changes;
      out.attempts += st.deleteJudgmentAttempts.run(key).changes;
      out.judgments += st.deleteJudgment.run(key).changes;
    }
    return out;
  });

  return withSqliteUnavailable<JudgmentStore>({
    async createJudgment(j) {
      // Write transactions start IMMEDIATE (write lock first): with WAL, a deferred transaction that read a snapshot
      // and then writes after another process committed fails at once with SQLITE_BUSY_SNAPSHOT.
      return create.immediate(j);
    },
    async getJudgment(key) {
      const row = st.getJudgment.get(key);
      return row ? toJudgment(row) : null;
    },
    async listIntervals(key, includeDetail = false) {
      return (includeDetail ? st.listFull : st.listLight).all(key).map(toInterval);
    },
    async getJudgmentWithIntervals(key) {
      return readStatus(key);
    },
    async claimDueIntervals(now, owner, leaseMs, limit) {
      return claimDue.immediate(now, owner, leaseMs, limit);
    },
    async completeInterval(c, o, finish, now) {
      return complete.immediate(c, o, finish, now);
    },
    async releaseInterval(c, error, retryAtMs, now) {
      void now;
      const info = st.release.run({
        key: c.judgmentKey,
        idx: c.index,
        owner: c.owner,
        retry: retryAtMs,
        error: JSON.stringify(error),
      });
      return info.changes === 1;
    },
    async failInterval(c, error, now) {
      return fail.immediate(c, error, now);
    },
    async finishJudgment(key, f, now) {
      return st.finish.run(finishParams(key, f, now)).changes === 1;
    },
    async overdueJudgments(now, limit) {
      return st.overdue.all(now, limit).map((r) => r.key);
    },
    async countByStatus() {
      const out: Record<JudgmentStatus, number> = { RUNNING: 0, SUCCEEDED: 0, TERMINAL: 0, CANCELED: 0 };
      for (const r of st.counts.all()) out[r.status] = r.n;
      return out;
    },
    async ping() {
      st.ping.get();
    },
    async countDueIntervals(now) {
      return st.dueCount.get(now)?.n ?? 0;
    },
    async markTerminalServed(key) {
      st.markServed.run(key);
    },
    async restartJudgment(next, expectedAttempt) {
      return restart.immediate(next, expectedAttempt);
    },
    async listAttempts(key) {
      return st.listAttempts.all(key).map(toAttempt);
    },
    async releaseClaimsOf(owner, now) {
      void now;
      return st.releaseOwned.run(owner).changes;
    },
    async deleteFinishedBefore(cutoffMs, limit) {
      // SQLite has one writer at a time: an IMMEDIATE transaction is the "one replica at a time" here.
      return deleteExpired.immediate(cutoffMs, limit);
    },
    async databaseSizeBytes() {
      return st.pageCount.get()?.n ?? 0;
    },
    async metaGetOrSet(name, value) {
      st.metaInsert.run(name, value);
      const row = st.metaGet.get(name);
      if (!row) throw new Error(`meta value ${name} could not be stored`);
      return row.value;
    },
    async close() {
      db.close();
    },
  });
}
