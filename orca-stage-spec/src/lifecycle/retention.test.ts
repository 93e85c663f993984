/**
 * Retention on SQLite and PostgreSQL with the manual (injected) judgment clock: finished judgments past the age are
 * deleted in batches with their intervals, RUNNING ones never, `/metrics` counts the deleted rows and shows the
 * database size; on PostgreSQL a replica that finds another one deleting skips the round.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { RETENTION_LOCK_KEY } from '../store/postgres';
import type { ManualClock } from './clock';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { T0, testService } from '../testing/fixtures';
import { DEFAULT_RETENTION_MS, Retention } from './retention';

const DAY = 24 * 3_600_000;
let postgres: TestPostgres | undefined;
let dbCounter = 0;

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.destroy();
});

const stores: Array<[string, () => Promise<Record<string, string>>]> = [
  ['SQLite', async () => ({})],
  [
    'PostgreSQL',
    async () => {
      if (!postgres) throw new Error('PostgreSQL did not start');
      const url = await postgres.createDatabase(`retention_${process.pid}_${++dbCounter}`);
      return { CANARY_JUDGE_STORE: 'postgres', CANARY_JUDGE_DATABASE_URL: url };
    },
  ],
];

describe.each(stores)('retention on %s', (_name, env) => {
  let svc: (RunningService & { clock: ManualClock }) | undefined;
  afterEach(async () => {
    await svc?.close();
    svc = undefined;
  });

  /** Creates `key` now and cancels it `days` later (the clock ends there). */
  async function finishedAt(s: RunningService & { clock: ManualClock }, key: string, days: number) {
    s.clock.set(T0);
    await s.service.create(key, demoRequest('healthy'));
    s.clock.set(T0 + days * DAY);
    await s.service.cancel(key);
  }

  it('deletes finished judgments past the age in batches, with their intervals; never a RUNNING one', async () => {
    const s = await testService(await env(), { startRetention: false });
    svc = s;
    await finishedAt(s, 'a', 0);
    await finishedAt(s, 'b', 1);
    await finishedAt(s, 'c', 30);
    s.clock.set(T0);
    await s.service.create('running', demoRequest('healthy'));
    const deleted: number[] = [];
    const retention = new Retention({
      store: s.store,
      clock: s.clock,
      maxAgeMs: DEFAULT_RETENTION_MS,
      batchSize: 1,
      pauseRealMs: 0,
      onDeleted: (b) => deleted.push(b.judgments),
    });

    s.clock.set(T0 + 90 * DAY); // cutoff T0: nothing finished before it
    expect(await retention.runOnce()).toMatchObject({ judgments: 0, batches: 1, cutoffMs: T0, skipped: false });
    s.clock.set(T0 + 90.5 * DAY); // cutoff T0 + 0.5 d: only a
    expect(await retention.runOnce()).toMatchObject({ judgments: 1, intervals: 3, batches: 2 });
    expect(await s.service.get('a')).toBeNull();
    expect(await s.store.listIntervals('a')).toEqual([]);
    s.clock.set(T0 + 1000 * DAY); // everything finished is past the age: b and c, one per batch
    expect(await retention.runOnce()).toMatchObject({ judgments: 2, intervals: 6, batches: 3 });
    expect(deleted).toEqual([1, 1, 1]);
    expect((await s.service.get('running'))?.status).toBe('RUNNING');
    expect(await s.store.listIntervals('running')).toHaveLength(3);
  });

  it('keeps everything with maxAgeDays 0, and /metrics shows rows deleted and the database size', async () => {
    const keep = await testService({ ...(await env()) }, { startRetention: false });
    await finishedAt(keep, 'old', 0);
    keep.clock.set(T0 + 5000 * DAY);
    const off = new Retention({ store: keep.store, clock: keep.clock, maxAgeMs: 0 });
    expect((await off.runOnce()).judgments).toBe(0);
    expect(await keep.service.get('old')).not.toBeNull();
    await keep.close();

    const s = await testService(await env(), { startRetention: false });
    svc = s;
    await finishedAt(s, 'x', 0);
    await finishedAt(s, 'y', 0);
    s.clock.set(T0 + 100 * DAY);
    expect(await s.retention.runOnce()).toMatchObject({ judgments: 2, intervals: 6, attempts: 0 });
    const text = (await s.app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(/^canary_judge_retention_deleted_rows_total\{table="judgments"\} 2$/m);
    expect(text).toMatch(/^canary_judge_retention_deleted_rows_total\{table="intervals"\} 6$/m);
    const size = /^canary_judge_database_size_bytes (\d+)$/m.exec(text);
    expect(Number(size?.[1])).toBeGreaterThan(0);
  });
});

describe('retention on PostgreSQL with several replicas', () => {
  it('skips the round while another replica holds the retention lock, and deletes once it is free', async () => {
    const env = await stores[1]![1]();
    const s = await testService(env, { startRetention: false });
    const holder = new pg.Client({ connectionString: env['CANARY_JUDGE_DATABASE_URL'] });
    try {
      s.clock.set(T0);
      await s.service.create('old', demoRequest('healthy'));
      await s.service.cancel('old');
      s.clock.set(T0 + 100 * DAY);
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_LOCK_KEY]);
      expect(await s.retention.runOnce()).toMatchObject({ skipped: true, judgments: 0 });
      expect(await s.service.get('old')).not.toBeNull();
      await holder.query('COMMIT');
      expect(await s.retention.runOnce()).toMatchObject({ skipped: false, judgments: 1 });
    } finally {
      await holder.end().catch(() => undefined);
      await s.close();
    }
  });
});
