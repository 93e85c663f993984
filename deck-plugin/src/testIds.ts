/**
 * Stable test IDs (`data-testid`) for component and browser tests, in one place so tests and components never drift
 * (grafana-plugin-examples' `testIds.ts` habit). Prefer role queries; use these where no role fits.
 */
export const testIds = {
  config: {
    root: 'cj-config',
    judgeBaseUrl: 'cj-config-judge-url',
    metricSource: 'cj-config-metric-source',
    configName: 'cj-config-name',
    metric: (i: number) => `cj-config-metric-${i}`,
    addMetric: 'cj-config-add-metric',
    weights: 'cj-config-weights',
    weightSum: 'cj-config-weight-sum',
    thresholdBar: 'cj-config-threshold-bar',
    intervalPlan: 'cj-config-interval-plan',
    issues: 'cj-config-issues',
  },
  results: {
    root: 'cj-results',
    verdict: 'cj-results-verdict',
    score: 'cj-results-score',
    message: 'cj-results-message',
    errors: 'cj-results-errors',
    trend: 'cj-results-trend',
    groups: 'cj-results-groups',
    scoreExplanation: 'cj-results-score-explanation',
    metricTable: 'cj-results-metrics',
    metricRow: (name: string) => `cj-results-metric-${name}`,
    metricDetail: 'cj-results-metric-detail',
    noData: 'cj-results-no-data',
    loading: 'cj-results-loading',
    reportError: 'cj-results-report-error',
    executionLabel: 'cj-execution-label',
  },
  whatIf: {
    root: 'cj-whatif',
    verdict: 'cj-whatif-verdict',
    rescore: 'cj-whatif-rescore',
    metric: (name: string) => `cj-whatif-metric-${name}`,
    settings: (name: string) => `cj-whatif-settings-${name}`,
    guardrails: (name: string) => `cj-whatif-guardrails-${name}`,
    changed: (name: string) => `cj-whatif-changed-${name}`,
    changedCount: 'cj-whatif-changed-count',
    arithmetic: 'cj-whatif-arithmetic',
  },
} as const;
