/**
 * Editor for one canary-config metric: name, query, group, direction, critical / must-have-data / muted, NaN
 * strategy, outliers and effect sizes (only the sides the direction can fail on are shown, like Kayenta's editor),
 * and Canary Judge's opt-in settings (the Poisson rate test for sparse counters, minimum points per side, an absolute
 * limit on a canary statistic), which Kayenta ignores.
 */
import * as React from 'react';
import { GUARDRAIL_STATISTICS } from '@canary-judge/shared';
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
  /** Scope names the metric can pick (`default` first); the picker shows only when there is more than one. */
  scopeNames?: readonly string[];
  /** The stage's metric source from the judge's listing; absent (listing unavailable) = the query text only. */
  source?: ListedSource | undefined;
  /** The metric's stored query config (for the per-source fields until the form holds its own). */
  storedQuery?: Record<string, unknown> | undefined;
}

/** The metric's text-valued settings. */
type TextKey = {
  [K in keyof MetricForm]-?: NonNullable<MetricForm[K]> extends string ? K : never;
}[keyof MetricForm];
/** The metric's choice-valued settings. */
type ChoiceKey = 'direction' | 'nanStrategy' | 'outlierStrategy' | 'effectMeasure' | 'test' | 'absoluteStatistic';
type Option = { value: string; label: string };

/**
 * One field of the editor as data. `path` is relative to the metric's JSON (`payload.canaryConfig.metrics[i]`);
 * `show` hides it for metrics it does not apply to; `unit` appends the effect-size unit to the label.
 */
type FieldSpec = { id: string; label: string; hint?: string; path?: string; show?: (m: MetricForm) => boolean } & (
  | { key: TextKey; numeric?: boolean; placeholder?: string; unit?: boolean }
  | { key: ChoiceKey; options: readonly Option[] }
);

const EFFECT = 'analysisConfigurations.canary.effectSize';
const GUARD = 'analysisConfigurations.canaryJudge';
const canFailUp = (m: MetricForm) => m.direction !== 'decrease';
const canFailDown = (m: MetricForm) => m.direction !== 'increase';
const hasAbsolute = (m: MetricForm) =>
  m.absoluteStatistic !== '' || m.absoluteUpperLimit !== '' || m.absoluteLowerLimit !== '';

/** A choice field from `[value, label]` pairs. */
const choice = (
  key: ChoiceKey,
  id: string,
  label: string,
  options: ReadonlyArray<readonly [string, string]>,
  more: { hint?: string; path?: string } = {},
): FieldSpec => ({ key, id, label, options: options.map(([value, text]) => ({ value, label: text })), ...more });

/** Name, group and direction: the settings the collapsed table row also shows. */
const IDENTITY: readonly FieldSpec[] = [
  { key: 'name', id: 'name', label: 'Name', path: 'name' },
  { key: 'group', id: 'group', label: 'Group', path: 'groups' },
  { key: 'unit', id: 'unit', label: 'Unit (charts)', placeholder: 'ms, %, req/s, bytes', path: 'unit' },
  choice('direction', 'direction', 'Fail on', [
    ['either', 'Increase or decrease'],
    ['increase', 'Increase'],
    ['decrease', 'Decrease'],
  ]),
];

/** Data handling and the effect-size measure. */
const HANDLING: readonly FieldSpec[] = [
  choice('nanStrategy', 'nan', 'Missing values (NaN)', [
    ['remove', 'Remove'],
    ['replace', 'Replace with 0'],
  ]),
  choice('outlierStrategy', 'outliers', 'Outliers', [
    ['keep', 'Keep'],
    ['remove', 'Remove (IQR fences)'],
  ]),
  {
    key: 'outlierFactor',
    id: 'outlierFactor',
    label: 'Outlier factor',
    numeric: true,
    placeholder: '3',
    path: 'analysisConfigurations.canary.outliers.outlierFactor',
    show: (m) => m.outlierStrategy === 'remove',
  },
  choice('effectMeasure', 'measure', 'Effect size', [
    ['meanRatio', 'Mean ratio'],
    ['cles', 'CLES'],
  ]),
];

/** Allowed and critical changes, only for the sides the direction can fail on (as Kayenta's editor). */
const EFFECT_SIZES: readonly FieldSpec[] = (
  [
    ['allowedIncrease', 'Allowed increase', 'smaller rises pass', canFailUp],
    ['criticalIncrease', 'Critical increase', 'fails the whole canary', canFailUp],
    ['allowedDecrease', 'Allowed decrease', 'smaller drops pass', canFailDown],
    ['criticalDecrease', 'Critical decrease', 'fails the whole canary', canFailDown],
  ] as const
).map(([name, label, hint, show]) => ({
  key: `${name}Pct` as const,
  id: name,
  label,
  hint,
  numeric: true,
  unit: true,
  path: `${EFFECT}.${name}`,
  show,
}));

