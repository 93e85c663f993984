/**
 * PostgreSQL adapter of the {@link JudgmentStore} port, for several judge replicas sharing one database (`pg` pool).
 * Same tables and semantics as the SQLite adapter; the schema comes from versioned migrations run at start-up
 * (`migrate.ts`).
 *
 * Exactly-once evaluation across replicas: `claimDueIntervals` selects due rows `FOR UPDATE … SKIP LOCKED` and turns
 * them into leases in one statement, so two replicas never claim the same interval; every later transition is a
 * conditional update on (state, owner), so a worker whose lease expired and was taken over cannot store a result.
 * Judgment-ending transitions lock the judgment row first, which serialises them with cancel and deadline.
 *
 * Unavailability: any connection-level failure (server down, refused, reset, shutting down, too many clients) is
 * raised as a {@link StoreUnavailableError}, which the HTTP layer serves as a 503 `STORE_UNAVAILABLE` (Orca retries
 * 503 on status polls); the pool reconnects by itself once the server is back. A database that is down at start-up is
 * waited for the same way ({@link openPostgresStoreWaiting}: 503 until it is reached and migrated).
 *
 * Reference: https://www.postgresql.org/docs/15/sql-select.html#SQL-FOR-UPDATE-SHARE (SKIP LOCKED),
 * https://node-postgres.com/apis/pool
 */
import pg from 'pg';
import type { JudgmentStatus } from '@canary-judge/shared';
import { batchReads } from './batch-reads';
import { migrate } from './migrate';
import {
  archiveAttempt,
  JUDGMENT_COLUMNS,
  LIGHT_COLUMN_NAMES,
  LIGHT_COLUMNS,
  PLANNED_INTERVAL_COLUMNS,
  plannedIntervalValues,
  toAttempt,
  toInterval,
  toJudgment,
  type IntervalRow,
  type JudgmentRow,
} from './rows';
import {
  StoreUnavailableError,
  type IntervalClaim,
  type IntervalOutcome,
  type JudgmentFinish,
  type JudgmentStore,
  type NewJudgment,
} from './port';

/** Settings of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (libpq URL; `?sslmode=…` honoured by `pg`). */
  connectionString: string;
  /** Pool size per replica (default 10). */
  maxConnections?: number;
  /** Give up connecting after this many ms, answering 503 (default 3000). */
  connectTimeoutMs?: number;
  /** Server-side `statement_timeout`, ms (default 15000). */
  statementTimeoutMs?: number;
  /** Called for errors of idle pooled connections (e.g. the server restarted); default: ignored. */
  onIdleError?: (e: Error) => void;
}

/** The batched status read of {@link openPostgresStore} (a prepared statement: one text, built once). */
const STATUS_SQL = `SELECT ${JUDGMENT_COLUMNS},
    (SELECT COALESCE(json_agg(i ORDER BY i.idx), '[]'::json)
       FROM (SELECT ${LIGHT_COLUMNS} FROM intervals WHERE judgment_key = j.key) i) AS intervals
  FROM judgments j WHERE key = ANY($1::text[])`;

/** Arbitrary constant key of the advisory lock that lets one replica at a time run retention ("cjrt"). */
export const RETENTION_LOCK_KEY = 0x63_6a_72_74;

/** Judgments deleted per retention batch at most, whatever the caller asks (keeps each transaction short). */
const MAX_RETENTION_BATCH = 1000;

const INT8_OID = 20;
/** BIGINT columns hold epoch milliseconds (< 2^53): parse them as numbers, not strings. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * True for errors meaning "the database cannot be reached or is going away" (as opposed to a bug or bad data):
 * socket errors, pool/connect timeouts, SQLSTATE classes 08 (connection exception), 57P (operator intervention:
 * shutdown, crash) and 53300 (too many connections).
 */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code) ||
    code.startsWith('08') ||
    code.startsWith('57P') ||
    code === '53300' ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection.*(closed|ended)|Cannot use a pool after calling end/i.test(
      message,
    )
  );
}

