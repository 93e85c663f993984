/**
 * The judge service's checks against a real metric store (test/support/real-store: Debian's prometheus,
 * victoria-metrics, graphite-web, influxd), on top of the judgment helpers of ./stand-in-judgment: the suite every
 * store judged with a Kayenta canary config runs (healthy canary → PASS with each series judged, slow canary → FAIL,
 * a scope without data → no verdict, bad query configs → 400), and its parts for stores that need only some.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import {
  expectPassingStage,
  expectRefused,
  itFailsOnLatencyRegression,
  putJudgment,
  reportResults,
  retrospectiveRequest,
  withFirstQuery,
} from './stand-in-judgment';

/**
 * The checks of a judgment whose canary scope the store has no data for: the stage ends TERMINAL without an error
 * and without a PASS, and its warnings match each of `warnings` (they name the metric, the scope and the cause).
 * @param title the test title
 * @param judgeUrl the judge service's base URL
 * @param request the judgment of the unknown scope
 * @param warnings what the warnings must say
 */
export function itFindsNoData(
  title: string,
  judgeUrl: () => string,
  request: () => JudgmentRequest,
  ...warnings: RegExp[]
): void {
  it(title, async () => {
    const run = await runStage(pluginStage(judgeUrl(), request()));
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', error: null });
    expect(body.verdict).not.toBe('PASS');
    const text = (body.warnings as string[]).join('\n');
    for (const warning of warnings) expect(text).toMatch(warning);
  });
}

/**
 * The bad-query cases of a real store: each query config, put on the first metric, is refused on create
 * (`PUT /v1/judgments/{key}`) with 400 naming `canaryConfig.metrics[0].query` (or its `type`, for another store's
 * query config), a message matching the row's pattern and, unless `code` is undefined, that error code.
 * @param judgeUrl the judge service's base URL
 * @param rows what is wrong, the query config, the expected message
 * @param request the judgment carrying a query config as the first metric's
 * @param code the expected error code (`undefined`: not checked)
 */
export function itRefusesBadQueryConfigs(
  judgeUrl: () => string,
  rows: [what: string, query: Record<string, unknown>, message: RegExp][],
  request: (query: Record<string, unknown>) => JudgmentRequest,
  code: string | undefined,
): void {
  it.each<[string, Record<string, unknown>, RegExp]>(rows)(
    'bad input: %s → 400 naming the field',
    async (_what, query, message) => {
      const key = `bad-query-${Math.random().toString(36).slice(2)}`;
      const res = await putJudgment(judgeUrl(), key, request(query));
      expectRefused(
        { httpStatus: res.status, body: res.json },
        /^canaryConfig\.metrics\[0\]\.query(\.type)?$/,
        message,
        code,
      );
    },
  );
}

/**
 * Checks the metric results of a finished judgment (from its report), whatever their order: one row per judged
 * series, its metric name, tags (`{}` for none) and classification.
 * @param body the final judgment body
 * @param expected the rows
 */
export async function expectJudgedSeries(
  body: Record<string, unknown>,
  expected: [name: string, tags: Record<string, string>, classification: string][],
): Promise<void> {
  const results = await reportResults(body);
  const rows = (r: [string, Record<string, string>, string][]) => r.map((row) => JSON.stringify(row)).sort();
  expect(rows(results.map((r) => [r.name, r.tags ?? {}, r.classification]))).toEqual(rows(expected));
}

/** The cases of {@link itJudgesKayentaConfig}. */
export interface KayentaStoreCases {
  /** The name of the service's source reading the store. */
  source: string;
  /** The baseline scope every judgment compares against. */
  controlScope: string;
  /** The healthy canary: the test title, its scope, and every series the report must judge Pass. */
  healthy: {
    title: string;
    scope: string;
    series: [name: string, tags: Record<string, string>, classification: string][];
  };
  /** The slow canary: its scope and the metrics that must still pass beside the High latency. */
  slow: { scope: string; passing: string[] };
  /** A canary scope without data (when the store tells it apart): the test title, the scope, the warning. */
  noData?: { title: string; scope: string; warning: RegExp };
  /**
   * Bad query configs for the first metric (see {@link itRefusesBadQueryConfigs}): the canary scope of the judgment,
   * the rows, and the error code (`undefined`: not checked).
   */
  badQueries: {
    scope: string;
    rows: [what: string, query: Record<string, unknown>, message: RegExp][];
    code: string | undefined;
  };
}

/**
 * The suite every real store judged with a Kayenta canary config runs, in this order: the healthy canary passes with
 * each of its series judged Pass; the slow canary fails with latency High ({@link itFailsOnLatencyRegression}); a
 * scope without data gives no verdict ({@link itFindsNoData}); bad query configs are refused with 400
 * ({@link itRefusesBadQueryConfigs}). Every judgment is retrospective over `timing`.
 * @param judgeUrl the judge service's base URL (known once the rig runs)
 * @param timing the store's data window
 * @param config the store's Kayenta canary config
 * @param cases the source, the scopes, the series and the bad query configs
 */
export function itJudgesKayentaConfig<C extends { metrics: object[] }>(
  judgeUrl: () => string,
  timing: JudgmentRequest['timing'],
  config: C,
  cases: KayentaStoreCases,
): void {
  const { source, controlScope, healthy, slow, noData, badQueries } = cases;
  const request = (experimentScope: string, canaryConfig: unknown = config) =>
    retrospectiveRequest(source, canaryConfig, { controlScope, experimentScope }, timing);
  it(healthy.title, async () => {
    const body = await expectPassingStage(judgeUrl(), request(healthy.scope));
    await expectJudgedSeries(body, healthy.series);
  });
  itFailsOnLatencyRegression(judgeUrl, () => request(slow.scope), {
    title: 'latency regression → FAIL, and the report names the metric',
    passing: slow.passing,
  });
  if (noData) itFindsNoData(noData.title, judgeUrl, () => request(noData.scope), noData.warning);
  itRefusesBadQueryConfigs(
    judgeUrl,
    badQueries.rows,
    (query) => request(badQueries.scope, withFirstQuery(config, query)),
    badQueries.code,
  );
}
