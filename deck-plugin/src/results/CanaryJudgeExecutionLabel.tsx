/**
 * The stage's label in the pipeline execution graph: the stage name plus a score chip with icon (Kayenta shows a
 * score chip coloured by result only; here the icon carries the result too).
 */
import * as React from 'react';
import type { IExecutionStageLabelComponentProps } from '@spinnaker/core';
import { displayStatus, readStageContext } from '../transforms/context';
import { STATUS_STYLE } from '../transforms/status';
import { testIds } from '../testIds';

/** Label component registered as `executionLabelComponent`. */
export function CanaryJudgeExecutionLabel(props: IExecutionStageLabelComponentProps) {
  const master = props.stage.masterStage;
  const summary = readStageContext(master ?? {});
  const status = displayStatus(summary);
  const style = STATUS_STYLE[status];
  const score = summary.judgment?.score;
  return (
    <span data-testid={testIds.results.executionLabel}>
      {props.stage.name}{' '}
      {status !== 'NOT_STARTED' ? (
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