function unavailable(e: unknown): never {
  if (isUnavailable(e)) {
    const detail = (e as Error).message || String((e as { code?: unknown }).code);
    // The driver's text names the database address: logs only (the answer says what, not where).
    throw new StoreUnavailableError(
      'the judgment store (PostgreSQL) is unavailable: database unreachable; retry',
      detail,
      { cause: e },
    );
  }
  throw e;
}

/**
 * Connects to PostgreSQL, runs the pending migrations and returns the store.
 * @param options connection string and pool settings
 * @throws the connection or migration error when the database cannot be prepared (the service does not start)
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<JudgmentStore> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    idleTimeoutMillis: 30_000,
    types,
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', (e) => (options.onIdleError ?? (() => undefined))(e));
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }

  const q = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(text, values);
    } catch (e) {
      return unavailable(e);
    }
  };

  /**
   * A named (prepared) statement: PostgreSQL parses and plans it once per connection instead of on every call — the
   * status poll and the scheduler's queries run thousands of times a minute. Their select lists name their columns
   * (no `*`), so a later migration adding a column cannot invalidate the cached plan of a running replica.
   * Reference: https://node-postgres.com/features/queries#prepared-statements
   */
  const named = async <R extends pg.QueryResultRow>(
    name: string,
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>({ name, text, values });
    } catch (e) {
      return unavailable(e);
    }
  };

  /**
   * The status read (every Orca poll): the judgment row with its intervals as a JSON array of light rows (json_agg
   * keeps the column names; BIGINT epoch milliseconds are JSON numbers). Concurrent polls share one statement for
   * all their keys (`batchReads`), at most two in flight, so under load a replica sends far fewer statements than it
   * answers polls.
   */
  const readWithIntervals = batchReads(
    async (keys) => {
      const res = await named<JudgmentRow & { intervals: IntervalRow[] }>('cj_status_many', STATUS_SQL, [keys]);
      return new Map(
        res.rows.map((row) => [row.key, { judgment: toJudgment(row), intervals: row.intervals.map(toInterval) }]),
      );
    },
    { maxInFlight: 2, maxBatch: 200 },
  );

  /** Runs `fn` in a transaction on one connection; rolls back on any error. */
  const tx = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      return unavailable(e);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch((re: Error) => {
        broken = re;
      });
      return unavailable(e);
    } finally {
      client.release(broken);
    }
  };

  const finishSql = `UPDATE judgments SET status = $2, verdict = $3, score = $4, error_json = $5, updated_ms = $6,
      completed_ms = $6 WHERE key = $1 AND status = 'RUNNING'`;
  const finishValues = (key: string, f: JudgmentFinish, now: number) => [
    key,
    f.status,
    f.verdict,
    f.score,
    f.error === null ? null : JSON.stringify(f.error),
    now,
  ];
  /** Inserts the planned intervals of `j` as PENDING rows (one statement). */
  const insertIntervals = async (c: pg.PoolClient, j: NewJudgment) => {
    if (j.intervals.length === 0) return;
    const cols = j.intervals.map(plannedIntervalValues);
    await c.query(
      `INSERT INTO intervals (judgment_key, ${PLANNED_INTERVAL_COLUMNS}, state)
       SELECT $1::text, *, 'PENDING' FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[],
         $7::bigint[])`,
      [j.key, ...[0, 1, 2, 3, 4, 5].map((k) => cols.map((row) => row[k]))],
    );
  };
  /** Locks the judgment row; true when it is RUNNING. */
  const lockRunning = async (c: pg.PoolClient, key: string) =>
    (await c.query<{ status: string }>('SELECT status FROM judgments WHERE key = $1 FOR UPDATE', [key])).rows[0]
      ?.status === 'RUNNING';

  return {
    async createJudgment(j: NewJudgment) {
      return tx(async (c) => {
        const ins = await c.query(
          `INSERT INTO judgments (key, digest, request_json, status, warnings_json, intervals_planned, deadline_ms,
             created_ms, updated_ms)
           VALUES ($1, $2, $3, 'RUNNING', $4, $5, $6, $7, $7) ON CONFLICT (key) DO NOTHING`,
          [
            j.key,
            j.digest,
            JSON.stringify(j.request),
            JSON.stringify(j.warnings),
            j.intervals.length,
            j.deadlineMs,
            j.nowMs,
          ],
        );
        const created = ins.rowCount === 1;
        if (created) await insertIntervals(c, j);
        const row = (await c.query<JudgmentRow>('SELECT * FROM judgments WHERE key = $1', [j.key])).rows[0];
        if (!row) throw new Error(`judgment ${j.key} vanished during creation`);
        return { created, judgment: toJudgment(row) };
      });
    },
    async getJudgment(key) {
      const sql = `SELECT ${JUDGMENT_COLUMNS} FROM judgments WHERE key = $1`;
      const row = (await named<JudgmentRow>('cj_get_judgment', sql, [key])).rows[0];
      return row ? toJudgment(row) : null;
    },
    async listIntervals(key, includeDetail = false) {
      if (includeDetail) {
        const res = await q<IntervalRow>(`SELECT * FROM intervals WHERE judgment_key = $1 ORDER BY idx`, [key]);
        return res.rows.map(toInterval);
      }
      const sql = `SELECT ${LIGHT_COLUMNS} FROM intervals WHERE judgment_key = $1 ORDER BY idx`;
      return (await named<IntervalRow>('cj_list_intervals', sql, [key])).rows.map(toInterval);
    },
    getJudgmentWithIntervals: readWithIntervals,
    async claimDueIntervals(now, owner, leaseMs, limit) {
      const res = await named<IntervalRow>(
        'cj_claim_due',
        `WITH candidates AS (
           SELECT i.judgment_key, i.idx FROM intervals i JOIN judgments j ON j.key = i.judgment_key
           WHERE j.status = 'RUNNING' AND i.due_ms <= $1
             AND (i.state = 'PENDING' OR (i.state = 'CLAIMED' AND i.claim_expires_ms <= $1))
             AND NOT EXISTS (SELECT 1 FROM intervals p WHERE p.judgment_key = i.judgment_key AND p.idx < i.idx
                             AND p.state <> 'DONE')
           ORDER BY i.due_ms, i.judgment_key, i.idx
           LIMIT $4
           FOR UPDATE OF i SKIP LOCKED)
         UPDATE intervals t SET state = 'CLAIMED', claim_owner = $2, claim_expires_ms = $1::bigint + $3::bigint,
           attempts = t.attempts + 1
         FROM candidates c
         WHERE t.judgment_key = c.judgment_key AND t.idx = c.idx
           AND (t.state = 'PENDING' OR (t.state = 'CLAIMED' AND t.claim_expires_ms <= $1))
         RETURNING ${LIGHT_COLUMN_NAMES.map((col) => 't.' + col).join(', ')}`,
        [now, owner, leaseMs, limit],
      );
      return res.rows.map(toInterval).sort((a, b) => a.dueMs - b.dueMs || a.index - b.index);
    },
    async completeInterval(c: IntervalClaim, o: IntervalOutcome, finish, now) {
      return tx(async (cl) => {
        if (!(await lockRunning(cl, c.judgmentKey))) return false;
        const upd = await cl.query(
          `UPDATE intervals SET state = 'DONE', score = $4, result_json = $5, series_json = $6, warnings_json = $7,
             error_json = NULL, completed_ms = $8, claim_owner = NULL, claim_expires_ms = NULL
           WHERE judgment_key = $1 AND idx = $2 AND state = 'CLAIMED' AND claim_owner = $3`,
          [
            c.judgmentKey,
            c.index,
            c.owner,
            o.score,
            JSON.stringify(o.result),
            JSON.stringify(o.series),
            JSON.stringify(o.warnings),
            now,
          ],
        );
        if (upd.rowCount !== 1) return false;
        if (finish) await cl.query(finishSql, finishValues(c.judgmentKey, finish, now));
        else await cl.query(`UPDATE judgments SET updated_ms = $2 WHERE key = $1`, [c.judgmentKey, now]);
        return true;
      });
    },
    async releaseInterval(c, error, retryAtMs) {
      const res = await q(
        `UPDATE intervals SET state = 'PENDING', due_ms = $4, error_json = $5, claim_owner = NULL,
           claim_expires_ms = NULL
         WHERE judgment_key = $1 AND idx = $2 AND state = 'CLAIMED' AND claim_owner = $3`,
        [c.judgmentKey, c.index, c.owner, retryAtMs, JSON.stringify(error)],
      );
      return res.rowCount === 1;
    },
    async failInterval(c, error, now) {
      return tx(async (cl) => {
        await lockRunning(cl, c.judgmentKey);
        const upd = await cl.query(
          `UPDATE intervals SET state = 'FAILED', error_json = $4, completed_ms = $5, claim_owner = NULL,
             claim_expires_ms = NULL
           WHERE judgment_key = $1 AND idx = $2 AND state = 'CLAIMED' AND claim_owner = $3`,
          [c.judgmentKey, c.index, c.owner, JSON.stringify(error), now],
        );
        if (upd.rowCount !== 1) return false;
        await cl.query(
          finishSql,
          finishValues(c.judgmentKey, { status: 'TERMINAL', verdict: null, score: null, error }, now),
        );
        return true;
      });
    },
    async finishJudgment(key, f, now) {
      return (await q(finishSql, finishValues(key, f, now))).rowCount === 1;
    },
    async overdueJudgments(now, limit) {
      const res = await named<{ key: string }>(
        'cj_overdue',
        `SELECT key FROM judgments WHERE status = 'RUNNING' AND deadline_ms <= $1 ORDER BY deadline_ms LIMIT $2`,
        [now, limit],
      );
      return res.rows.map((r) => r.key);
    },
    async countDueIntervals(now) {
      const res = await named<{ n: string }>(
        'cj_count_due',
        `SELECT COUNT(*) AS n FROM intervals i JOIN judgments j ON j.key = i.judgment_key WHERE i.state = 'PENDING' AND i.due_ms <= $1 AND j.status = 'RUNNING'`,
        [now],
      );
      return Number(res.rows[0]?.n ?? 0);
    },
    async countByStatus() {
      const out: Record<JudgmentStatus, number> = { RUNNING: 0, SUCCEEDED: 0, TERMINAL: 0, CANCELED: 0 };
      const res = await q<{ status: JudgmentStatus; n: number }>(
        'SELECT status, COUNT(*)::int AS n FROM judgments GROUP BY status',
      );
      for (const r of res.rows) out[r.status] = r.n;
      return out;
    },
    async ping() {
      await q('SELECT 1');
    },
    async markTerminalServed(key) {
      await q(
        `UPDATE judgments SET terminal_served = TRUE WHERE key = $1 AND status <> 'RUNNING' AND NOT terminal_served`,
        [key],
      );
    },
    async restartJudgment(j, expected) {
      return tx(async (c) => {
        const row = (await c.query<JudgmentRow>('SELECT * FROM judgments WHERE key = $1 FOR UPDATE', [j.key])).rows[0];
        if (!row || row.attempt !== expected || row.status === 'RUNNING' || !row.terminal_served) {
          return { restarted: false, judgment: row ? toJudgment(row) : null };
        }
        const intervals = (
          await c.query<IntervalRow>('SELECT * FROM intervals WHERE judgment_key = $1 ORDER BY idx', [j.key])
        ).rows;
        const a = archiveAttempt(row, intervals);
        await c.query(
          `INSERT INTO judgment_attempts (judgment_key, attempt, judgment_json, intervals_json) VALUES ($1, $2, $3, $4)`,
          [a.judgment_key, a.attempt, a.judgment_json, a.intervals_json],
        );
        await c.query('DELETE FROM intervals WHERE judgment_key = $1', [j.key]);
        await c.query(
          `UPDATE judgments SET status = 'RUNNING', verdict = NULL, score = NULL, error_json = NULL, warnings_json = $2,
             intervals_planned = $3, deadline_ms = $4, created_ms = $5, updated_ms = $5, completed_ms = NULL,
             attempt = attempt + 1, terminal_served = FALSE
           WHERE key = $1`,
          [j.key, JSON.stringify(j.warnings), j.intervals.length, j.deadlineMs, j.nowMs],
        );
        await insertIntervals(c, j);
        const now = (await c.query<JudgmentRow>('SELECT * FROM judgments WHERE key = $1', [j.key])).rows[0];
        return { restarted: true, judgment: now ? toJudgment(now) : null };
      });
    },
    async listAttempts(key) {
      const res = await q<{ attempt: number; judgment_json: string }>(
        'SELECT attempt, judgment_json FROM judgment_attempts WHERE judgment_key = $1 ORDER BY attempt',
        [key],
      );
      return res.rows.map(toAttempt);
    },
    async releaseClaimsOf(owner) {
      const res = await q(
        `UPDATE intervals SET state = 'PENDING', claim_owner = NULL, claim_expires_ms = NULL,
           attempts = GREATEST(attempts - 1, 0)
         WHERE state = 'CLAIMED' AND claim_owner = $1`,
        [owner],
      );
      return res.rowCount ?? 0;
    },
    async deleteFinishedBefore(cutoffMs, limit) {
      return tx(async (c) => {
        // One replica at a time: the others skip this round (transaction-scoped lock, freed at COMMIT/ROLLBACK).
        const lock = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [RETENTION_LOCK_KEY]);
        if (!lock.rows[0]?.ok) return null;
        const keys = (
          await c.query<{ key: string }>(
            `SELECT key FROM judgments WHERE status <> 'RUNNING' AND completed_ms < $1 ORDER BY completed_ms LIMIT $2
             FOR UPDATE SKIP LOCKED`,
            [cutoffMs, Math.min(limit, MAX_RETENTION_BATCH)],
          )
        ).rows.map((r) => r.key);
        if (keys.length === 0) return { judgments: 0, intervals: 0, attempts: 0 };
        const intervals = await c.query('DELETE FROM intervals WHERE judgment_key = ANY($1::text[])', [keys]);
        const attempts = await c.query('DELETE FROM judgment_attempts WHERE judgment_key = ANY($1::text[])', [keys]);
        const judgments = await c.query(`DELETE FROM judgments WHERE key = ANY($1::text[]) AND status <> 'RUNNING'`, [
          keys,
        ]);
        return {
          judgments: judgments.rowCount ?? 0,
          intervals: intervals.rowCount ?? 0,
          attempts: attempts.rowCount ?? 0,
        };
      });
    },
    async databaseSizeBytes() {
      const res = await q<{ n: string | number }>('SELECT pg_database_size(current_database()) AS n');
      return Number(res.rows[0]?.n ?? 0);
    },
    async metaGetOrSet(name, value) {
      await q('INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, value]);
      const row = (await q<{ value: string }>('SELECT value FROM meta WHERE name = $1', [name])).rows[0];
      if (!row) throw new Error(`meta value ${name} could not be stored`);
      return row.value;
    },
    async close() {
      await pool.end();
    },
  };
}

