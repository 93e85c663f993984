/**
 * The verdict header of the results tab, straight from the stage context (no network): verdict chip with icon and
 * word, score against the thresholds, interval progress, the attempt after a "Restart stage" (with the earlier
 * ones), the judge's message, warnings and every error. This is the one place the results view lists warnings, each
 * once (`mergeWarnings`: the same warning about several intervals is one entry naming them); the interval table only
 * counts an interval's warnings.
 */
import * as React from 'react';
import { mergeWarnings, scoreBands } from '@canary-judge/shared';
import type { StageSummary } from '../transforms/context';
import { displayStatus } from '../transforms/context';
import { linkify } from '../transforms/linkify';
import { attemptsText } from '../transforms/attempts';
import { STATUS_STYLE } from '../transforms/status';
import { testIds } from '../testIds';
import { TextList } from './TextList';

/** Renders the summary of one stage. */
export function VerdictSummary(props: { summary: StageSummary }) {
  const { summary } = props;
  const status = displayStatus(summary);
  const style = STATUS_STYLE[status];
  const j = summary.judgment;
  const thresholds = j?.thresholds;
  const done = j?.intervalScores?.length ?? 0;
  const planned = j?.intervalsPlanned ?? 0;
  const attempts = attemptsText(j);
  const warnings = mergeWarnings(j?.warnings ?? []);
  return (
    <div>
      <div className="cj-row">
        <span
          className="cj-verdict"
          data-testid={testIds.results.verdict}
          style={{ color: style.color, background: style.background }}
          aria-label={`Verdict: ${style.label}`}
        >
          <span aria-hidden="true">{style.icon}</span>
          {style.label}
        </span>
        {typeof j?.score === 'number' ? (
          <span data-testid={testIds.results.score} style={{ fontSize: 18 }}>
            Score <strong>{j.score}</strong>
            {thresholds ? (
              <span className="cj-hint">
                {' '}
                (
                {scoreBands(thresholds)
                  .map((b) => b.label)
                  .join(' · ')}
                )
              </span>
            ) : null}
          </span>
        ) : null}
        {planned > 0 ? (
          <span className="cj-hint">
            Intervals judged: {done} of {planned}
          </span>
        ) : null}
      </div>
      {attempts ? (
        <p className="cj-hint" data-testid={testIds.results.attempts}>
          {attempts}
        </p>
      ) : null}
      {j?.message ? (
        <p data-testid={testIds.results.message} style={{ overflowWrap: 'anywhere' }}>
          {linkify(j.message).map((part, k) =>
            part.kind === 'url' ? (
              <a key={k} href={part.url} target="_blank" rel="noopener noreferrer">
                {part.url}
              </a>
            ) : (
              <React.Fragment key={k}>{part.text}</React.Fragment>
            ),
          )}
        </p>
      ) : null}
      {summary.errors.length > 0 ? (
        <div role="alert" className="cj-error" data-testid={testIds.results.errors}>
          <strong>The judgment could not complete:</strong>
          <TextList lines={summary.errors} />
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <details data-testid={testIds.results.warnings}>
          <summary>
            {warnings.length} warning{warnings.length === 1 ? '' : 's'}
          </summary>
          <TextList lines={warnings} />
        </details>
      ) : null}
    </div>
  );
}
