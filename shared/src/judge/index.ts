/**
 * Kayenta-compatible `NetflixACAJudge-v1.0`: settings, classifier, scorer and the judge call with its result JSON.
 * Reference: `docs/design/kayenta-judge.md`; deliberate differences: `shared/KAYENTA-DIFFERENCES.md`.
 */
export * from './constants';
export * from './errors';
export * from './map-utils';
export * from './settings';
export * from './guardrails';
export * from './precision-round';
export * from './scala-order';
export * from './scorer';
export * from './classifier';
export * from './transforms';
export * from './request';
export * from './explain';
export * from './wire';
export * from './judge';
export * from './poisson-classifier';
