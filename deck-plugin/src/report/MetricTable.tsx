/**
 * The metric table: failures and critical metrics first, a filter checkbox per classification present (with its
 * count), deviation, classification chip (icon + word), critical / muted badges. A metric's name is a button that
 * opens its detail; ArrowUp/ArrowDown move between metrics.
 */
import * as React from 'react';
import type { CanaryAnalysisResult, Direction, MetricClassification } from '@canary-judge/shared';
import {
  CLASSIFICATIONS,
  DIRECTION_TEXT,
  classificationCounts,
  deviationText,
  filterResults,
  lowSampleNote,
  sortResults,
} from '../transforms/metrics';
import { CLASSIFICATION_STYLE } from '../transforms/status';
import { testIds } from '../testIds';
import type { MetricScope } from '../transforms/scopes';
import { ColumnHeaders } from './ColumnHeaders';

/** Props: results, the group filter, the selected metric. */
export interface MetricTableProps {
  /** Each metric's scope when the judgment used several scope pairs (null or absent: one pair, nothing shown). */
  scopes?: Record<string, MetricScope> | null;
  results: CanaryAnalysisResult[];
  group: string | null;
  selected: string | null;
  onSelect: (name: string) => void;
  /** Each metric's direction from the judgment's config (shown as ↑ ↓ ↕). */
  directions?: Readonly<Record<string, Direction>>;
}

/** A classification chip. */
export function ClassificationChip(props: { classification: MetricClassification }) {
  const s = CLASSIFICATION_STYLE[props.classification];
  return (
    <span className="cj-chip" style={{ color: s.color, background: s.background }}>
      <span aria-hidden="true">{s.icon}</span>
      {s.label}
    </span>
  );
}

/** The table. */
export function MetricTable(props: MetricTableProps) {
  const [filter, setFilter] = React.useState<ReadonlySet<MetricClassification>>(new Set());
  const counts = classificationCounts(props.results);
  const rows = sortResults(filterResults(props.results, filter, props.group));
  const toggle = (c: MetricClassification) => {
    const next = new Set(filter);
    if (next.has(c)) next.delete(c);
    else next.add(c);
    setFilter(next);
  };
  const buttons = React.useRef<Map<string, HTMLButtonElement>>(new Map());
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const delta = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    const target = rows[i + delta];
    if (delta !== 0 && target) {
      e.preventDefault();
      props.onSelect(target.name);
      buttons.current.get(target.name)?.focus();
    }
  };
  return (
    <div data-testid={testIds.results.metricTable}>
      <fieldset className="cj-row" style={{ border: 0, padding: 0 }}>
        <legend className="cj-label" style={{ fontSize: 13, border: 0, marginBottom: 4 }}>
          Show classifications (none checked = all)
        </legend>
        {CLASSIFICATIONS.filter((c) => counts[c] > 0).map((c) => (
          <label key={c} className="cj-check">
            <input type="checkbox" checked={filter.has(c)} onChange={() => toggle(c)} />
            {CLASSIFICATION_STYLE[c].label} ({counts[c]})
          </label>
        ))}
      </fieldset>
      <table className="cj-table">
        <caption className="cj-hint" style={{ captionSide: 'top', textAlign: 'left' }}>
          {rows.length} of {props.results.length} metrics{props.group ? ` in group ${props.group}` : ''}, failures first
        </caption>
        <thead>
          <tr>
            <ColumnHeaders names={['Metric', 'Result', 'Canary vs baseline (mean)', 'Groups']} />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={r.name}
              data-testid={testIds.results.metricRow(r.name)}
              className={props.selected === r.name ? 'cj-selected' : undefined}
              aria-selected={props.selected === r.name}
            >
              <td>
                <button
                  type="button"
                  className="btn btn-link cj-button cj-metric-name"
                  ref={(el) => {
                    if (el) buttons.current.set(r.name, el);
                    else buttons.current.delete(r.name);
                  }}
                  aria-expanded={props.selected === r.name}
                  onClick={() => props.onSelect(r.name)}
                  onKeyDown={(e) => onKeyDown(e, i)}
                >
                  {r.name}
                </button>
                {props.directions?.[r.name] ? (
                  <span
                    style={{ marginLeft: 6 }}
                    title={DIRECTION_TEXT[props.directions[r.name] as Direction].label}
                    aria-label={DIRECTION_TEXT[props.directions[r.name] as Direction].label}
                    role="img"
                  >
                    {DIRECTION_TEXT[props.directions[r.name] as Direction].icon}
                  </span>
                ) : null}
                {props.scopes?.[r.name] ? (
                  <span
                    className="cj-chip cj-scope"
                    style={{ marginLeft: 6, background: '#e6eef5', color: '#00466e' }}
                    title={`scope ${props.scopes[r.name]!.name}: ${props.scopes[r.name]!.text}`}
                  >
                    scope {props.scopes[r.name]!.name}
                  </span>
                ) : null}
                {lowSampleNote(r) ? (
                  <span className="cj-chip" style={{ marginLeft: 6, background: '#fbecc8', color: '#6b4700' }}>
                    {lowSampleNote(r)}
                  </span>
                ) : null}
                {r.critical ? (
                  <span className="cj-chip" style={{ marginLeft: 6, background: '#eee' }}>
                    critical
                  </span>
                ) : null}
                {r.muted ? (
                  <span className="cj-chip" style={{ marginLeft: 6, background: '#eee' }}>
                    muted
                  </span>
                ) : null}
              </td>
              <td>
                <ClassificationChip classification={r.classification} />
              </td>
              <td>{deviationText(r)}</td>
              <td>{r.groups.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
