import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from './port';
import { isSqliteError, SQLITE_UNAVAILABLE_MESSAGE, withSqliteUnavailable } from './sqlite-unavailable';
import { openSqliteStore } from './sqlite';

/** An error shaped like better-sqlite3's `SqliteError` (an `Error` with SQLite's result code). */
function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'SqliteError', code });
}

describe('withSqliteUnavailable', () => {
  it('turns an error SQLite raised into a StoreUnavailableError, keeping the driver text for the logs only', async () => {
    const busy = sqliteError('SQLITE_BUSY', 'database is locked');
    const store = withSqliteUnavailable({ get: async () => Promise.reject(busy) });
    const e = await store.get().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreUnavailableError);
    expect(e).toMatchObject({ code: 'STORE_UNAVAILABLE', message: SQLITE_UNAVAILABLE_MESSAGE });
    expect((e as StoreUnavailableError).detail).toBe('database is locked');
    expect((e as StoreUnavailableError).cause).toBe(busy);
  });

  it('passes other errors and results through unchanged, with the arguments given', async () => {
    const plain = new Error('meta value x could not be stored');
    const store = withSqliteUnavailable({
      fail: async () => Promise.reject(plain),
      echo: async (a: number, b: string) => `${a}${b}`,
    });
    await expect(store.fail()).rejects.toBe(plain);
    expect(await store.echo(1, 'x')).toBe('1x');
  });

  it('recognises SQLite errors by their result code only', () => {
    expect(isSqliteError(sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error'))).toBe(true);
    expect(isSqliteError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isSqliteError(null)).toBe(false);
  });

  it('leaves the SQLite judgment store answering through the guard', async () => {
    const store = openSqliteStore(':memory:');
    try {
      expect(await store.getJudgment('absent')).toBeNull();
      await store.ping();
    } finally {
      await store.close();
    }
  });
});
