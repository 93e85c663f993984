/** Test fixtures shared by the transform and component tests (not shipped: only tests import this module). */
import type { FormState } from '../transforms/stageJson';
import { emptyMetric } from '../transforms/stageJson';

/** A complete, valid form: two groups (60/40), three metrics, live 30 min analysis in 10 min intervals. */
export function validForm(): FormState {
  return {
    judgeBaseUrl: 'http://127.0.0.1:8080',
    metricSource: 'demo',
    configName: 'checkout-latency',
    metrics: [
      { ...emptyMetric('latency'), name: 'p99-latency', query: 'latency', direction: 'increase', critical: true },
      {
        ...emptyMetric('errors'),
        name: 'error-rate',
        query: 'errors',
        direction: 'increase',
        mustHaveData: true,
        allowedIncreasePct: '10',
        criticalIncreasePct: '50',
      },
      { ...emptyMetric('latency'), name: 'p50-latency', query: 'latency', nanStrategy: 'replace' },
    ],
    groupWeights: [
      { group: 'latency', weight: '60' },
      { group: 'errors', weight: '40' },
    ],
    controlScope: 'checkout-baseline',
    experimentScope: 'checkout-canary',
    controlLocation: 'us-east-1',
    experimentLocation: 'us-east-1',
    namedScopes: [],
    configRef: null,
    analysisType: 'realTime',
    lifetimeMinutes: '30',
    intervalMinutes: '10',
    warmupMinutes: '5',
    lookbackMinutes: '',
    baselineOffsetMinutes: '',
    stepSeconds: '60',
    startTimeIso: '',
    endTimeIso: '',
    pass: '75',
    marginal: '50',
  };
}

/**
 * {@link validForm} as a retrospective analysis: one window from 2026-01-01T00:00:00Z lasting `minutes`.
 * @param minutes the window's length in minutes (default 60)
 * @returns a fresh form; `startTimeIso` and `endTimeIso` are UTC ISO-8601 instants without milliseconds
 */
export function retrospectiveForm(minutes = 60): FormState {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return {
    ...validForm(),
    analysisType: 'retrospective',
    startTimeIso: iso(start),
    endTimeIso: iso(start + minutes * 60_000),
  };
}

/**
 * A small Kayenta canary config body (no name): two Prometheus metrics, cpu and mem, in one `system` group weighted
 * 100, queried by inline PromQL templates (Kayenta's `customInlineTemplate`). A fresh object each call.
 */
export function kayentaCpuMem() {
  return {
    metrics: [
      {
        name: 'cpu',
        groups: ['system'],
        query: { type: 'prometheus', customInlineTemplate: 'PromQL:sum(rate(cpu[1m]))' },
      },
      { name: 'mem', groups: ['system'], query: { type: 'prometheus', customInlineTemplate: 'PromQL:sum(mem)' } },
    ],
    classifier: { groupWeights: { system: 100 } },
  };
}
