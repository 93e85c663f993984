import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from './port';
import { openPostgresStoreWaiting } from './postgres';
import { freeLoopbackPort } from '../testing/postgres';

describe('openPostgresStoreWaiting (database down at start-up)', () => {
  it('answers 503 STORE_UNAVAILABLE from every call, retries with growing waits, and stops retrying when closed', async () => {
    const url = `postgres://postgres@127.0.0.1:${await freeLoopbackPort()}/judge`;
    const retries: Array<[number, number]> = [];
    const store = await openPostgresStoreWaiting(
      { connectionString: url, connectTimeoutMs: 500 },
      { firstDelayMs: 20, maxDelayMs: 80, onRetry: (_e, attempt, delay) => retries.push([attempt, delay]) },
    );
    for (const call of [() => store.ping(), () => store.getJudgment('k'), () => store.overdueJudgments(0, 1)]) {
      const e = await call().catch((x: unknown) => x);
      // The store-level error; the HTTP layer serves it as a 503 STORE_UNAVAILABLE (http/app.test.ts).
      expect(e).toBeInstanceOf(StoreUnavailableError);
      expect(e).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect((e as Error).message).toMatch(
        /^the judgment store \(PostgreSQL\) is not reachable yet \(start-up, \d+ connection attempts?\): database unreachable; retry$/,
      );
      // The driver's text (with the database address) is kept for the logs only, never in the message served.
      expect((e as Error).message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      expect((e as StoreUnavailableError).detail).toMatch(/ECONNREFUSED/);
    }
    const deadline = Date.now() + 10_000;
    while (retries.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(retries.slice(0, 4)).toEqual([
      [1, 20],
      [2, 40],
      [3, 80],
      [4, 80],
    ]);
    await store.close();
    const after = retries.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(retries.length).toBe(after);
  });
});
