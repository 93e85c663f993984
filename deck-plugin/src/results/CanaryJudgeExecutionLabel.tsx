/**
 * The stage's label in the pipeline execution graph: the stage name plus a score chip with icon (Kayenta shows a
 * score chip coloured by result only; here the icon carries the result too).
 */
import * as React from 'react';
import type { IExecutionStageLabelComponentProps } from '@spinnaker/core';
import { displayStatus, readStageContext } from '../transforms/context';
import { STATUS_STYLE, type StatusStyle } from '../transforms/status';
import { testIds } from '../testIds';

/**
 * The chip when the stage context holds no judgment — Deck's executions list asks Gate with `expand=false`, which
 * trims stage contexts: the stage's own status still says whether the judge succeeded, failed or runs. Null before
 * the stage starts.
 */
export function statusOnlyStyle(stageStatus: unknown): StatusStyle | null {
  switch (stageStatus) {
    case 'SUCCEEDED':
      return { ...STATUS_STYLE.PASS, label: 'Succeeded' };
    case 'TERMINAL':
    case 'STOPPED':
      return { ...STATUS_STYLE.FAIL, label: 'Failed' };
    case 'RUNNING':
    case 'PAUSED':
    case 'SUSPENDED':
      return STATUS_STYLE.RUNNING;
    case 'CANCELED':
      return STATUS_STYLE.CANCELED;
    default:
      return null;
  }
}

/** Label component registered as `executionLabelComponent`. */
export function CanaryJudgeExecutionLabel(props: IExecutionStageLabelComponentProps) {
  const master = props.stage.masterStage;
  const summary = readStageContext((master ?? props.stage) as { status?: unknown; context?: unknown });
  const trimmed = summary.judgment === null && summary.errors.length === 0;
  const status = trimmed ? null : displayStatus(summary);
  const style = trimmed
    ? statusOnlyStyle(master?.status ?? props.stage['status'])
    : status !== 'NOT_STARTED' && status !== null
      ? STATUS_STYLE[status]
      : null;
  const score = summary.judgment?.score;
  return (
    <span data-testid={testIds.results.executionLabel}>
      {props.stage.name}{' '}
      {style ? (
        <span
          className="cj-chip"
          style={{ color: style.color, background: style.background, fontSize: 11 }}
          title={`${style.label}${typeof score === 'number' ? `, score ${score}` : ''}`}
        >
          <span aria-hidden="true">{style.icon}</span>
          {typeof score === 'number' ? score : style.label}
        </span>
      ) : null}
    </span>
  );
}
