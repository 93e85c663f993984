/**
 * SQLite adapter of the shared-config store (better-sqlite3; its own connection to the service's database file,
 * WAL mode lets it share the file with the judgment store). Versions are added in one transaction, so two updates
 * never get the same number.
 */
import Database from 'better-sqlite3';
import type { CanaryConfig } from '@canary-judge/shared';
import { withSqliteUnavailable } from '../store/sqlite-unavailable';
import { toStoredConfig, toSummaries, type CanaryConfigStore, type ConfigRow } from './port';
import { SQL, SQLITE_SCHEMA } from './sql';

/** Opens the store on `file` (`:memory:` for tests: then private to this connection). */
export function openSqliteConfigStore(file: string): CanaryConfigStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SQLITE_SCHEMA);
  const latest = db.prepare<[string], ConfigRow>(SQL.latest);
  const version = db.prepare<[string, number], ConfigRow>(SQL.version);
  const insert = db.prepare(SQL.insert);
  type ListRow = { name: string; version: number; application: string; created_ms: number; uses: number };
  const list = db.prepare<[], ListRow>(SQL.list);
  const listByApp = db.prepare<[string], ListRow>(SQL.listByApplication);
  const refs = db.prepare<[string], { n: number }>(SQL.references);
  const use = db.prepare(SQL.recordUse);
  const del = db.prepare(SQL.delete);
  const add = db.transaction((name: string, application: string | null, config: CanaryConfig, nowMs: number) => {
    const last = latest.get(name);
    if (application !== null && last) return null;
    if (application === null && !last) return null;
    const row: ConfigRow = {
      name,
      version: (last?.version ?? 0) + 1,
      application: application ?? (last as ConfigRow).application,
      config_json: JSON.stringify(config),
      created_ms: nowMs,
    };
    insert.run(row.name, row.version, row.application, row.config_json, row.created_ms);
    return toStoredConfig(row);
  });
  return withSqliteUnavailable<CanaryConfigStore>({
    create: async (application, name, config, nowMs) => add(name, application, config, nowMs),
    addVersion: async (name, config, nowMs) => add(name, null, config, nowMs),
    list: async (application) => toSummaries(application === null ? list.all() : listByApp.all(application)),
    get: async (name, v) => {
      const row = v === 'latest' ? latest.get(name) : version.get(name, v);
      return row ? toStoredConfig(row) : null;
    },
    references: async (name) => refs.get(name)?.n ?? 0,
    recordUse: async (name, v, key, nowMs) => {
      use.run(name, v, key, nowMs);
    },
    delete: async (name) => del.run(name).changes > 0,
    close: async () => {
      db.close();
    },
  });
}
