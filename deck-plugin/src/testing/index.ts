/**
 * The Deck plugin's test entry point (`@canary-judge/deck-plugin/testing`): the pure transforms and fixtures the
 * cross-package tests (`test/`) use — the stage JSON mapping Orca receives, the stage validation, the report reader,
 * the what-if and its "Copy as stage JSON" — so that they never reach into `src/` by relative path (the import rules
 * in `eslint.config.js` forbid it). Not part of the plugin bundle (rollup builds `src/index.ts`).
 */
export { formToStage, JUDGE_MONITOR_FIELDS, stageToForm, type FormState } from '../transforms/stageJson';
export { validateStage } from '../transforms/validation';
export { runWhatIf, whatIfDefaults, type WhatIfSettings } from '../transforms/whatIf';
export { whatIfStageJson } from '../transforms/whatIfStage';
export { whatIfReport } from './reportFixtures';
export { judgePayload } from './judgePayload';
export { readReport, type JudgmentReport } from '../transforms/report';
export { alignSeries } from '../transforms/timeSeries';
export { retrospectiveForm, validForm } from './fixtures';
export { kayentaConfig14 } from './kayentaConfig14';