/** A store that may still be waiting for its database (see {@link openPostgresStoreWaiting}). */
export interface WaitingStore extends JudgmentStore {
  /** Resolves once the database was reached and migrated (never rejects; never resolves if closed first). */
  readonly ready: Promise<void>;
}

/** Settings of the start-up retries of {@link openPostgresStoreWaiting}. */
export interface StartupRetryOptions {
  /** First wait between connection attempts, ms (default 500); it doubles per attempt up to `maxDelayMs`. */
  firstDelayMs?: number;
  /** Longest wait between attempts, ms (default 10000). */
  maxDelayMs?: number;
  /** Told about every failed attempt (for logs). */
  onRetry?: (e: Error, attempt: number, delayMs: number) => void;
  /** Told once the database is reached and migrated. */
  onReady?: (attempts: number) => void;
}

/**
 * Opens the PostgreSQL store without requiring the database at start-up: a first attempt is made at once; an error
 * other than "unreachable" there (e.g. a schema newer than this code) is thrown as by {@link openPostgresStore}.
 * While the database cannot be reached the returned store answers every call with a {@link StoreUnavailableError}
 * (a 503 `STORE_UNAVAILABLE` over HTTP, so `/readyz` and every judgment endpoint answer 503, which Orca retries) and keeps trying to
 * connect and migrate in the background with exponential backoff; once that succeeds it serves normally.
 * @param options connection string and pool settings
 * @param retry backoff and notifications of the start-up retries
 */
