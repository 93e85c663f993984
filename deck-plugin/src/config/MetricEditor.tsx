/**
 * Editor for one canary-config metric: name, query, group, direction, critical / must-have-data / muted, NaN
 * strategy, outliers and effect sizes (only the sides the direction can fail on are shown, like Kayenta's editor),
 * and Canary Judge's opt-in settings (the Poisson rate test for sparse counters, minimum points per side, an absolute
 * limit on a canary statistic), which Kayenta ignores.
 */
import * as React from 'react';
import type { MetricForm } from '../transforms/stageJson';
import { testIds } from '../testIds';
import type { ListedSource } from '../transforms/metricSources';
import { CheckField, SelectField, TextField } from './fields';
import { SourceQueryFields } from './SourceQueryFields';

/** Props: the metric, its index, errors by JSON path, and callbacks. */
export interface MetricEditorProps {
  idPrefix: string;
  index: number;
  metric: MetricForm;
  queryLabel: string;
  errorsAt: (path: string) => string[] | undefined;
  onChange: (m: MetricForm) => void;
  onRemove: (() => void) | null;
  /** Scope names the metric can pick (`default` first); the picker shows only when there is more than one. */
  scopeNames?: readonly string[];
  /** The stage's metric source from the judge's listing; absent (listing unavailable) = the query text only. */
  source?: ListedSource | undefined;
  /** The metric's stored query config (for the per-source fields until the form holds its own). */
  storedQuery?: Record<string, unknown> | undefined;
}

