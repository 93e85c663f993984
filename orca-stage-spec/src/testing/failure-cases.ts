/**
 * The failure cases every HTTP source's unit tests run, bound to one source: the failure table, the 50 MB answer,
 * and the rate-limit and size-cap cases of `test/support/stand-ins/throttling.ts`. The suites
 * (`http-source-suite.ts`, `scripted-store-suite.ts`) hand them to their test files as methods. Test-only.
 *
 * Reference: `src/sources/http-client.ts` (the retry and the size caps).
 */
import type { StubResponse } from '../../../test/support/stub-server';
import {
  itGivesUpOnRateLimits,
  itRefusesAnswersOverTheCap,
  itWaitsOutRetryAfter,
  type ThrottledFailure,
  type ThrottlingCase,
} from '../../../test/support/stand-ins/throttling';
import type { MetricSourceError } from '../sources/port';
import {
  failureKit,
  itCapsHugeAnswers,
  itMapsFailingAnswers,
  type FailureContract,
  type FailureKitOptions,
  type FailureRow,
} from './source-harness';

/** The shared failure cases of one source under test, with the failure helpers of its tests. */
export interface FailureCases {
  /** Awaits a MetricSourceError, checking its prefix and that no credential leaks. */
  failure(p: Promise<unknown>): Promise<MetricSourceError>;
  /** Makes the store answer `response` to every request. */
  answerWith(response: StubResponse): void;
  /** How the failure table drives the source. */
  contract: FailureContract;
  /** The throttling case the rate-limit cases drive. */
  throttling: ThrottlingCase;
  /**
   * The source's failure table (see `itMapsFailingAnswers` in `source-harness.ts`).
   * @param rows the store's answers and the errors they must give
   * @param extra further checks of every error
   */
  itMapsFailingAnswers(rows: FailureRow[], extra?: (e: MetricSourceError) => void): void;
  /** The shared 50 MB answer test (see `itCapsHugeAnswers` in `source-harness.ts`). */
  itCapsHugeAnswers(): void;
  /**
   * A `429` with `Retry-After: 1` is waited out (see `test/support/stand-ins/throttling.ts`).
   * @param title the test's title
   * @param ok the store's answer after the `429`
   * @param values the values the source reads from `ok`
   */
  itWaitsOutRetryAfter(title: string, ok: StubResponse, values: number[]): void;
  /**
   * A `429` the source does not wait out is `RATE_LIMITED` (see `test/support/stand-ins/throttling.ts`).
   * @param title the test's title
   * @param retryAfter the `Retry-After` header in seconds (absent = none sent)
   * @param expected the error's `retryAfterMs` and/or `transient`
   */
  itGivesUpOnRateLimits(
    title: string,
    retryAfter: string | undefined,
    expected: Partial<Pick<ThrottledFailure, 'retryAfterMs' | 'transient'>>,
  ): void;
  /**
   * An answer over a 4096-byte cap is `ANSWER_TOO_LARGE` (see `test/support/stand-ins/throttling.ts`).
   * @param big an answer of the store's shape larger than 4096 bytes
   */
  itRefusesAnswersOverTheCap(big: StubResponse): void;
}

/** What {@link failureCases} needs beyond {@link FailureKitOptions}. */
export interface FailureCasesOptions extends FailureKitOptions {
  /** Fetches the usual request with the default settings (the rate-limit cases read its values). */
  fetch: ThrottlingCase['fetch'];
  /** The body the store sends with a `429`. */
  busyBody: unknown;
}

/**
 * The failure helpers of one source's tests (see {@link failureKit}) and the shared failure cases bound to it.
 * @param o the source under test
 * @returns the helpers and cases
 */
export function failureCases(o: FailureCasesOptions): FailureCases {
  const { failure, answerWith, contract } = failureKit(o);
  const throttling: ThrottlingCase = {
    stub: o.stub,
    answerWith,
    fetch: o.fetch,
    fail: contract.fail,
    busyBody: o.busyBody,
  };
  return {
    failure,
    answerWith,
    contract,
    throttling,
    itMapsFailingAnswers: (rows, extra) => itMapsFailingAnswers(contract, rows, extra),
    itCapsHugeAnswers: () => itCapsHugeAnswers(contract),
    itWaitsOutRetryAfter: (title, ok, values) => itWaitsOutRetryAfter(throttling, title, ok, values),
    itGivesUpOnRateLimits: (title, retryAfter, expected) =>
      itGivesUpOnRateLimits(throttling, title, retryAfter, expected),
    itRefusesAnswersOverTheCap: (big) => itRefusesAnswersOverTheCap(throttling, big),
  };
}
