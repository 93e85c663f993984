/**
 * The `canaryJudge` stage registration (`IStageTypeConfig`). The key equals the Orca stage type; the stage runs in
 * Orca as a plain webhook stage (`alias: 'webhook'`, written by the config panel). Saving is blocked while the
 * stage is invalid (`validators` with `preventSave`, one validator per message slot so Deck lists each problem on
 * its own line; Deck ignores `validateFn` when `validators` is present). The editor is a lazily loaded chunk.
 * Deck keeps its standard stage options (name, depends on, notifications, "if stage fails", custom timeout).
 */
import { ExecutionDetailsTasks, type ICustomValidator, type IStage, type IStageTypeConfig } from '@spinnaker/core';
import { LazyStageConfig } from '../config/LazyStageConfig';
import { CanaryJudgeExecutionLabel } from '../results/CanaryJudgeExecutionLabel';
import { CanaryJudgeResults } from '../results/CanaryJudgeResults';
import { STAGE_TYPE } from '../transforms/stageJson';
import { describeIssues, validateStage, type ValidationIssue } from '../transforms/validation';

/** Escapes `&`, `<`, `>` and quotes: Deck may render validator messages as HTML, and they echo typed values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Deck's pipeline validator: every issue as `path: rule`, one per line (HTML-escaped), or null when the stage is
 * valid. Kept for callers that want one text; Deck itself gets {@link stageValidators} (one message per problem).
 */
export function validateCanaryJudgeStage(_pipeline: unknown, stage: IStage): string | null {
  const text = describeIssues(validateStage(stage));
  return text === null ? null : escapeHtml(text);
}

/**
 * Most problems Deck lists one by one; the last validator sums up the rest ("…and 7 more problems"). Deck shows
 * each validator's message as its own bullet, while one newline-separated message ran together into a single
 * bullet (Deck renders it through `ng-bind-html`, where newlines are spaces).
 */
export const MAX_VALIDATION_MESSAGES = 12;

/** The `k`-th problem of a stage as Deck shows it (`path: rule`, HTML-escaped), or null. */
export function issueMessage(issues: readonly ValidationIssue[], k: number): string | null {
  if (k < MAX_VALIDATION_MESSAGES - 1 || issues.length <= MAX_VALIDATION_MESSAGES) {
    const issue = issues[k];
    return issue ? escapeHtml(`${issue.path}: ${issue.message}`) : null;
  }
  const rest = issues.length - (MAX_VALIDATION_MESSAGES - 1);
  return `…and ${rest} more problems (open the stage to see them all)`;
}

/**
 * One Deck validator per message slot: validator `k` returns the stage's `k`-th problem, so Deck's validation
 * popover shows one line per problem (spinnaker/deck `PipelineConfigValidator` collects one message per
 * validator). Every slot has `preventSave`, so any problem blocks saving.
 */
export function stageValidators(): ICustomValidator[] {
  return Array.from({ length: MAX_VALIDATION_MESSAGES }, (_, k) => ({
    type: 'custom' as const,
    preventSave: true,
    validate: (_pipeline: unknown, stage: IStage) => issueMessage(validateStage(stage), k),
  }));
}

/** The stage type registered by the plugin. */
export const canaryJudgeStage: IStageTypeConfig = {
  key: STAGE_TYPE,
  label: 'Canary Judge',
  description:
    'Compares baseline and canary metrics with a Kayenta-compatible judge and passes, or fails, the pipeline',
  component: LazyStageConfig,
  validators: stageValidators(),
  executionDetailsSections: [CanaryJudgeResults, ExecutionDetailsTasks],
  executionLabelComponent: CanaryJudgeExecutionLabel,
  supportsCustomTimeout: true,
  restartable: true,
};
