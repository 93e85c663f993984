// The shared-config store's behaviour, the same on SQLite and on PostgreSQL (a throw-away Debian cluster on
// loopback, schema from the store's migrations incl. 003_canary_configs.sql).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CANARY_CONFIG } from '../demo/demo-request';
import { migrate } from '../store/migrate';
import { startTestPostgres, type TestPostgres } from '../testing/postgres';
import type { CanaryConfigStore } from './port';
import { openPostgresConfigStore } from './postgres';
import { openSqliteConfigStore } from './sqlite';

let server: TestPostgres | undefined;
beforeAll(async () => {
  server = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  await server?.destroy();
});

async function postgresStore(): Promise<CanaryConfigStore> {
  if (!server) throw new Error('PostgreSQL did not start');
  const url = await server.createDatabase(`configs_${process.pid}`);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await migrate(pool);
  await pool.end();
  return openPostgresConfigStore(url);
}

for (const [label, open] of [
  ['SQLite', async () => openSqliteConfigStore(':memory:')],
  ['PostgreSQL', postgresStore],
] as const) {
  describe(`shared config store (${label})`, () => {
    it('versions, lists, resolves latest, counts uses and deletes', async () => {
      const store = await open();
      try {
        expect(await store.create('shop', 'checkout', DEMO_CANARY_CONFIG, 1000)).toMatchObject({ version: 1 });
        expect(await store.create('shop', 'checkout', DEMO_CANARY_CONFIG, 1001)).toBeNull();
        const v2 = { ...DEMO_CANARY_CONFIG, name: 'v2' };
        expect(await store.addVersion('checkout', v2, 2000)).toMatchObject({ version: 2, application: 'shop' });
        expect(await store.addVersion('nope', v2, 2000)).toBeNull();
        expect((await store.get('checkout', 'latest'))?.config.name).toBe('v2');
        expect((await store.get('checkout', 1))?.config.name).toBe('demo-checkout');
        expect(await store.get('checkout', 3)).toBeNull();
        await store.create('other', 'payments', DEMO_CANARY_CONFIG, 3000);
        await store.recordUse('checkout', 1, 'j1', 4000);
        await store.recordUse('checkout', 1, 'j1', 4001);
        await store.recordUse('checkout', 2, 'j2', 4002);
        expect(await store.references('checkout')).toBe(2);
        expect(await store.list('shop')).toEqual([
          { name: 'checkout', application: 'shop', latestVersion: 2, versions: [1, 2], updatedMs: 2000, references: 2 },
        ]);
        expect((await store.list(null)).map((c) => c.name)).toEqual(['checkout', 'payments']);
        expect(await store.delete('payments')).toBe(true);
        expect(await store.delete('payments')).toBe(false);
        expect(await store.get('payments', 'latest')).toBeNull();
      } finally {
        await store.close();
      }
    });
  });
}
