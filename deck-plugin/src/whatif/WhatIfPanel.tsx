/**
 * What-if: change thresholds, group weights or a metric's settings and re-score the chosen interval in the browser
 * with the same judge library the service runs. Clearly framed (dashed border, "Simulation" badge, wording) as a
 * simulation beside the real verdict; nothing is sent anywhere. It starts collapsed behind a disclosure button
 * (`aria-expanded`); nothing is simulated until it is opened. Inputs read like the config panel (effect sizes in
 * percent for the mean ratio, a probability for CLES) and are checked with the same rules (the scoring library's
 * `validateCanaryConfig` / `validateThresholds`); a metric with an invalid value keeps its last valid settings in the
 * simulation until fixed (the transform decides; this component only renders). A third table edits Canary Judge's
 * opt-in guardrails. "Copy as stage JSON" gives the stage with the simulated settings (also shown in a read-only box,
 * for browsers without clipboard access); when the score moves but no metric changed class, the panel says why.
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
import { explainScoreMove } from '../transforms/scoreMove';
import { whatIfStageJson } from '../transforms/whatIfStage';
import {
  changedClassifications,
  effectSizeUnit,
  initialWhatIfState,
  nextWhatIfState,
  runWhatIf,
  whatIfMetricIssues,
  withMeasure,
  WHAT_IF_GUARDRAIL_FIELDS,
  WHAT_IF_NUMBER_FIELDS,
  type WhatIfGuardrailField,
  type WhatIfIssueField,
  type WhatIfMetric,
  type WhatIfNumberField,
  type WhatIfSettings,
} from '../transforms/whatIf';
import { testIds } from '../testIds';
import { MetricRowHeader, OptionSelect, SelectWithError } from './SettingCells';
import { ColumnHeaders } from '../report/ColumnHeaders';
import { TextList } from '../results/TextList';

/** A metric's setting issues: the rule broken, by field. */
type MetricIssues = ReturnType<typeof whatIfMetricIssues>;

function verdictOf(classification: string): 'PASS' | 'MARGINAL' | 'FAIL' {
  return classification === 'Pass' ? 'PASS' : classification === 'Marginal' ? 'MARGINAL' : 'FAIL';
}

function num(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

/** The choices of the what-if selects, `[value, text]`. */
const DIRECTION_OPTIONS: ReadonlyArray<readonly [Direction, string]> = [
  ['either', 'either'],
  ['increase', 'increase'],
  ['decrease', 'decrease'],
];
const NAN_OPTIONS: ReadonlyArray<readonly [NanStrategy, string]> = [
  ['remove', 'remove'],
  ['replace', 'replace with 0'],
];
const OUTLIER_OPTIONS: ReadonlyArray<readonly [OutlierStrategy, string]> = [
  ['keep', 'keep'],
  ['remove', 'remove'],
];
const TEST_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['mannWhitney', 'Mann-Whitney'],
  ['poissonRate', 'Poisson rate (counts)'],
];

/** The per-metric on/off settings the what-if edits, with the words of their accessible labels. */
const FLAGS: ReadonlyArray<readonly ['critical' | 'mustHaveData' | 'muted', string]> = [
  ['critical', 'critical'],
  ['mustHaveData', 'must have data'],
  ['muted', 'muted'],
];

/** Where a threshold or weight issue of the simulation lands: its input id suffix and the input's label. */
function settingTarget(field: string): { key: string; label: string } {
  if (field === 'scoreThresholds.marginal') return { key: 'marginal', label: 'Marginal' };
  if (field === 'scoreThresholds.pass') return { key: 'pass', label: 'Pass' };
  const weight = /^canaryConfig\.classifier\.groupWeights\.(.+)$/.exec(field);
  if (weight) return { key: `w-${weight[1]}`, label: `${weight[1]} weight %` };
  return { key: 'weights', label: 'Group weights' };
}

/** The metric's config in the judgment (for the keys the what-if does not edit). */
function baseMetric(report: JudgmentReport, name: string) {
  return report.request.canaryConfig?.metrics?.find((m) => m.name === name);
}