/** One metric's fieldset. */
export function MetricEditor(props: MetricEditorProps) {
  const { metric: m, index: i } = props;
  const id = (f: string) => `${props.idPrefix}-m${i}-${f}`;
  const base = `payload.canaryConfig.metrics[${i}]`;
  const effect = `${base}.analysisConfigurations.canary.effectSize`;
  const guard = `${base}.analysisConfigurations.canaryJudge`;
  const set =
    <K extends keyof MetricForm>(key: K) =>
    (v: MetricForm[K]) =>
      props.onChange({ ...m, [key]: v });
  const showIncrease = m.direction !== 'decrease';
  const showDecrease = m.direction !== 'increase';
  const unit = m.effectMeasure === 'cles' ? ' (CLES 0–1)' : ' %';
  return (
    <fieldset className="cj-metric" data-testid={testIds.config.metric(i)}>
      <legend>
        Metric {i + 1}
        {m.name ? `: ${m.name}` : ''}
      </legend>
      <div className="cj-row">
        <TextField
          id={id('name')}
          label="Name"
          value={m.name}
          onChange={set('name')}
          errors={props.errorsAt(`${base}.name`)}
        />
        {!props.source || props.source.type === 'prometheus' || props.source.type === 'demo' || m.query !== '' ? (
          <TextField
            id={id('query')}
            label={props.queryLabel}
            value={m.query}
            onChange={set('query')}
            errors={props.errorsAt(`${base}.query`)}
          />
        ) : null}
        <TextField
          id={id('group')}
          label="Group"
          value={m.group}
          onChange={set('group')}
          errors={props.errorsAt(`${base}.groups`)}
        />
        <TextField
          id={id('unit')}
          label="Unit (charts)"
          value={m.unit ?? ''}
          placeholder="ms, %, req/s, bytes"
          onChange={set('unit')}
          errors={props.errorsAt(`${base}.unit`)}
        />
        <SelectField
          id={id('direction')}
          label="Fail on"
          value={m.direction}
          onChange={set('direction')}
          options={[
            { value: 'either', label: 'Increase or decrease' },
            { value: 'increase', label: 'Increase' },
            { value: 'decrease', label: 'Decrease' },
          ]}
        />
        {props.scopeNames && props.scopeNames.length > 1 ? (
          <SelectField
            id={id('scope')}
            label="Scope"
            value={m.scopeName === '' ? 'default' : m.scopeName}
            onChange={(v) => props.onChange({ ...m, scopeName: v === 'default' && m.scopeName === '' ? '' : v })}
            errors={props.errorsAt(`${base}.scopeName`)}
            options={[
              ...props.scopeNames.map((n) => ({ value: n, label: n })),
              ...(m.scopeName !== '' && !props.scopeNames.includes(m.scopeName)
                ? [{ value: m.scopeName, label: `${m.scopeName} (not defined)` }]
                : []),
            ]}
          />
        ) : null}
      </div>
      {props.source ? (
        <SourceQueryFields
          idPrefix={id('query')}
          source={props.source}
          query={m.sourceQuery ?? props.storedQuery ?? {}}
          onChange={(q) => props.onChange({ ...m, sourceQuery: q })}
        />
      ) : null}
      <div className="cj-row">
        <CheckField
          id={id('critical')}
          label="Critical (fails the whole canary)"
          checked={m.critical}
          onChange={set('critical')}
        />
        <CheckField
          id={id('mustHaveData')}
          label="Must have data"
          title="No data counts as a failure instead of being ignored"
          checked={m.mustHaveData}
          onChange={set('mustHaveData')}
        />
        <CheckField id={id('muted')} label="Muted (shown, not scored)" checked={m.muted} onChange={set('muted')} />
      </div>
      <div className="cj-row">
        <SelectField
          id={id('nan')}
          label="Missing values (NaN)"
          value={m.nanStrategy}
          onChange={set('nanStrategy')}
          options={[
            { value: 'remove', label: 'Remove' },
            { value: 'replace', label: 'Replace with 0' },
          ]}
        />
        <SelectField
          id={id('outliers')}
          label="Outliers"
          value={m.outlierStrategy}
          onChange={set('outlierStrategy')}
          options={[
            { value: 'keep', label: 'Keep' },
            { value: 'remove', label: 'Remove (IQR fences)' },
          ]}
        />
        {m.outlierStrategy === 'remove' ? (
          <TextField
            id={id('outlierFactor')}
            label="Outlier factor"
            numeric
            placeholder="3"
            value={m.outlierFactor}
            onChange={set('outlierFactor')}
            errors={props.errorsAt(`${base}.analysisConfigurations.canary.outliers.outlierFactor`)}
          />
        ) : null}
        <SelectField
          id={id('measure')}
          label="Effect size"
          value={m.effectMeasure}
          onChange={set('effectMeasure')}
          options={[
            { value: 'meanRatio', label: 'Mean ratio' },
            { value: 'cles', label: 'CLES' },
          ]}
        />
      </div>
      <div className="cj-row">
        {showIncrease ? (
          <>
            <TextField
              id={id('allowedIncrease')}
              label={`Allowed increase${unit}`}
              hint="smaller rises pass"
              numeric
              value={m.allowedIncreasePct}
              onChange={set('allowedIncreasePct')}
              errors={props.errorsAt(`${effect}.allowedIncrease`)}
            />
            <TextField
              id={id('criticalIncrease')}
              label={`Critical increase${unit}`}
              hint="fails the whole canary"
              numeric
              value={m.criticalIncreasePct}
              onChange={set('criticalIncreasePct')}
              errors={props.errorsAt(`${effect}.criticalIncrease`)}
            />
          </>
        ) : null}
        {showDecrease ? (
          <>
            <TextField
              id={id('allowedDecrease')}
              label={`Allowed decrease${unit}`}
              hint="smaller drops pass"
              numeric
              value={m.allowedDecreasePct}
              onChange={set('allowedDecreasePct')}
              errors={props.errorsAt(`${effect}.allowedDecrease`)}
            />
            <TextField
              id={id('criticalDecrease')}
              label={`Critical decrease${unit}`}
              hint="fails the whole canary"
              numeric
              value={m.criticalDecreasePct}
              onChange={set('criticalDecreasePct')}
              errors={props.errorsAt(`${effect}.criticalDecrease`)}
            />
          </>
        ) : null}
        {props.onRemove ? (
          <button
            type="button"
            className="btn btn-default btn-sm cj-button"
            onClick={props.onRemove}
            aria-label={`Remove metric ${i + 1}`}
          >
            Remove
          </button>
        ) : null}
      </div>
      <div className="cj-row" aria-label="Canary Judge guardrails" role="group">
        <SelectField
          id={id('test')}
          label="Test"
          hint="Poisson rate: sparse counters (Canary Judge only)"
          value={m.test ?? 'mannWhitney'}
          onChange={set('test')}
          errors={props.errorsAt(`${guard}.test`)}
          options={[
            { value: 'mannWhitney', label: 'Mann-Whitney (Kayenta)' },
            { value: 'poissonRate', label: 'Poisson rate (counts)' },
          ]}
        />
        <TextField
          id={id('minimumPoints')}
          label="Minimum points per side"
          hint="fewer → no data (Canary Judge only)"
          numeric
          value={m.minimumPoints}
          onChange={set('minimumPoints')}
          errors={props.errorsAt(`${guard}.minimumPoints`)}
        />
        <SelectField
          id={id('absoluteStatistic')}
          label="Absolute limit on"
          hint="canary statistic (Canary Judge only)"
          value={m.absoluteStatistic}
          onChange={set('absoluteStatistic')}
          errors={props.errorsAt(`${guard}.absolute.statistic`)}
          options={[
            { value: '', label: 'None' },
            { value: 'mean', label: 'Mean' },
            { value: 'p50', label: 'p50' },
            { value: 'p90', label: 'p90' },
            { value: 'p95', label: 'p95' },
            { value: 'p99', label: 'p99' },
            { value: 'max', label: 'Max' },
          ]}
        />
        {m.absoluteStatistic !== '' || m.absoluteUpperLimit !== '' || m.absoluteLowerLimit !== '' ? (
          <>
            <TextField
              id={id('absoluteUpperLimit')}
              label="Upper limit"
              hint="above → High"
              numeric
              value={m.absoluteUpperLimit}
              onChange={set('absoluteUpperLimit')}
              errors={props.errorsAt(`${guard}.absolute.upperLimit`)}
            />
            <TextField
              id={id('absoluteLowerLimit')}
              label="Lower limit"
              hint="below → Low"
              numeric
              value={m.absoluteLowerLimit}
              onChange={set('absoluteLowerLimit')}
              errors={props.errorsAt(`${guard}.absolute.lowerLimit`)}
            />
          </>
        ) : null}
      </div>
    </fieldset>
  );
}