export async function openPostgresStoreWaiting(
  options: PostgresStoreOptions,
  retry: StartupRetryOptions = {},
): Promise<WaitingStore> {
  let inner: JudgmentStore | null = null;
  let lastError: Error | null = null;
  let attempts = 1;
  try {
    inner = await openPostgresStore(options);
  } catch (e) {
    if (!isUnavailable(e)) throw e;
    lastError = e as Error;
  }
  if (inner) return { ...inner, ready: Promise.resolve() };

  const first = retry.firstDelayMs ?? 500;
  const max = retry.maxDelayMs ?? 10_000;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let attempt: Promise<void> | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const schedule = () => {
    const delay = Math.min(max, first * 2 ** Math.min(20, attempts - 1));
    retry.onRetry?.(lastError ?? new Error('unknown error'), attempts, delay);
    timer = setTimeout(() => {
      timer = null;
      attempts++;
      attempt = openPostgresStore(options).then(
        async (store) => {
          attempt = null;
          if (closed) return store.close();
          inner = store;
          retry.onReady?.(attempts);
          markReady();
        },
        (e: unknown) => {
          attempt = null;
          lastError = e as Error;
          if (!closed) schedule();
        },
      );
    }, delay);
  };
  schedule();

  const current = (): JudgmentStore => {
    if (inner) return inner;
    throw new StoreUnavailableError(
      `the judgment store (PostgreSQL) is not reachable yet (start-up, ${attempts} connection attempt${attempts === 1 ? '' : 's'}): database unreachable; retry`,
      lastError?.message ?? 'connecting',
    );
  };
  return {
    ready,
    createJudgment: async (j) => current().createJudgment(j),
    getJudgment: async (key) => current().getJudgment(key),
    getJudgmentWithIntervals: async (key) => current().getJudgmentWithIntervals(key),
    listIntervals: async (key, detail) => current().listIntervals(key, detail),
    claimDueIntervals: async (now, owner, lease, limit) => current().claimDueIntervals(now, owner, lease, limit),
    completeInterval: async (c, o, f, now) => current().completeInterval(c, o, f, now),
    releaseInterval: async (c, e, at, now) => current().releaseInterval(c, e, at, now),
    failInterval: async (c, e, now) => current().failInterval(c, e, now),
    finishJudgment: async (key, f, now) => current().finishJudgment(key, f, now),
    overdueJudgments: async (now, limit) => current().overdueJudgments(now, limit),
    countByStatus: async () => current().countByStatus(),
    countDueIntervals: async (now) => (await current().countDueIntervals?.(now)) ?? 0,
    ping: async () => current().ping(),
    metaGetOrSet: async (name, value) => current().metaGetOrSet(name, value),
    markTerminalServed: async (key) => current().markTerminalServed(key),
    restartJudgment: async (j, expected) => current().restartJudgment(j, expected),
    listAttempts: async (key) => current().listAttempts(key),
    releaseClaimsOf: async (owner, now) => current().releaseClaimsOf(owner, now),
    deleteFinishedBefore: async (cutoff, limit) => current().deleteFinishedBefore(cutoff, limit),
    databaseSizeBytes: async () => current().databaseSizeBytes(),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await attempt;
      await inner?.close();
    },
  };
}