/** The panel, for one interval of the report; collapsed until its disclosure button is pressed. */
export function WhatIfPanel(props: { report: JudgmentReport; interval: ReportInterval }) {
  const { report, interval } = props;
  const [open, setOpen] = React.useState(false);
  const bodyId = `cj-whatif-body-${interval.index}`;
  return (
    <section className="cj-simulation" data-testid={testIds.whatIf.root} aria-label="What-if simulation">
      <h4 style={{ margin: 0 }}>
        <button
          type="button"
          className="btn btn-default btn-sm cj-button"
          aria-expanded={open}
          aria-controls={bodyId}
          data-testid={testIds.whatIf.toggle}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> <span className="cj-simulation-badge">Simulation</span>{' '}
          What if… (interval {interval.index})
        </button>
      </h4>
      {open ? (
        <div id={bodyId} data-testid={testIds.whatIf.body}>
          <WhatIfBody report={report} interval={interval} />
        </div>
      ) : (
        <p className="cj-hint" style={{ margin: '4px 0 0' }}>
          Re-score this interval in the browser with other thresholds, weights or metric settings; the real verdict is
          unchanged.
        </p>
      )}
    </section>
  );
}

/** Copies `text` to the clipboard; false when the browser gives no clipboard access. */
async function copyText(text: string): Promise<boolean> {
  try {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clipboard || typeof clipboard.writeText !== 'function') return false;
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** "Copy as stage JSON" and the read-only box with the same text. */
function StageJsonCopy(props: { text: string | null }) {
  const { text } = props;
  const [copied, setCopied] = React.useState<'idle' | 'copied' | 'unavailable'>('idle');
  const box = React.useRef<HTMLTextAreaElement>(null);
  const alive = React.useRef(true);
  React.useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  React.useEffect(() => setCopied('idle'), [text]);
  const onCopy = async () => {
    if (text === null) return;
    const ok = await copyText(text);
    if (!alive.current) return;
    setCopied(ok ? 'copied' : 'unavailable');
    if (!ok) box.current?.select();
  };
  return (
    <div style={{ marginTop: 8 }}>
      <div className="cj-row" style={{ alignItems: 'center' }}>
        <button
          type="button"
          className="btn btn-default btn-sm cj-button"
          data-testid={testIds.whatIf.copyStage}
          disabled={text === null}
          onClick={() => void onCopy()}
        >
          Copy as stage JSON
        </button>
        <span role="status" className="cj-hint" data-testid={testIds.whatIf.copyStatus}>
          {text === null
            ? 'Fix the settings above to copy them.'
            : copied === 'copied'
              ? 'Copied: paste it into the stage with "Edit stage as JSON".'
              : copied === 'unavailable'
                ? 'The browser gave no clipboard access: the text below is selected, copy it from there.'
                : ''}
        </span>
      </div>
      {text !== null ? (
        <div className="cj-field" style={{ marginTop: 4 }}>
          <label htmlFor="cj-whatif-stage-json">Stage JSON with the simulated settings</label>
          <textarea
            id="cj-whatif-stage-json"
            ref={box}
            readOnly
            rows={8}
            className="cj-code"
            spellCheck={false}
            data-testid={testIds.whatIf.stageJson}
            value={text}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
    </div>
  );
}

/** The simulation itself: the settings tables, the simulated verdict and its explanation, the stage JSON. */
function WhatIfBody(props: { report: JudgmentReport; interval: ReportInterval }) {
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
  const realWeights = report.request.canaryConfig?.classifier?.groupWeights ?? {};
  const moved =
    outcome.ok && real && changed.length === 0
      ? explainScoreMove(real, realWeights, outcome.result, state.valid.weights)
      : [];
  const metricNames = Object.keys(settings.metrics);
  const issuesByMetric = React.useMemo(() => {
    const out: Record<string, ReturnType<typeof whatIfMetricIssues>> = {};
    for (const [name, m] of Object.entries(settings.metrics))
      out[name] = whatIfMetricIssues(m, baseMetric(report, name));
    return out;
  }, [settings.metrics, report]);
  const anyMetricIssue = Object.values(issuesByMetric).some((i) => Object.keys(i).length > 0);
  /**
   * One row a metric for a settings table: its name cell, marked blocked when any of `fields` has an issue (the
   * simulation then keeps the metric's last valid settings), then the cells `cells` gives.
   */
  const settingRows = (
    testId: (name: string) => string,
    fields: readonly WhatIfIssueField[],
    cells: (name: string, row: number, m: WhatIfMetric, issues: MetricIssues) => React.ReactNode,
  ) =>
    metricNames.map((name, row) => {
      const issues = issuesByMetric[name] ?? {};
      return (
        <tr key={name} data-testid={testId(name)}>
          <MetricRowHeader name={name} blocked={fields.some((f) => issues[f] !== undefined)} />
          {cells(name, row, settings.metrics[name] as WhatIfMetric, issues)}
        </tr>
      );
    });
  const stageText = React.useMemo(
    () =>
      outcome.ok && !anyMetricIssue ? JSON.stringify(whatIfStageJson(report, interval, state.valid), null, 2) : null,
    [outcome.ok, anyMetricIssue, report, interval, state.valid],
  );
  const settingIssues = new Map<string, string[]>();
  for (const i of outcome.ok ? [] : (outcome.issues ?? [])) {
    const t = settingTarget(i.field);
    settingIssues.set(t.key, [...(settingIssues.get(t.key) ?? []), i.rule]);
  }
  const settingInput = (key: string, label: string, value: number, onChange: (v: number) => void) => {
    const errors = settingIssues.get(key);
    const errorId = `cj-whatif-${key}-error`;
    return (
      <div className="cj-field" key={key}>
        <label htmlFor={`cj-whatif-${key}`}>{label}</label>
        <input
          id={`cj-whatif-${key}`}
          type="number"
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? errorId : undefined}
          value={Number.isFinite(value) ? value : ''}
          onChange={(e) => onChange(num(e.target.value))}
        />
        {errors ? (
          <span className="cj-error" id={errorId}>
            {errors.join('; ')}
          </span>
        ) : null}
      </div>
    );
  };
  /** A select for one of a metric's choice settings, labelled `<metric> <label>`. */
  const choice = (
    name: string,
    field: 'direction' | 'nanStrategy' | 'outlierStrategy' | 'test',
    label: string,
    options: ReadonlyArray<readonly [string, string]>,
    value: string,
  ) => (
    <OptionSelect
      label={`${name} ${label}`}
      value={value}
      options={options}
      onChange={(v) => setMetric(name, { [field]: v } as Partial<WhatIfMetric>)}
    />
  );
  const numberInput = (
    name: string,
    row: number,
    field: WhatIfNumberField | WhatIfGuardrailField,
    label: string,
    error?: string,
    unit = '',
  ) => {
    const errorId = `cj-whatif-${row}-${field}-error`;
    return (
      <>
        <input
          type="text"
          inputMode="decimal"
          size={5}
          aria-label={`${name} ${label}${unit}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          value={(settings.metrics[name] as WhatIfMetric)[field]}
          onChange={(e) => setMetric(name, { [field]: e.target.value })}
        />
        {unit === ' %' ? <span aria-hidden="true"> %</span> : null}
        {error ? (
          <span className="cj-error" id={errorId} style={{ display: 'block' }}>
            {error}
          </span>
        ) : null}
      </>
    );
  };
  return (
    <>
      <p className="cj-hint" style={{ marginTop: 4 }}>
        Simulation of interval {interval.index}: the real verdict above is unchanged and nothing is sent anywhere.
      </p>
      <div className="cj-row">
        {settingInput('marginal', 'Marginal', settings.marginal, (v) => setSettings({ marginal: v }))}
        {settingInput('pass', 'Pass', settings.pass, (v) => setSettings({ pass: v }))}
        {Object.keys(settings.weights).map((g) =>
          settingInput(`w-${g}`, `${g} weight %`, settings.weights[g] ?? NaN, (v) =>
            setSettings({ weights: { ...settings.weights, [g]: v } }),
          ),
        )}
        <button type="button" className="btn btn-default btn-sm cj-button" onClick={() => setState(initial)}>
          Reset to the judgment&apos;s settings
        </button>
      </div>
      {settingIssues.has('weights') ? (
        <p className="cj-error" id="cj-whatif-weights-error">
          Group weights: {settingIssues.get('weights')?.join('; ')}
        </p>
      ) : null}
      <table className="cj-table">
        <thead>
          <tr>
            <ColumnHeaders
              names={['Metric', 'Fail on', 'Missing values', 'Critical', 'Must have data', 'Muted', 'Simulated result']}
            />
          </tr>
        </thead>
        <tbody>
          {Object.entries(settings.metrics).map(([name, m]) => {
            const sim = outcome.ok ? outcome.result.results.find((r) => r.name === name) : undefined;
            const cs = sim ? CLASSIFICATION_STYLE[sim.classification] : null;
            return (
              <tr key={name} data-testid={testIds.whatIf.metric(name)}>
                <th scope="row">{name}</th>
                <td>{choice(name, 'direction', 'fail on', DIRECTION_OPTIONS, m.direction)}</td>
                <td>{choice(name, 'nanStrategy', 'missing values', NAN_OPTIONS, m.nanStrategy)}</td>
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
          Effect-size thresholds in the config panel&apos;s units: for the mean ratio (canary mean ÷ baseline mean) a
          percent change, default 0 % (10 = canary mean 10 % above, or below, the baseline mean); for CLES (chance a
          canary point exceeds a baseline point) a probability 0–1, default 0.5. High needs at least the allowed
          increase, a critical metric fails the canary only at the critical increase (and likewise for decreases). The
          outlier factor (default 3.0, must be above 0) sets the IQR fences when outliers are removed.
        </caption>
        <thead>
          <tr>
            <ColumnHeaders
              names={[
                'Metric',
                'Effect size',
                'Allowed increase',
                'Allowed decrease',
                'Critical increase',
                'Critical decrease',
                'Outliers',
                'Outlier factor',
              ]}
            />
          </tr>
        </thead>
        <tbody>
          {settingRows(testIds.whatIf.settings, ['measure', ...WHAT_IF_NUMBER_FIELDS], (name, row, m, issues) => {
            const unit = effectSizeUnit(m.measure);
            const measureErrorId = `cj-whatif-${row}-measure-error`;
            return (
              <>
                <td>
                  <SelectWithError
                    label={`${name} effect size`}
                    errorId={measureErrorId}
                    error={issues.measure}
                    value={m.measure}
                    onChange={(v) => setMetricWith(name, (x) => withMeasure(x, v as EffectSizeMeasure))}
                  >
                    <option value="meanRatio">mean ratio</option>
                    <option value="cles">CLES</option>
                  </SelectWithError>
                </td>
                <td>{numberInput(name, row, 'allowedIncrease', 'allowed increase', issues.allowedIncrease, unit)}</td>
                <td>{numberInput(name, row, 'allowedDecrease', 'allowed decrease', issues.allowedDecrease, unit)}</td>
                <td>
                  {numberInput(name, row, 'criticalIncrease', 'critical increase', issues.criticalIncrease, unit)}
                </td>
                <td>
                  {numberInput(name, row, 'criticalDecrease', 'critical decrease', issues.criticalDecrease, unit)}
                </td>
                <td>{choice(name, 'outlierStrategy', 'outliers', OUTLIER_OPTIONS, m.outlierStrategy)}</td>
                <td>{numberInput(name, row, 'outlierFactor', 'outlier factor', issues.outlierFactor)}</td>
              </>
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
            <ColumnHeaders
              names={['Metric', 'Minimum points per side', 'Absolute limit on', 'Upper limit', 'Lower limit', 'Test']}
            />
          </tr>
        </thead>
        <tbody>
          {settingRows(
            testIds.whatIf.guardrails,
            ['absoluteStatistic', 'test', ...WHAT_IF_GUARDRAIL_FIELDS],
            (name, row, m, issues) => {
              const statisticErrorId = `cj-whatif-${row}-absoluteStatistic-error`;
              return (
                <>
                  <td>{numberInput(name, row, 'minimumPoints', 'minimum points', issues.minimumPoints)}</td>
                  <td>
                    <SelectWithError
                      label={`${name} absolute limit on`}
                      errorId={statisticErrorId}
                      error={issues.absoluteStatistic}
                      value={m.absoluteStatistic}
                      onChange={(v) => setMetric(name, { absoluteStatistic: v as GuardrailStatistic | '' })}
                    >
                      <option value="">none</option>
                      {GUARDRAIL_STATISTICS.map((st) => (
                        <option key={st} value={st}>
                          {st}
                        </option>
                      ))}
                    </SelectWithError>
                  </td>
                  <td>{numberInput(name, row, 'absoluteUpperLimit', 'upper limit', issues.absoluteUpperLimit)}</td>
                  <td>{numberInput(name, row, 'absoluteLowerLimit', 'lower limit', issues.absoluteLowerLimit)}</td>
                  <td>{choice(name, 'test', 'test', TEST_OPTIONS, m.test ?? 'mannWhitney')}</td>
                </>
              );
            },
          )}
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
          <span className="cj-error">
            Cannot simulate:{' '}
            {outcome.issues
              ? outcome.issues.map((i) => `${settingTarget(i.field).label}: ${i.rule}`).join('; ')
              : outcome.error}
          </span>
        ) : null}
      </div>
      {moved.length > 0 ? (
        <div data-testid={testIds.whatIf.scoreMove}>
          <strong>Why the score moved without any metric changing class:</strong>
          <TextList lines={moved} />
        </div>
      ) : null}
      {arithmetic ? (
        <details className="cj-hint" data-testid={testIds.whatIf.arithmetic}>
          <summary>How the simulated score was computed</summary>
          <TextList lines={arithmetic.lines} />
        </details>
      ) : null}
      <StageJsonCopy text={stageText} />
    </>
  );
}
