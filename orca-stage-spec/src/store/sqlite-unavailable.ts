/**
 * How the SQLite adapters report trouble of the database itself: every error SQLite raises (better-sqlite3's
 * `SqliteError`, whose `code` is one of SQLite's result codes — `SQLITE_BUSY`, `SQLITE_LOCKED`, `SQLITE_IOERR`,
 * `SQLITE_FULL`, …) leaves the store as a {@link StoreUnavailableError}, so the HTTP layer answers a retryable 503
 * without knowing which database is behind the port. Result codes: https://www.sqlite.org/rescode.html
 */
import { StoreUnavailableError } from './port';

/** The message served for a SQLite failure (the driver's text stays in the logs). */
export const SQLITE_UNAVAILABLE_MESSAGE = 'the judgment store is busy or unavailable; retry';

/**
 * Whether `e` is an error raised by SQLite (a `code` starting with `SQLITE_`).
 * @param e anything thrown
 */
export function isSqliteError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * The same store, whose methods reject with a {@link StoreUnavailableError} (the SQLite error as `cause`, its text as
 * `detail`) instead of a SQLite error; every other error passes unchanged. Every method of `store` must return a
 * promise (the store ports are async).
 * @param store a SQLite adapter's methods
 * @returns an object with the same methods
 */
export function withSqliteUnavailable<T extends object>(store: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store)) {
    if (typeof method !== 'function') {
      guarded[name] = method;
      continue;
    }
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(store, args);
      } catch (e) {
        if (!isSqliteError(e)) throw e;
        throw new StoreUnavailableError(SQLITE_UNAVAILABLE_MESSAGE, (e as Error).message, { cause: e });
      }
    };
  }
  return guarded as T;
}
