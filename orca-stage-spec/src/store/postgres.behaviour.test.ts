import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import { describeStoreBehaviour } from '../testing/store-behaviour';
import { loadMigrations, migrate } from './migrate';
import { StoreUnavailableError } from './port';
import { openPostgresStore } from './postgres';

// A throw-away Debian PostgreSQL cluster on loopback for this file; one new database per test.
let server: TestPostgres | undefined;
let counter = 0;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.destroy();
});

async function newDatabase(prefix: string): Promise<string> {
  if (!server) throw new Error('PostgreSQL did not start');
  return server.createDatabase(`${prefix}_${process.pid}_${++counter}`);
}

describeStoreBehaviour('PostgreSQL', async () => {
  const url = await newDatabase('behaviour');
  return {
    open: () => openPostgresStore({ connectionString: url, maxConnections: 4 }),
    dispose: async () => undefined,
  };
});

describe('PostgreSQL schema migrations', () => {
  it('applies every version once, even when replicas start together, and records them', async () => {
    const url = await newDatabase('migrations');
    const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: url, max: 2 }));
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p)));
      const versions = loadMigrations().map((m) => m.version);
      expect(versions.length).toBeGreaterThan(0);
      expect(applied.flat().sort()).toEqual(versions);
      expect(await migrate(pools[0] as pg.Pool)).toEqual([]);
      const rows = await (pools[0] as pg.Pool).query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(rows.rows.map((r) => r.version)).toEqual(versions);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('refuses a database whose schema is newer than the service', async () => {
    const url = await newDatabase('newer');
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migrate(pool);
      await pool.query(`INSERT INTO schema_migrations (version, name) VALUES (999, '999_future')`);
      await expect(migrate(pool)).rejects.toThrow(/schema version\(s\) 999 .*upgrade the service/);
    } finally {
      await pool.end();
    }
  });

  it('answers 503 STORE_UNAVAILABLE while the server is down and works again once it is back', async () => {
    const url = await newDatabase('outage');
    const store = await openPostgresStore({ connectionString: url, maxConnections: 2, connectTimeoutMs: 1000 });
    try {
      await store.ping();
      await server?.stop();
      // The store-level error, served as a 503 STORE_UNAVAILABLE by the HTTP layer (http/app.test.ts).
      await expect(store.getJudgment('k')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.getJudgment('k')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await server?.start();
      expect(await store.getJudgment('k')).toBeNull();
    } finally {
      await store.close();
    }
  });
});
