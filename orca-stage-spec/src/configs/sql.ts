/**
 * The SQL both adapters of the shared-config store run (`?` placeholders; the PostgreSQL adapter numbers them).
 * The tables are created by `store/migrations/003_canary_configs.sql` (PostgreSQL) and {@link SQLITE_SCHEMA}.
 */

/** SQLite schema (PostgreSQL: `003_canary_configs.sql`, the same tables). */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS canary_configs (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  application TEXT NOT NULL,
  config_json TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (name, version)
);
CREATE INDEX IF NOT EXISTS canary_configs_application ON canary_configs (application);
CREATE TABLE IF NOT EXISTS canary_config_uses (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  judgment_key TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (name, judgment_key)
);
`;

/** The statements. */
export const SQL = {
  insert: 'INSERT INTO canary_configs (name, version, application, config_json, created_ms) VALUES (?, ?, ?, ?, ?)',
  latest: 'SELECT * FROM canary_configs WHERE name = ? ORDER BY version DESC LIMIT 1',
  version: 'SELECT * FROM canary_configs WHERE name = ? AND version = ?',
  list: `SELECT c.name, c.version, c.application, c.created_ms,
           (SELECT COUNT(*) FROM canary_config_uses u WHERE u.name = c.name) AS uses
         FROM canary_configs c ORDER BY c.name, c.version`,
  listByApplication: `SELECT c.name, c.version, c.application, c.created_ms,
           (SELECT COUNT(*) FROM canary_config_uses u WHERE u.name = c.name) AS uses
         FROM canary_configs c
         WHERE c.name IN (SELECT name FROM canary_configs WHERE application = ?) ORDER BY c.name, c.version`,
  references: 'SELECT COUNT(*) AS n FROM canary_config_uses WHERE name = ?',
  recordUse: `INSERT INTO canary_config_uses (name, version, judgment_key, created_ms) VALUES (?, ?, ?, ?)
              ON CONFLICT (name, judgment_key) DO NOTHING`,
  delete: 'DELETE FROM canary_configs WHERE name = ?',
} as const;

/** `?` placeholders → PostgreSQL's `$1, $2, …`. */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}
