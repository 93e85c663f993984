/**
 * What-if: change thresholds, group weights or a metric's settings and re-score the chosen interval in the browser
 * with the same judge library the service runs. Clearly framed (dashed border, "Simulation" badge, wording) as a
 * simulation beside the real verdict; nothing is sent anywhere. A metric with an invalid number keeps its last valid
 * settings in the simulation until fixed (the transform decides; this component only renders). A third table edits
 * Canary Judge's opt-in guardrails (minimum points per side, an absolute limit on a canary statistic).
 */
import * as React from 'react';
import {
  GUARDRAIL_STATISTICS,
  type Direction,
  type EffectSizeMeasure,
  type GuardrailStatistic,
  type NanStrategy,
  type OutlierStrategy,
} from '@canary-judge/shared';
import type { JudgmentReport, ReportInterval } from '../transforms/report';
import { STATUS_STYLE, CLASSIFICATION_STYLE } from '../transforms/status';
import { explainScore } from '../transforms/scoreExplanation';
import {
  changedClassifications,
  initialWhatIfState,
  nextWhatIfState,
  runWhatIf,
  whatIfMetricIssues,
  withMeasure,
  WHAT_IF_GUARDRAIL_FIELDS,
  WHAT_IF_NUMBER_FIELDS,
  type WhatIfGuardrailField,
  type WhatIfMetric,
  type WhatIfNumberField,
  type WhatIfSettings,
} from '../transforms/whatIf';
import { testIds } from '../testIds';

function verdictOf(classification: string): 'PASS' | 'MARGINAL' | 'FAIL' {
  return classification === 'Pass' ? 'PASS' : classification === 'Marginal' ? 'MARGINAL' : 'FAIL';
}

