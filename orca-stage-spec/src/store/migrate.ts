/**
 * Versioned schema migrations of the PostgreSQL store: every `NNN_name.sql` file in `./migrations/` is one version
 * (`NNN`). Start-up applies the pending ones in ascending order, all in one transaction together with their rows in
 * `schema_migrations` (a failed migration leaves the schema as it was); replicas starting at the same moment serialise on a transaction-level advisory
 * lock, so each version is applied exactly once. A database that is newer than this code (it has versions this
 * code does not know) is refused rather than silently used.
 *
 * Reference: https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/** One migration file. */
export interface Migration {
  /** Version number (the file name's leading digits). */
  version: number;
  /** File name without `.sql`. */
  name: string;
  sql: string;
}

/** Arbitrary constant key of the advisory lock that serialises migrations across replicas. */
export const MIGRATION_LOCK_KEY = 0x63_6a_6d_67; // "cjmg"

/** The directory holding the migration files. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Reads the migration files of `dir` in version order.
 * @throws Error for a file name without a version or two files with the same version
 */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const out: Migration[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    const m = /^(\d+)_([A-Za-z0-9_-]+)\.sql$/.exec(file);
    if (!m?.[1]) throw new Error(`migration file ${file} must be named NNN_name.sql`);
    out.push({ version: Number(m[1]), name: file.slice(0, -4), sql: readFileSync(`${dir}/${file}`, 'utf8') });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++) {
    if (out[i]?.version === out[i - 1]?.version) throw new Error(`two migrations have version ${out[i]?.version}`);
  }
  return out;
}

/**
 * Applies the pending migrations.
 * @param pool a pool on the target database
 * @param migrations the known migrations (default: the files of {@link MIGRATIONS_DIR})
 * @returns the versions applied by this call (empty when the schema was current)
 * @throws Error when the database holds a version this code does not know
 */
export async function migrate(pool: pg.Pool, migrations: Migration[] = loadMigrations()): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new Error(
        `the database has schema version(s) ${unknown.join(', ')} that this service does not know; upgrade the service`,
      );
    }
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  return applied;
}
