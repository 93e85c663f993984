/**
 * PostgreSQL adapter of the shared-config store, for several replicas on one database. Its tables come from the
 * store's migration `003_canary_configs.sql` (applied with the other migrations at start-up). A new version is
 * `max + 1` inserted in one statement; two replicas racing on the same name conflict on the primary key and the
 * loser retries once. Unreachable database → 503 `STORE_UNAVAILABLE`, like the judgment store.
 */
import pg from 'pg';
import type { CanaryConfig } from '@canary-judge/shared';
import { StoreUnavailableError } from '../store/port';
import { isUnavailable } from '../store/postgres';
import { toStoredConfig, toSummaries, type CanaryConfigStore, type ConfigRow } from './port';
import { numbered, SQL } from './sql';

/** Opens a small pool on `connectionString`. */
export function openPostgresConfigStore(connectionString: string): CanaryConfigStore {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', () => undefined);
  const q = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> => {
    try {
      return (await pool.query<R>(numbered(sql), values)).rows;
    } catch (e) {
      // 42P01: the tables are not there yet (migrations still pending while PostgreSQL was down at start-up).
      if (isUnavailable(e) || (e as { code?: string }).code === '42P01') {
        throw new StoreUnavailableError('the config store is not reachable yet; retry', (e as Error).message, {
          cause: e,
        });
      }
      throw e;
    }
  };
  const add = async (name: string, application: string | null, config: CanaryConfig, nowMs: number) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const last = (await q<ConfigRow>(SQL.latest, [name]))[0];
      if (application !== null && last) return null;
      if (application === null && !last) return null;
      const row: ConfigRow = {
        name,
        version: (last ? Number(last.version) : 0) + 1,
        application: application ?? (last as ConfigRow).application,
        config_json: JSON.stringify(config),
        created_ms: nowMs,
      };
      try {
        await q(SQL.insert, [row.name, row.version, row.application, row.config_json, row.created_ms]);
        return toStoredConfig(row);
      } catch (e) {
        if ((e as { code?: string }).code !== '23505' || attempt === 1) throw e; // unique violation: raced
      }
    }
    return null;
  };
  type ListRow = { name: string; version: number; application: string; created_ms: string; uses: string };
  return {
    create: (application, name, config, nowMs) => add(name, application, config, nowMs),
    addVersion: (name, config, nowMs) => add(name, null, config, nowMs),
    list: async (application) =>
      toSummaries(
        application === null ? await q<ListRow>(SQL.list) : await q<ListRow>(SQL.listByApplication, [application]),
      ),
    get: async (name, v) => {
      const rows = v === 'latest' ? await q<ConfigRow>(SQL.latest, [name]) : await q<ConfigRow>(SQL.version, [name, v]);
      return rows[0] ? toStoredConfig(rows[0]) : null;
    },
    references: async (name) => Number((await q<{ n: string }>(SQL.references, [name]))[0]?.n ?? 0),
    recordUse: async (name, v, key, nowMs) => {
      await q(SQL.recordUse, [name, v, key, nowMs]);
    },
    delete: async (name) => {
      try {
        const r = await pool.query(numbered(SQL.delete), [name]);
        return (r.rowCount ?? 0) > 0;
      } catch (e) {
        if (isUnavailable(e)) {
          throw new StoreUnavailableError('the config store is not reachable; retry', (e as Error).message, {
            cause: e,
          });
        }
        throw e;
      }
    },
    close: async () => {
      await pool.end();
    },
  };
}
