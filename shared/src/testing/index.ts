/**
 * The scoring library's test entry point (`@canary-judge/shared/testing`): test support the cross-package tests
 * (`test/`) share with the library's own tests. Not part of the library barrel (`src/index.ts`) and never compiled to
 * `dist` (no `default` export condition in `package.json`).
 */
export { JUDGE_KINDS, NOT_APPLICABLE, upstreamCases, type UpstreamCase } from './upstream-cases';
export { criticalHighResult, mannWhitneyDetail, metricResult, type DetailFigures } from './judge-detail';