function num(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

/** The per-metric on/off settings the what-if edits, with the words of their accessible labels. */
const FLAGS: ReadonlyArray<readonly ['critical' | 'mustHaveData' | 'muted', string]> = [
  ['critical', 'critical'],
  ['mustHaveData', 'must have data'],
  ['muted', 'muted'],
];

/** The panel, for one interval of the report. */
export function WhatIfPanel(props: { report: JudgmentReport; interval: ReportInterval }) {
  const { report, interval } = props;
  const initial = React.useMemo(() => initialWhatIfState(report), [report]);
  const [state, setState] = React.useState(initial);
  const settings = state.draft;
  const outcome = React.useMemo(() => runWhatIf(report, interval, state.valid), [report, interval, state.valid]);
  const update = (f: (draft: WhatIfSettings) => WhatIfSettings) => setState((s) => nextWhatIfState(s, f(s.draft)));
  const setSettings = (patch: Partial<WhatIfSettings>) => update((d) => ({ ...d, ...patch }));
  const setMetricWith = (name: string, f: (m: WhatIfMetric) => WhatIfMetric) =>
    update((d) => ({ ...d, metrics: { ...d.metrics, [name]: f(d.metrics[name] as WhatIfMetric) } }));
  const setMetric = (name: string, patch: Partial<WhatIfMetric>) => setMetricWith(name, (m) => ({ ...m, ...patch }));
  const real = interval.result;
  const changed = outcome.ok && real ? changedClassifications(real, outcome.result) : [];
  const changedFrom = new Map(changed.map((c) => [c.name, c.from]));
  const simVerdict = outcome.ok ? verdictOf(outcome.result.score.classification) : null;
  const style = simVerdict ? STATUS_STYLE[simVerdict] : null;
  const arithmetic = outcome.ok ? explainScore(outcome.result, state.valid.weights) : null;
  const metricNames = Object.keys(settings.metrics);
  const numberInput = (
    name: string,
    row: number,
    field: WhatIfNumberField | WhatIfGuardrailField,
    label: string,
    error?: string,
  ) => {
    const errorId = `cj-whatif-${row}-${field}-error`;
    return (
      <>
        <input
          type="text"
          inputMode="decimal"
          size={5}
          aria-label={`${name} ${label}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          value={(settings.metrics[name] as WhatIfMetric)[field]}
          onChange={(e) => setMetric(name, { [field]: e.target.value })}
        />
        {error ? (
          <span className="cj-error" id={errorId} style={{ display: 'block' }}>
            {error}
          </span>
        ) : null}
      </>
    );
  };
  return (
    <section className="cj-simulation" data-testid={testIds.whatIf.root} aria-label="What-if simulation">
      <h4 style={{ marginTop: 0 }}>
        <span className="cj-simulation-badge">Simulation</span> What if… (interval {interval.index}; the real verdict
        above is unchanged)
      </h4>
      <div className="cj-row">
        <div className="cj-field">
          <label htmlFor="cj-whatif-marginal">Marginal</label>
          <input
            id="cj-whatif-marginal"
            type="number"
            value={Number.isFinite(settings.marginal) ? settings.marginal : ''}
            onChange={(e) => setSettings({ marginal: num(e.target.value) })}
          />
        </div>
        <div className="cj-field">
          <label htmlFor="cj-whatif-pass">Pass</label>
          <input
            id="cj-whatif-pass"
            type="number"
            value={Number.isFinite(settings.pass) ? settings.pass : ''}
            onChange={(e) => setSettings({ pass: num(e.target.value) })}
          />
        </div>
        {Object.keys(settings.weights).map((g) => (
          <div className="cj-field" key={g}>
            <label htmlFor={`cj-whatif-w-${g}`}>{g} weight %</label>
            <input
              id={`cj-whatif-w-${g}`}
              type="number"
              value={Number.isFinite(settings.weights[g]) ? settings.weights[g] : ''}
              onChange={(e) => setSettings({ weights: { ...settings.weights, [g]: num(e.target.value) } })}
            />
          </div>
        ))}
        <button type="button" className="btn btn-default btn-sm cj-button" onClick={() => setState(initial)}>
          Reset to the judgment&apos;s settings
        </button>
      </div>
      <table className="cj-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Fail on</th>
            <th scope="col">Missing values</th>
            <th scope="col">Critical</th>
            <th scope="col">Must have data</th>
            <th scope="col">Muted</th>
            <th scope="col">Simulated result</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(settings.metrics).map(([name, m]) => {
            const sim = outcome.ok ? outcome.result.results.find((r) => r.name === name) : undefined;
            const cs = sim ? CLASSIFICATION_STYLE[sim.classification] : null;
            return (
              <tr key={name} data-testid={testIds.whatIf.metric(name)}>
                <th scope="row">{name}</th>
                <td>
                  <select
                    aria-label={`${name} fail on`}
                    value={m.direction}
                    onChange={(e) => setMetric(name, { direction: e.target.value as Direction })}
                  >
                    <option value="either">either</option>
                    <option value="increase">increase</option>
                    <option value="decrease">decrease</option>
                  </select>
                </td>
                <td>
                  <select
                    aria-label={`${name} missing values`}
                    value={m.nanStrategy}
                    onChange={(e) => setMetric(name, { nanStrategy: e.target.value as NanStrategy })}
                  >
                    <option value="remove">remove</option>
                    <option value="replace">replace with 0</option>
                  </select>
                </td>
                {FLAGS.map(([flag, label]) => (
                  <td key={flag}>
                    <input
                      type="checkbox"
                      aria-label={`${name} ${label}`}
                      checked={m[flag]}
                      onChange={(e) => setMetric(name, { [flag]: e.target.checked })}
                    />
                  </td>
                ))}
                <td>
                  {cs ? (
                    <span className="cj-chip" style={{ color: cs.color, background: cs.background }}>
                      <span aria-hidden="true">{cs.icon}</span>
                      {cs.label}
                    </span>
                  ) : null}{' '}
                  {changedFrom.has(name) ? (
                    <span className="cj-chip cj-changed" data-testid={testIds.whatIf.changed(name)}>
                      changed<span className="cj-sr-only"> from {changedFrom.get(name) ?? 'no result'}</span>
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="cj-table" style={{ marginTop: 8 }}>
        <caption className="cj-hint" style={{ textAlign: 'left', captionSide: 'bottom' }}>
          Effect-size thresholds default to 1.0 for the mean ratio (canary mean ÷ baseline mean) and 0.5 for CLES
          (chance a canary point exceeds a baseline point); High needs at least the allowed increase, a critical metric
          fails the canary only at the critical increase (and likewise for decreases). The outlier factor (default 3.0,
          must be above 0) sets the IQR fences when outliers are removed.
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Effect size</th>
            <th scope="col">Allowed increase</th>
            <th scope="col">Allowed decrease</th>
            <th scope="col">Critical increase</th>
            <th scope="col">Critical decrease</th>
            <th scope="col">Outliers</th>
            <th scope="col">Outlier factor</th>
          </tr>
        </thead>
        <tbody>
          {metricNames.map((name, row) => {
            const m = settings.metrics[name] as WhatIfMetric;
            const issues = whatIfMetricIssues(m);
            const blocked = WHAT_IF_NUMBER_FIELDS.some((f) => issues[f] !== undefined);
            return (
              <tr key={name} data-testid={testIds.whatIf.settings(name)}>
                <th scope="row">
                  {name}
                  {blocked ? (
                    <span className="cj-error" role="alert" style={{ display: 'block' }}>
                      Not re-scored: fix the values; the simulation keeps this metric&apos;s last valid settings.
                    </span>
                  ) : null}
                </th>
                <td>
                  <select
                    aria-label={`${name} effect size`}
                    value={m.measure}
                    onChange={(e) => setMetricWith(name, (x) => withMeasure(x, e.target.value as EffectSizeMeasure))}
                  >
                    <option value="meanRatio">mean ratio</option>
                    <option value="cles">CLES</option>
                  </select>
                </td>
                <td>{numberInput(name, row, 'allowedIncrease', 'allowed increase', issues.allowedIncrease)}</td>
                <td>{numberInput(name, row, 'allowedDecrease', 'allowed decrease', issues.allowedDecrease)}</td>
                <td>{numberInput(name, row, 'criticalIncrease', 'critical increase', issues.criticalIncrease)}</td>
                <td>{numberInput(name, row, 'criticalDecrease', 'critical decrease', issues.criticalDecrease)}</td>
                <td>
                  <select
                    aria-label={`${name} outliers`}
                    value={m.outlierStrategy}
                    onChange={(e) => setMetric(name, { outlierStrategy: e.target.value as OutlierStrategy })}
                  >
                    <option value="keep">keep</option>
                    <option value="remove">remove</option>
                  </select>
                </td>
                <td>{numberInput(name, row, 'outlierFactor', 'outlier factor', issues.outlierFactor)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="cj-table" style={{ marginTop: 8 }} aria-label="Canary Judge guardrails">
        <caption className="cj-hint" style={{ textAlign: 'left', captionSide: 'bottom' }}>
          Canary Judge guardrails (Kayenta ignores them; empty = off): with fewer points than the minimum on either side
          the metric has no data (a failure with must-have-data); a canary statistic above the upper limit makes the
          metric High, below the lower limit Low, on top of the baseline comparison. Test: Poisson rate compares the
          event rates of count metrics (sparse errors) instead of Kayenta&apos;s Mann-Whitney test.
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Minimum points per side</th>
            <th scope="col">Absolute limit on</th>
            <th scope="col">Upper limit</th>
            <th scope="col">Lower limit</th>
            <th scope="col">Test</th>
          </tr>
        </thead>
        <tbody>
          {metricNames.map((name, row) => {
            const m = settings.metrics[name] as WhatIfMetric;
            const issues = whatIfMetricIssues(m);
            const blocked =
              issues.absoluteStatistic !== undefined || WHAT_IF_GUARDRAIL_FIELDS.some((f) => issues[f] !== undefined);
            const statisticErrorId = `cj-whatif-${row}-absoluteStatistic-error`;
            return (
              <tr key={name} data-testid={testIds.whatIf.guardrails(name)}>
                <th scope="row">
                  {name}
                  {blocked ? (
                    <span className="cj-error" role="alert" style={{ display: 'block' }}>
                      Not re-scored: fix the values; the simulation keeps this metric&apos;s last valid settings.
                    </span>
                  ) : null}
                </th>
                <td>{numberInput(name, row, 'minimumPoints', 'minimum points', issues.minimumPoints)}</td>
                <td>
                  <select
                    aria-label={`${name} absolute limit on`}
                    aria-invalid={issues.absoluteStatistic ? true : undefined}
                    aria-describedby={issues.absoluteStatistic ? statisticErrorId : undefined}
                    value={m.absoluteStatistic}
                    onChange={(e) => setMetric(name, { absoluteStatistic: e.target.value as GuardrailStatistic | '' })}
                  >
                    <option value="">none</option>
                    {GUARDRAIL_STATISTICS.map((st) => (
                      <option key={st} value={st}>
                        {st}
                      </option>
                    ))}
                  </select>
                  {issues.absoluteStatistic ? (
                    <span className="cj-error" id={statisticErrorId} style={{ display: 'block' }}>
                      {issues.absoluteStatistic}
                    </span>
                  ) : null}
                </td>
                <td>{numberInput(name, row, 'absoluteUpperLimit', 'upper limit', issues.absoluteUpperLimit)}</td>
                <td>{numberInput(name, row, 'absoluteLowerLimit', 'lower limit', issues.absoluteLowerLimit)}</td>
                <td>
                  <select
                    aria-label={`${name} test`}
                    value={m.test ?? 'mannWhitney'}
                    onChange={(e) => setMetric(name, { test: e.target.value as 'mannWhitney' | 'poissonRate' })}
                  >
                    <option value="mannWhitney">Mann-Whitney</option>
                    <option value="poissonRate">Poisson rate (counts)</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div role="status" aria-live="polite" data-testid={testIds.whatIf.verdict} style={{ marginTop: 8 }}>
        {outcome.ok && style ? (
          <>
            Simulated verdict:{' '}
            <span className="cj-chip" style={{ color: style.color, background: style.background }}>
              <span aria-hidden="true">{style.icon}</span>
              {style.label}
            </span>{' '}
            score {outcome.result.score.score}
            {interval.score !== null ? ` (the judge gave ${interval.score} for this interval)` : ''}
            {outcome.result.score.classificationReason ? `. ${outcome.result.score.classificationReason}` : ''}
            <span data-testid={testIds.whatIf.changedCount}>
              {'. '}
              {changed.length === 0
                ? 'No metric changed classification versus the real verdict.'
                : `${changed.length} metric${changed.length === 1 ? '' : 's'} changed classification versus the real verdict:`}
            </span>
            {changed.length > 0 ? (
              <ul>
                {changed.map((c) => (
                  <li key={c.name}>
                    {c.name}: {c.from ?? '—'} → {c.to}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : !outcome.ok ? (
          <span className="cj-error">Cannot simulate: {outcome.error}</span>
        ) : null}
      </div>
      {arithmetic ? (
        <details className="cj-hint" data-testid={testIds.whatIf.arithmetic}>
          <summary>How the simulated score was computed</summary>
          <ul>
            {arithmetic.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
