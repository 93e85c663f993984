/**
 * The config panel's metrics as a compact table: one row per metric (name, group, direction, critical, a one-line
 * query summary, its problem count, Remove), so a config of 14 metrics imported from Kayenta fits one screen. The
 * name is a button (`aria-expanded`) that opens the row's editor below it; a click anywhere on the row does the same.
 * Thin: the row state lives in the panel (`transforms/metricRows.ts`), the summaries in `transforms/metricSummary.ts`.
 */
import * as React from 'react';
import type { Direction } from '@canary-judge/shared';
import type { MetricRow } from '../transforms/metricRows';
import type { MetricForm } from '../transforms/stageJson';
import { querySummary } from '../transforms/metricSummary';
import { testIds } from '../testIds';
import { TableHead } from './fields';

/** Id of a metric row's expand button (the place focus goes to after a Remove or an Undo). */
export const rowToggleId = (idPrefix: string, index: number): string => `${idPrefix}-m${index}-row`;

/** Props: the metrics and their row state, problem counts, callbacks and the editor of an open row. */
export interface MetricRowsTableProps {
  idPrefix: string;
  metrics: readonly MetricForm[];
  rows: readonly MetricRow[];
  /** Validation problems under each metric (by index). */
  problems: (index: number) => number;
  /** The metric's stored query config, for the summary of a per-source query. */
  storedQuery: (index: number) => Record<string, unknown> | undefined;
  onToggle: (index: number) => void;
  /** Null while there is a single metric (a config needs one). */
  onRemove: ((index: number) => void) | null;
  /** The editor shown under an open row. */
  editor: (index: number) => React.ReactNode;
}

const DIRECTION: Record<Direction, { icon: string; text: string }> = {
  increase: { icon: '↑', text: 'Increase' },
  decrease: { icon: '↓', text: 'Decrease' },
  either: { icon: '↕', text: 'Either' },
};

const COLUMNS = ['Metric', 'Group', 'Fail on', 'Critical', 'Query'] as const;

/** The table. */
export function MetricRowsTable(props: MetricRowsTableProps) {
  const { metrics, rows } = props;
  const span = COLUMNS.length + 2;
  return (
    <div className="cj-scroll" data-testid={testIds.config.metricTable}>
      <table className="table table-condensed cj-table cj-metric-table">
        <caption className="cj-hint">
          {metrics.length} metric{metrics.length === 1 ? '' : 's'}; open a row (click, or Enter on its name) to edit it
        </caption>
        <TableHead columns={COLUMNS} hidden={['Problems', 'Remove']} />
        <tbody>
          {metrics.map((m, i) => {
            const row = rows[i];
            if (!row) return null;
            const editorId = `${props.idPrefix}-m${i}-editor`;
            const query = querySummary(m, props.storedQuery(i));
            const problems = props.problems(i);
            const direction = DIRECTION[m.direction];
            return (
              <React.Fragment key={row.key}>
                <tr
                  className="cj-metric-summary"
                  data-testid={testIds.config.metricRow(i)}
                  onClick={(e) => {
                    if (!(e.target as HTMLElement).closest('button')) props.onToggle(i);
                  }}
                >
                  <th scope="row">
                    <button
                      type="button"
                      id={rowToggleId(props.idPrefix, i)}
                      className="btn btn-link btn-sm cj-row-toggle"
                      aria-expanded={row.open}
                      aria-controls={row.open ? editorId : undefined}
                      onClick={() => props.onToggle(i)}
                    >
                      <span aria-hidden="true">{row.open ? '▾' : '▸'}</span>{' '}
                      <span className="cj-sr-only">{`Edit metric ${i + 1}:`}</span> {m.name.trim() || `Metric ${i + 1}`}
                    </button>
                    {m.name.trim() === '' ? <span className="cj-hint"> (no name)</span> : null}
                    {m.muted ? <span className="cj-hint"> muted</span> : null}
                  </th>
                  <td>{m.group}</td>
                  <td>
                    <span aria-hidden="true">{direction.icon}</span> {direction.text}
                  </td>
                  <td>{m.critical ? 'Yes' : 'No'}</td>
                  <td className="cj-query-summary">
                    {query.text ? (
                      <code title={query.full}>{query.text}</code>
                    ) : (
                      <span className="cj-hint">no query</span>
                    )}
                  </td>
                  <td>
                    {problems > 0 ? (
                      <span className="cj-error">
                        {problems} problem{problems === 1 ? '' : 's'}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {props.onRemove ? (
                      <button
                        type="button"
                        className="btn btn-default btn-sm cj-button"
                        aria-label={`Remove metric ${i + 1}`}
                        onClick={() => props.onRemove?.(i)}
                      >
                        Remove
                      </button>
                    ) : null}
                  </td>
                </tr>
                {row.open ? (
                  <tr id={editorId} className="cj-metric-editor-row">
                    <td colSpan={span}>{props.editor(i)}</td>
                  </tr>
                ) : null}
              </React.Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
