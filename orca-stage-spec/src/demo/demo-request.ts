/**
 * The demo canary config and a ready-to-send demo judgment request for the built-in `demo` metric source: three
 * metrics (latency, a sparse error counter, CPU) in two groups. Choose the scenario with the canary scope name
 * (see `sources/demo.ts`): `healthy`, `latency-regression`, `error-burst`, `missing-data`.
 */
import type { CanaryConfig, JudgmentRequest } from '@canary-judge/shared';
import type { DemoScenario } from '../sources/demo';

/** The demo canary config (Kayenta's `CanaryConfig` shape; queries are demo series names). */
export const DEMO_CANARY_CONFIG: CanaryConfig = {
  name: 'demo-checkout',
  description: 'Demo: request latency, a sparse error counter and CPU of a checkout service',
  configVersion: '1',
  applications: ['checkout'],
  judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
  metrics: [
    {
      name: 'request-latency',
      query: { type: 'demo', series: 'latency' },
      groups: ['latency'],
      analysisConfigurations: { canary: { direction: 'increase', critical: true } },
      scopeName: 'default',
    },
    {
      name: 'http-errors',
      query: { type: 'demo', series: 'errors' },
      groups: ['errors'],
      analysisConfigurations: { canary: { direction: 'increase', nanStrategy: 'replace' } },
      scopeName: 'default',
    },
    {
      name: 'cpu-usage',
      query: { type: 'demo', series: 'cpu' },
      groups: ['latency'],
      analysisConfigurations: { canary: { direction: 'either' } },
      scopeName: 'default',
    },
  ],
  classifier: { groupWeights: { latency: 60, errors: 40 } },
};

/**
 * A demo judgment request.
 * @param scenario what the canary does (default `healthy`)
 * @param timing live or retrospective timing (default: 30 minutes live in 3 intervals of 10, 10-second step)
 */
export function demoRequest(
  scenario: DemoScenario = 'healthy',
  timing: JudgmentRequest['timing'] = { lifetimeMinutes: 30, intervalMinutes: 10, stepSeconds: 10 },
): JudgmentRequest {
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'demo',
    canaryConfig: DEMO_CANARY_CONFIG,
    scopes: {
      controlScope: 'checkout-baseline',
      experimentScope: `checkout-canary-${scenario}`,
      controlLocation: 'us-east-1',
      experimentLocation: 'us-east-1',
    },
    timing,
    thresholds: { pass: 75, marginal: 50 },
  };
}