/** Canary Judge's opt-in guardrails (`analysisConfigurations.canaryJudge`, ignored by Kayenta). */
const GUARDRAILS: readonly FieldSpec[] = [
  choice(
    'test',
    'test',
    'Test',
    [
      ['mannWhitney', 'Mann-Whitney (Kayenta)'],
      ['poissonRate', 'Poisson rate (counts)'],
    ],
    { hint: 'Poisson rate: sparse counters (Canary Judge only)', path: `${GUARD}.test` },
  ),
  {
    key: 'minimumPoints',
    id: 'minimumPoints',
    label: 'Minimum points per side',
    hint: 'fewer → no data (Canary Judge only)',
    numeric: true,
    path: `${GUARD}.minimumPoints`,
  },
  choice(
    'absoluteStatistic',
    'absoluteStatistic',
    'Absolute limit on',
    [['', 'None'], ...GUARDRAIL_STATISTICS.map((s) => [s, s === 'mean' ? 'Mean' : s === 'max' ? 'Max' : s] as const)],
    { hint: 'canary statistic (Canary Judge only)', path: `${GUARD}.absolute.statistic` },
  ),
  ...(
    [
      ['absoluteUpperLimit', 'Upper limit', 'above → High', 'upperLimit'],
      ['absoluteLowerLimit', 'Lower limit', 'below → Low', 'lowerLimit'],
    ] as const
  ).map(([key, label, hint, name]) => ({
    key,
    id: key,
    label,
    hint,
    numeric: true,
    path: `${GUARD}.absolute.${name}`,
    show: hasAbsolute,
  })),
];

/** The flags, as checkboxes. */
const FLAGS: ReadonlyArray<{ key: 'critical' | 'mustHaveData' | 'muted'; label: string; title?: string }> = [
  { key: 'critical', label: 'Critical (fails the whole canary)' },
  { key: 'mustHaveData', label: 'Must have data', title: 'No data counts as a failure instead of being ignored' },
  { key: 'muted', label: 'Muted (shown, not scored)' },
];

/** Whether the stage's source takes the single query text (Prometheus, demo, no listing, or text already there). */
function showsQueryText(props: MetricEditorProps): boolean {
  const s = props.source;
  return !s || s.type === 'prometheus' || s.type === 'demo' || props.metric.query !== '';
}

/** One metric's fieldset. */
export function MetricEditor(props: MetricEditorProps) {
  const { metric: m, index: i } = props;
  const id = (f: string) => `${props.idPrefix}-m${i}-${f}`;
  const errorsAt = (path: string | undefined) =>
    path ? props.errorsAt(`payload.canaryConfig.metrics[${i}].${path}`) : undefined;
  const unit = m.effectMeasure === 'cles' ? ' (CLES 0–1)' : ' %';
  const fields = (specs: readonly FieldSpec[]) =>
    specs
      .filter((f) => !f.show || f.show(m))
      .map((f) =>
        'options' in f ? (
          <SelectField
            key={f.id}
            id={id(f.id)}
            label={f.label}
            hint={f.hint}
            value={(f.key === 'test' ? (m.test ?? 'mannWhitney') : m[f.key]) as string}
            onChange={(v) => props.onChange({ ...m, [f.key]: v })}
            errors={errorsAt(f.path)}
            options={f.options}
          />
        ) : (
          <TextField
            key={f.id}
            id={id(f.id)}
            label={f.unit ? `${f.label}${unit}` : f.label}
            hint={f.hint}
            numeric={f.numeric}
            placeholder={f.placeholder}
            value={m[f.key] ?? ''}
            onChange={(v) => props.onChange({ ...m, [f.key]: v })}
            errors={errorsAt(f.path)}
          />
        ),
      );
  const scopeNames = props.scopeNames ?? [];
  return (
    <fieldset className="cj-metric" data-testid={testIds.config.metric(i)}>
      <legend>
        Metric {i + 1}
        {m.name ? `: ${m.name}` : ''}
      </legend>
      <div className="cj-row">
        {fields(IDENTITY)}
        {scopeNames.length > 1 ? (
          <SelectField
            id={id('scope')}
            label="Scope"
            value={m.scopeName === '' ? 'default' : m.scopeName}
            onChange={(v) => props.onChange({ ...m, scopeName: v === 'default' && m.scopeName === '' ? '' : v })}
            errors={errorsAt('scopeName')}
            options={[
              ...scopeNames.map((n) => ({ value: n, label: n })),
              ...(m.scopeName !== '' && !scopeNames.includes(m.scopeName)
                ? [{ value: m.scopeName, label: `${m.scopeName} (not defined)` }]
                : []),
            ]}
          />
        ) : null}
      </div>
      {showsQueryText(props) ? (
        <div className="cj-query">
          <TextField
            id={id('query')}
            label={props.queryLabel}
            multiline={2}
            value={m.query}
            onChange={(v) => props.onChange({ ...m, query: v })}
            errors={errorsAt('query')}
          />
        </div>
      ) : null}
      {props.source ? (
        <SourceQueryFields
          idPrefix={id('query')}
          source={props.source}
          query={m.sourceQuery ?? props.storedQuery ?? {}}
          onChange={(q) => props.onChange({ ...m, sourceQuery: q })}
        />
      ) : null}
      <div className="cj-row">
        {FLAGS.map((f) => (
          <CheckField
            key={f.key}
            id={id(f.key)}
            label={f.label}
            title={f.title}
            checked={m[f.key]}
            onChange={(v) => props.onChange({ ...m, [f.key]: v })}
          />
        ))}
      </div>
      <div className="cj-row">{fields(HANDLING)}</div>
      <div className="cj-row">{fields(EFFECT_SIZES)}</div>
      <div className="cj-row" aria-label="Canary Judge guardrails" role="group">
        {fields(GUARDRAILS)}
      </div>
    </fieldset>
  );
}
