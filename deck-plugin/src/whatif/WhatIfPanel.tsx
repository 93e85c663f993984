/**
 * What-if: change thresholds, group weights or a metric's settings and re-score the chosen interval in the browser
 * with the same judge library the service runs. Clearly framed (dashed border, "Simulation" badge, wording) as a
 * simulation beside the real verdict; nothing is sent anywhere.
 */
import * as React from 'react';
import type { Direction, NanStrategy } from '@canary-judge/shared';
import type { JudgmentReport, ReportInterval } from '../transforms/report';
import { STATUS_STYLE, CLASSIFICATION_STYLE } from '../transforms/status';
import {
  changedClassifications,
  runWhatIf,
  whatIfDefaults,
  type WhatIfMetric,
  type WhatIfSettings,
} from '../transforms/whatIf';
import { testIds } from '../testIds';

function verdictOf(classification: string): 'PASS' | 'MARGINAL' | 'FAIL' {
  return classification === 'Pass' ? 'PASS' : classification === 'Marginal' ? 'MARGINAL' : 'FAIL';
}

function num(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

/** The panel, for one interval of the report. */
export function WhatIfPanel(props: { report: JudgmentReport; interval: ReportInterval }) {
  const { report, interval } = props;
  const defaults = React.useMemo(() => whatIfDefaults(report), [report]);
  const [settings, setSettings] = React.useState<WhatIfSettings>(defaults);
  const outcome = React.useMemo(() => runWhatIf(report, interval, settings), [report, interval, settings]);
  const setMetric = (name: string, patch: Partial<WhatIfMetric>) =>
    setSettings((s) => ({
      ...s,
      metrics: { ...s.metrics, [name]: { ...(s.metrics[name] as WhatIfMetric), ...patch } },
    }));
  const real = interval.result;
  const changed = outcome.ok && real ? changedClassifications(real, outcome.result) : [];
  const simVerdict = outcome.ok ? verdictOf(outcome.result.score.classification) : null;
  const style = simVerdict ? STATUS_STYLE[simVerdict] : null;
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
            onChange={(e) => setSettings({ ...settings, marginal: num(e.target.value) })}
          />
        </div>
        <div className="cj-field">
          <label htmlFor="cj-whatif-pass">Pass</label>
          <input
            id="cj-whatif-pass"
            type="number"
            value={Number.isFinite(settings.pass) ? settings.pass : ''}
            onChange={(e) => setSettings({ ...settings, pass: num(e.target.value) })}
          />
        </div>
        {Object.keys(settings.weights).map((g) => (
          <div className="cj-field" key={g}>
            <label htmlFor={`cj-whatif-w-${g}`}>{g} weight %</label>
            <input
              id={`cj-whatif-w-${g}`}
              type="number"
              value={Number.isFinite(settings.weights[g]) ? settings.weights[g] : ''}
              onChange={(e) => setSettings({ ...settings, weights: { ...settings.weights, [g]: num(e.target.value) } })}
            />
          </div>
        ))}
        <button type="button" className="cj-button" onClick={() => setSettings(defaults)}>
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
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${name} critical`}
                    checked={m.critical}
                    onChange={(e) => setMetric(name, { critical: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${name} must have data`}
                    checked={m.mustHaveData}
                    onChange={(e) => setMetric(name, { mustHaveData: e.target.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${name} muted`}
                    checked={m.muted}
                    onChange={(e) => setMetric(name, { muted: e.target.checked })}
                  />
                </td>
                <td>
                  {cs ? (
                    <span className="cj-chip" style={{ color: cs.color, background: cs.background }}>
                      <span aria-hidden="true">{cs.icon}</span>
                      {cs.label}
                    </span>
                  ) : null}
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
    </section>
  );
}
