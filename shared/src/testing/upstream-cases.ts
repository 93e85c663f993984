/**
 * Typed access to the upstream test vectors (`shared/fixtures/kayenta-upstream-cases.json`, `design/kayenta-judge.md`
 * §13) for the library's tests (stats, judge, intervals), and the table of judge-level cases that cannot apply, with
 * the reason for each. Test support only: not exported from the library barrel.
 */
import rawCases from '../../fixtures/kayenta-upstream-cases.json';

/** One upstream test vector (format: `shared/fixtures/README.md`). `"NaN"` strings stand for NaN. */
export interface UpstreamCase {
  /** `owner/repo:path#test name`; unique within a kind except where Kayenta repeats a test. */
  readonly source: string;
  /** Which part of the algorithm the case tests (`classifier`, `scorer`, `config`, `judge`, …). */
  readonly kind: string;
  /** `kayenta-test` or `orca-test`. */
  readonly origin: string;
  /** Test input as written in the source test. */
  readonly input: Record<string, unknown>;
  /** Parameters of the call under test. */
  readonly config: Record<string, unknown>;
  /** What the source test asserts, with its tolerance. */
  readonly expected: Record<string, unknown>;
  /** Free-text notes. */
  readonly notes: string;
}

/** The judge-level kinds this module must run or list as not applicable. */
export const JUDGE_KINDS = ['classifier', 'scorer', 'config', 'judge'] as const;

/**
 * Returns the upstream cases of the given kinds, in file order.
 *
 * @param kinds Case kinds, e.g. `classifier`, or `aggregate` and `interval`.
 * @returns The cases (possibly none).
 */
export function upstreamCases(...kinds: string[]): UpstreamCase[] {
  return (rawCases as unknown as UpstreamCase[]).filter((c) => kinds.includes(c.kind));
}

/**
 * Upstream cases of the judge-level kinds that the judge's tests do not run, keyed by `source`, with the reason.
 * Every other case of {@link JUDGE_KINDS} is run by the test beside the module it concerns.
 */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  'spinnaker/kayenta:kayenta-judge/src/test/scala/com/netflix/kayenta/judge/ClassifierSuite.scala#Mean Inequality Classifier Test: High Metric':
    'MeanInequalityClassifier is a benchmarking classifier that NetflixACAJudge never uses (kayenta-judge.md §5); not ported',
  'spinnaker/kayenta:kayenta-judge/src/test/scala/com/netflix/kayenta/judge/ClassifierSuite.scala#Mean Inequality Classifier Test: Low Metric':
    'MeanInequalityClassifier is a benchmarking classifier that NetflixACAJudge never uses (kayenta-judge.md §5); not ported',
  'spinnaker/kayenta:kayenta-judge/src/test/scala/com/netflix/kayenta/judge/ClassifierSuite.scala#Mean Inequality Classifier Test: Pass Metric':
    'MeanInequalityClassifier is a benchmarking classifier that NetflixACAJudge never uses (kayenta-judge.md §5); not ported',
};
