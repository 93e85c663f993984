/**
 * The `canaryJudge` stage registration (`IStageTypeConfig`). The key equals the Orca stage type; the stage runs in
 * Orca as a plain webhook stage (`alias: 'webhook'`, written by the config panel). Saving is blocked while the
 * stage is invalid (`validators` with `preventSave`; Deck ignores `validateFn` when `validators` is present).
 * Deck keeps its standard stage options (name, depends on, notifications, "if stage fails", custom timeout).
 */
import { ExecutionDetailsTasks, type IStage, type IStageTypeConfig } from '@spinnaker/core';
import { CanaryJudgeStageConfig } from '../config/CanaryJudgeStageConfig';
import { CanaryJudgeExecutionLabel } from '../results/CanaryJudgeExecutionLabel';
import { CanaryJudgeResults } from '../results/CanaryJudgeResults';
import { STAGE_TYPE } from '../transforms/stageJson';
import { describeIssues, validateStage } from '../transforms/validation';

/** Escapes `&`, `<`, `>` and quotes: Deck may render validator messages as HTML, and they echo typed values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Deck's pipeline validator: every issue as `path: rule`, one per line (HTML-escaped), or null when the stage is
 * valid.
 */
export function validateCanaryJudgeStage(_pipeline: unknown, stage: IStage): string | null {
  const text = describeIssues(validateStage(stage));
  return text === null ? null : escapeHtml(text);
}

/** The stage type registered by the plugin. */
export const canaryJudgeStage: IStageTypeConfig = {
  key: STAGE_TYPE,
  label: 'Canary Judge',
  description:
    'Compares baseline and canary metrics with a Kayenta-compatible judge and passes, or fails, the pipeline',
  component: CanaryJudgeStageConfig,
  validators: [{ type: 'custom', preventSave: true, validate: validateCanaryJudgeStage }],
  executionDetailsSections: [CanaryJudgeResults, ExecutionDetailsTasks],
  executionLabelComponent: CanaryJudgeExecutionLabel,
  supportsCustomTimeout: true,
  restartable: true,
};
