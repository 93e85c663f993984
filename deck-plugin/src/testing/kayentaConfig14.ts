/**
 * A Kayenta canary config with 14 metrics in three groups, on the built-in demo source (`query.series`), as a team
 * moving from Kayenta would paste it into "Import a Kayenta canary config": the panel's "many metrics" tests (component
 * and browser) import it. Test data only.
 */

/** The metrics: name, group, demo series, direction, critical. */
const METRICS: ReadonlyArray<readonly [string, string, string, 'increase' | 'decrease' | 'either', boolean]> = [
  ['request-latency-p50', 'latency', 'latency', 'increase', false],
  ['request-latency-p90', 'latency', 'latency', 'increase', false],
  ['request-latency-p99', 'latency', 'latency', 'increase', true],
  ['db-query-latency', 'latency', 'latency', 'increase', false],
  ['cache-latency', 'latency', 'latency', 'either', false],
  ['http-5xx-rate', 'errors', 'errors', 'increase', true],
  ['http-4xx-rate', 'errors', 'errors', 'increase', false],
  ['upstream-timeouts', 'errors', 'errors', 'increase', false],
  ['retries', 'errors', 'errors', 'increase', false],
  ['cpu-user', 'saturation', 'cpu', 'either', false],
  ['cpu-system', 'saturation', 'cpu', 'either', false],
  ['gc-pause', 'saturation', 'cpu', 'increase', false],
  ['heap-used', 'saturation', 'cpu', 'increase', false],
  ['throughput', 'saturation', 'cpu', 'decrease', false],
];

/**
 * The config as Kayenta's "Edit as JSON" shows it.
 * @returns a fresh object: 14 metrics, groups latency 50 / errors 30 / saturation 20
 */
export function kayentaConfig14(): Record<string, unknown> {
  return {
    name: 'checkout-14',
    judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
    metrics: METRICS.map(([name, group, series, direction, critical]) => ({
      name,
      query: { series },
      groups: [group],
      analysisConfigurations: { canary: { direction, ...(critical ? { critical: true } : {}) } },
      scopeName: 'default',
    })),
    classifier: { groupWeights: { latency: 50, errors: 30, saturation: 20 } },
  };
}
