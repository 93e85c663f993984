/**
 * The rate-limit and answer-size tests every HTTP metric source shares, written once: a `429` whose `Retry-After`
 * fits the budget is waited out and the request sent again; a `429` the source cannot wait out is `RATE_LIMITED`
 * (transient, with the wait the store asked for); an answer over `maxResponseBytes` is `ANSWER_TOO_LARGE`.
 * Each source's test file gives its store's bodies, so the same checks read its own answer shape.
 *
 * Reference: `orca-stage-spec/src/sources/http-client.ts` (the retry and the size cap).
 */
import { expect, it } from 'vitest';
import type { StubResponse, StubServer } from '../stub-server';

/** What a failed fetch reports (the fields of the service's `MetricSourceError` these checks read). */
export interface ThrottledFailure {
  code: string;
  retryAfterMs?: number;
  transient: boolean;
}

/** How the shared tests drive one source under test. */
export interface ThrottlingCase {
  /** The stub store the source talks to. */
  stub: Pick<StubServer, 'setHandler' | 'requests'>;
  /** Makes the store answer `response` to every request. */
  answerWith(response: StubResponse): void;
  /** Fetches the usual request with the default settings. */
  fetch(): Promise<{ values: number[] }>;
  /** Fetches the usual request with `over` settings, expecting it to fail. */
  fail(over?: Record<string, unknown>): Promise<ThrottledFailure>;
  /** The body the store sends with its `429`. */
  busyBody: unknown;
}

/**
 * A `429` with `Retry-After: 1` is waited out: the second request's answer `ok` is read as `values`.
 * @param c the source under test
 * @param title the test's title
 * @param ok the store's answer after the `429`
 * @param values the values the source reads from `ok`
 */
export function itWaitsOutRetryAfter(c: ThrottlingCase, title: string, ok: StubResponse, values: number[]): void {
  it(title, async () => {
    let calls = 0;
    c.stub.setHandler(() => {
      calls += 1;
      return calls === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: c.busyBody } : ok;
    });
    expect((await c.fetch()).values).toEqual(values);
    expect(c.stub.requests).toHaveLength(2);
  });
}

/**
 * A `429` the source does not wait out (a `Retry-After` beyond the budget, or none) is `RATE_LIMITED`; `expected`
 * names the other fields to check (e.g. `retryAfterMs`, `transient`).
 * @param c the source under test
 * @param title the test's title
 * @param retryAfter the `Retry-After` header in seconds (absent = none sent)
 * @param expected the error's `retryAfterMs` and/or `transient`
 */
export function itGivesUpOnRateLimits(
  c: ThrottlingCase,
  title: string,
  retryAfter: string | undefined,
  expected: Partial<Pick<ThrottledFailure, 'retryAfterMs' | 'transient'>>,
): void {
  it(title, async () => {
    c.answerWith({ status: 429, ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}), body: c.busyBody });
    const e = await c.fail();
    expect(e.code).toBe('RATE_LIMITED');
    if ('retryAfterMs' in expected) expect(e.retryAfterMs).toBe(expected.retryAfterMs);
    if ('transient' in expected) expect(e.transient).toBe(expected.transient);
  });
}

/**
 * An answer larger than a 4096-byte `maxResponseBytes` is `ANSWER_TOO_LARGE`.
 * @param c the source under test
 * @param big an answer of the store's shape larger than 4096 bytes
 */
export function itRefusesAnswersOverTheCap(c: ThrottlingCase, big: StubResponse): void {
  it('an answer larger than maxResponseBytes → ANSWER_TOO_LARGE', async () => {
    c.answerWith(big);
    expect((await c.fail({ maxResponseBytes: 4096 })).code).toBe('ANSWER_TOO_LARGE');
  });
}
