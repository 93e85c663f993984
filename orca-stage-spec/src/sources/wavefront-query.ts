/**
 * The Wavefront chart query of one metric and scope, from Kayenta's Wavefront query config (`type: "wavefront"`),
 * so that canary configs written for Kayenta's Wavefront metrics store work here unchanged. Rules (spinnaker/kayenta
 * `WavefrontMetricsService.buildQuery`, `WavefrontCanaryScopeFactory`, `WavefrontCanaryMetricSetQueryConfig`,
 * restated):
 *
 * - `q` is `ts(<metricName>, <scope>)` (just `ts(<metricName>)` for an empty scope), wrapped as
 *   `<aggregate>(…)` when `aggregate` is set, e.g. `avg(ts(request.latency, env=canary))`; the scope is a
 *   Wavefront filter such as `env=canary and source=web-*`.
 * - `summarization` (how Wavefront folds raw points into one per bucket) is sent as is.
 * - The granularity `g` follows the step: `d` when the step is a whole number of days, else `h` for whole hours,
 *   `m` for whole minutes, `s` otherwise.
 *
 * Extension (Kayenta's Wavefront store has no templates): `customInlineTemplate` / `customFilterTemplate`, when
 * given, are the whole `q`, expanded like the other stores' templates with `${scope}`, `${location}`,
 * `${granularity}` and the `extendedScopeParams`.
 *
 * Reference: https://docs.wavefront.com/query_language_reference.html
 */
import { checkCustomTemplate, customTemplateOf, expandCustomTemplate } from './kayenta-custom-filter';
import type { FetchRequest } from './port';
import { badQuery, queryCheck, queryText, templateBindings, type Metric } from './query-config';

/** The `type` of Kayenta's Wavefront query config, and of the source. */
export const WAVEFRONT_TYPE = 'wavefront';

/** Wavefront's summarization strategies (the chart API's `summarization` values). */
export const WAVEFRONT_SUMMARIZATIONS = ['MEAN', 'MEDIAN', 'MIN', 'MAX', 'SUM', 'COUNT', 'LAST', 'FIRST'] as const;

function str(metric: Metric, key: string): string | undefined {
  return queryText(metric.query ?? {}, key)?.trim();
}

/**
 * Kayenta's granularity letter for a step (`WavefrontCanaryScopeFactory.generateGranularity`).
 * @param stepSeconds the judgment's step, seconds
 * @example wavefrontGranularity(60) // 'm'; wavefrontGranularity(90) // 's'; wavefrontGranularity(86400) // 'd'
 */
export function wavefrontGranularity(stepSeconds: number): 'd' | 'h' | 'm' | 's' {
  if (stepSeconds % 86_400 === 0) return 'd';
  if (stepSeconds % 3_600 === 0) return 'h';
  if (stepSeconds % 60 === 0) return 'm';
  return 's';
}

/**
 * Checks that a metric's query config can make a Wavefront query, for a 400 at creation time.
 * @param metric the canary config metric
 * @param templates the canary config's `templates`
 * @param known placeholder names the judgment supplies (absent = placeholders are not checked)
 * @throws MetricSourceError `BAD_QUERY` naming the query field and the problem
 */
export const checkWavefrontQuery = queryCheck(WAVEFRONT_TYPE, (metric, _q, templates, known) => {
  const summarization = metric.query?.['summarization'];
  if (
    summarization !== undefined &&
    summarization !== null &&
    !(WAVEFRONT_SUMMARIZATIONS as readonly unknown[]).includes(summarization)
  ) {
    throw badQuery(
      metric,
      `query.summarization ${JSON.stringify(summarization)} is not one of ${WAVEFRONT_SUMMARIZATIONS.join(', ')}`,
    );
  }
  const custom = customTemplateOf(metric, templates);
  if (custom !== undefined) {
    if (known !== undefined) checkCustomTemplate(metric, custom, new Set([...known, 'granularity']));
    return;
  }
  if (str(metric, 'metricName') === undefined) {
    throw badQuery(metric, 'a Wavefront query needs query.metricName (or query.customInlineTemplate)');
  }
  const aggregate = str(metric, 'aggregate');
  if (aggregate !== undefined && !/^[A-Za-z_][\w]*$/.test(aggregate)) {
    throw badQuery(metric, `query.aggregate ${JSON.stringify(aggregate)} is not a function name (e.g. avg, sum, max)`);
  }
});

/**
 * Builds the chart query `q` of one fetch (see the module comment).
 * @param req the fetch (metric, scope, templates, step)
 * @example buildWavefrontQuery({ metric: { query: { metricName: 'example.metric.name', aggregate: 'avg' } },
 *   scope: 'env=test', … }) // 'avg(ts(example.metric.name, env=test))'
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config or a placeholder without a value
 */
export function buildWavefrontQuery(req: FetchRequest): string {
  const { metric } = req;
  checkWavefrontQuery(metric, req.templates);
  const template = customTemplateOf(metric, req.templates);
  if (template !== undefined) {
    return expandCustomTemplate(
      metric,
      template,
      templateBindings(req, {
        scope: req.scope,
        location: req.location,
        granularity: wavefrontGranularity(req.stepSeconds),
      }),
    );
  }
  const scope = req.scope.trim();
  const ts = `ts(${str(metric, 'metricName') as string}${scope === '' ? '' : `, ${scope}`})`;
  const aggregate = str(metric, 'aggregate');
  return aggregate === undefined ? ts : `${aggregate}(${ts})`;
}
