/**
 * The service's test entry point (`@canary-judge/orca-stage-spec/testing`): what the cross-package tests (`test/`)
 * and the benchmarks (`bench/`) use from inside the service, so that they never reach into `src/` by relative path
 * (the import rules in `eslint.config.js` forbid it). Test support only: it has no `default` export condition in
 * `package.json`, so it is never part of the compiled service (`scripts/build.mjs` compiles what `src/main.ts` and the
 * worker reach).
 */
export { loadConfig, type ServiceConfig } from '../config';
export { main } from '../main';
export { createService, type RunningService, type ServiceOverrides } from '../server';
export { judgmentRequestSchema, judgmentReportSchema } from '../contract/schemas';
export { demoRequest, DEMO_CANARY_CONFIG } from '../demo/demo-request';
export type { DemoScenario } from '../sources/demo';
export { ManualClock } from '../lifecycle/clock';
export { ApiError } from '../lifecycle/errors';
export { evaluateInterval, mapLimit, type IntervalEvaluation } from '../lifecycle/evaluate';
export { libraryJudge } from '../lifecycle/judge';
export { DEFAULT_SOURCE_CONCURRENCY, resolveSourceSettings, SOURCE_KINDS } from '../sources/catalog';
export { createCloudWatchSource } from '../sources/cloudwatch';
export { MetricSourceError, type FetchRequest, type MetricSource } from '../sources/port';
export { createPrometheusSource } from '../sources/prometheus';
export { StoreUnavailableError, type PlannedInterval } from '../store/port';
export { scriptedSource } from './fake-source';
export { fakeJudge, T0, testService } from './fixtures';
export { startTestPostgres, type TestPostgres } from './postgres';
