/**
 * Every planned interval: its canary and baseline windows (in the reader's time zone), state (a waiting one says when
 * it is due: `due in 4 min`), score with its band, how many warnings it has
 * (their texts are listed once, under the verdict) or the error that stopped it — Kayenta's per-run table, kept beside
 * the trend chart.
 */
import * as React from 'react';
import type { ReportInterval } from '../transforms/report';
import { STATUS_STYLE, scoreBand } from '../transforms/status';
import { formatInstant, formatWindow, relativeTime } from '../transforms/time';
import { ColumnHeaders } from './ColumnHeaders';

const STATE_TEXT: Record<ReportInterval['state'], string> = {
  PENDING: 'waiting',
  CLAIMED: 'judging',
  DONE: 'judged',
  FAILED: 'could not be judged',
};

/** The table (inside a closed `<details>` so it does not push the charts down). */
export function IntervalTable(props: {
  intervals: ReportInterval[];
  thresholds: { pass: number; marginal: number };
  /** The judgment's status: intervals a CANCELED judgment never judged read "canceled", not "waiting". */
  status?: string;
  /** The current time, epoch ms, for "due in 4 min" (default: the clock at render; the view re-renders per poll). */
  nowMs?: number;
}) {
  const now = props.nowMs ?? Date.now();
  const ended = props.status !== undefined && props.status !== 'RUNNING';
  const stateText = (i: ReportInterval) =>
    ended && (i.state === 'PENDING' || i.state === 'CLAIMED')
      ? props.status === 'CANCELED'
        ? 'CANCELED'
        : 'not judged (the judgment ended)'
      : STATE_TEXT[i.state];
  /** When a waiting interval of a running judgment is due, relative to now; null otherwise. */
  const dueText = (i: ReportInterval): string | null =>
    !ended && i.state === 'PENDING' && i.dueAt && relativeTime(i.dueAt, now) !== ''
      ? `due ${relativeTime(i.dueAt, now)}`
      : null;
  return (
    <details>
      <summary>Intervals and windows ({props.intervals.length})</summary>
      <table className="cj-table">
        <thead>
          <tr>
            <ColumnHeaders names={['#', 'Canary window', 'Baseline window', 'State', 'Score', 'Notes']} />
          </tr>
        </thead>
        <tbody>
          {props.intervals.map((i) => {
            const band = i.score !== null ? scoreBand(i.score, props.thresholds) : null;
            const s = band ? STATUS_STYLE[band] : null;
            return (
              <tr key={i.index}>
                <td>{i.index}</td>
                <td>{formatWindow(i.experimentWindow)}</td>
                <td>{formatWindow(i.controlWindow)}</td>
                <td>
                  <span>{stateText(i)}</span>
                  {dueText(i) ? (
                    <span className="cj-hint" title={formatInstant(i.dueAt ?? null)}>
                      {' '}
                      ({dueText(i)})
                    </span>
                  ) : null}
                  {i.completedAt ? <span className="cj-hint"> at {formatInstant(i.completedAt)}</span> : null}
                </td>
                <td>
                  {s && i.score !== null ? (
                    <span className="cj-chip" style={{ color: s.color, background: s.background }}>
                      <span aria-hidden="true">{s.icon}</span>
                      {i.score}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {i.error?.message ? (
                    <span className="cj-error">
                      {i.error.code ? `${i.error.code}: ` : ''}
                      {i.error.message}
                    </span>
                  ) : null}
                  {i.warnings.length > 0 ? (
                    // The texts are listed once, under the verdict (VerdictSummary); here only how many.
                    <div className="cj-hint">
                      ⚠ {i.warnings.length} warning{i.warnings.length === 1 ? '' : 's'} (listed under the verdict)
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
