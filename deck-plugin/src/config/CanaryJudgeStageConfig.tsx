/**
 * The `canaryJudge` stage config panel (Deck's `IStageConfigProps`). Thin: it keeps the form text in state, and
 * every change goes through the pure transforms (`formToStage`, `syncGroupWeights`, `validateStage`) before
 * `updateStage`. Deck's own stage options (name, depends-on, notifications, "if stage fails", timeout) are rendered
 * by Deck around this panel and are never written here.
 */
import * as React from 'react';
import type { CanaryConfig } from '@canary-judge/shared';
import type { IStageConfigProps } from '@spinnaker/core';
import { canaryJudgeSettings } from '../settings';
import { injectStyles } from '../styles';
import { injectPanelStyles } from './panelStyles';
import { testIds } from '../testIds';
import { intervalPlanText, issuesByPath, syncGroupWeights, thresholdBands, weightSum } from '../transforms/form';
import {
  addRow,
  alignRows,
  initialRows,
  insertRow,
  metricIndexOfPath,
  nextKey,
  removeRow,
  setRowOpen,
  type MetricRow,
} from '../transforms/metricRows';
import { groupWeightRows, metricProblemCount } from '../transforms/metricSummary';
import {
  emptyMetric,
  formToStage,
  queryKeyFor,
  stageToForm,
  type AnalysisType,
  type FormState,
  type MetricForm,
} from '../transforms/stageJson';
import { isNewStage, withNewStageDefaults } from '../transforms/defaults';
import { validateStage } from '../transforms/validation';
import { fieldTarget, messageWithLabels } from '../transforms/fieldLabels';
import { windowPointsText } from '../transforms/windowPoints';
import { MetricEditor } from './MetricEditor';
import { MetricSourceField } from './MetricSourceField';
import { useMetricSources } from './useMetricSources';
import { findSource } from '../transforms/metricSources';
import { SharedConfigPanel } from './SharedConfigPanel';
import { ImportKayentaConfig } from './ImportKayentaConfig';
import { ScopeTable, scopeChoices } from './ScopeTable';
import { FieldLayout } from './fields';
import { ThresholdBar } from './ThresholdBar';
import { GroupWeights } from './GroupWeights';
import { MetricRowsTable, rowToggleId } from './MetricRowsTable';
import {
  CONFIG_NAME_FIELD,
  JUDGE_URL_FIELD,
  LIVE_TIMING_FIELDS,
  RETROSPECTIVE_FIELDS,
  SCOPE_FIELDS,
  THRESHOLD_FIELDS,
  WINDOW_FIELDS,
  StageFields,
  type StageFieldSpec,
} from './StageFields';
import { HELP } from './help';

let instances = 0;

/** A block of fields in Deck's horizontal stage-config layout (label column left, field right). */
function Horizontal(props: { children: React.ReactNode }) {
  return (
    <FieldLayout.Provider value="horizontal">
      <div className="form-horizontal cj-form">{props.children}</div>
    </FieldLayout.Provider>
  );
}

/** A removed metric kept for Undo: where it stood, its row state and the group weights before the remove. */
interface Removed {
  index: number;
  metric: MetricForm;
  row: MetricRow;
  groupWeights: FormState['groupWeights'];
}

/** The config panel. */
export function CanaryJudgeStageConfig(props: IStageConfigProps) {
  const { stage, updateStage } = props;
  const [idPrefix] = React.useState(() => `cj${(instances += 1)}`);
  const [form, setForm] = React.useState<FormState>(() => {
    const settings = canaryJudgeSettings();
    const read = stageToForm(stage, settings.judgeBaseUrl);
    return syncGroupWeights(isNewStage(stage) ? withNewStageDefaults(read, settings.metricSources) : read);
  });
  // One row per metric (key, open) for the compact table; lined up with the metrics on every render.
  const [rowState, setRows] = React.useState<MetricRow[]>(() => initialRows(form.metrics.length));
  const rows = alignRows(rowState, form.metrics.length);
  const resetRows = (count: number) => setRows(initialRows(count, nextKey(rows)));
  const [removed, setRemoved] = React.useState<Removed | null>(null);
  // Ids to focus after the next render (the first that exists): the new metric's name, the next row, a field.
  const focusAfterRender = React.useRef<string[]>([]);
  React.useEffect(() => {
    const ids = focusAfterRender.current;
    if (ids.length === 0) return;
    focusAfterRender.current = [];
    for (const target of ids) {
      const el = document.getElementById(target);
      if (el) {
        el.focus();
        return;
      }
    }
  });

  // The payload this panel last wrote. Deck's "Edit stage as JSON" replaces the payload object: then re-read it.
  // Checked after every render (no dependency list): Deck may mutate the stage in place, keeping its identity.
  const written = React.useRef<unknown>(stage['payload']);
  React.useEffect(() => {
    if (stage['payload'] !== written.current && stage['payload'] !== undefined) {
      written.current = stage['payload'];
      const next = syncGroupWeights(stageToForm(stage, canaryJudgeSettings().judgeBaseUrl));
      setForm(next);
      resetRows(next.metrics.length);
      setRemoved(null);
    }
  });

  React.useEffect(() => {
    injectStyles();
    injectPanelStyles();
    // A brand-new stage gets the webhook fields and the payload at once, so Orca can run it as saved.
    if (stage['alias'] !== 'webhook') {
      const changes = formToStage(form, stage);
      written.current = changes['payload'];
      updateStage(changes);
    }
    // Only on mount: later changes go through `change`.
  }, []);

  /** Replaces the whole inline config (import, edit of a shared config): the table starts afresh. */
  const replaceConfig = (config: CanaryConfig, extra: Partial<FormState>, drop: Record<string, unknown>): void => {
    const payload = stage['payload'] !== null && typeof stage['payload'] === 'object' ? stage['payload'] : {};
    const base = { ...stage, payload: { ...payload, canaryConfig: config, ...drop } };
    const next = syncGroupWeights({
      ...stageToForm(base, form.judgeBaseUrl),
      judgeBaseUrl: form.judgeBaseUrl,
      ...extra,
    });
    setForm(next);
    resetRows(next.metrics.length);
    setRemoved(null);
    const changes = formToStage(next, base);
    written.current = changes['payload'];
    updateStage(changes);
  };

  // An imported Kayenta config replaces the inline one; saved as shared (sharedRef), the stage references it.
  const importConfig = (config: CanaryConfig, sharedRef: { name: string; version: string } | null): void => {
    if (sharedRef) setEditing(null);
    replaceConfig(config, { configRef: sharedRef }, {});
  };

  // The shared config being edited inline (Edit on a shared config): saving adds its next version.
  const [editing, setEditing] = React.useState<string | null>(null);
  const editShared = (config: CanaryConfig, name: string): void => {
    replaceConfig(config, { configRef: null }, { canaryConfigRef: undefined });
    setEditing(name);
  };

  const change = (next: FormState): void => {
    const synced = syncGroupWeights(next);
    setForm(synced);
    const changes = formToStage(synced, stage);
    written.current = changes['payload'];
    updateStage(changes);
  };
  const setField = (key: StageFieldSpec['key'], v: string): void => change({ ...form, [key]: v });

  const edited = { ...stage, ...formToStage(form, stage) };
  const issues = validateStage(edited, Date.now());
  const points = windowPointsText((edited['payload'] as { timing?: unknown } | undefined)?.timing);
  const byPath = issuesByPath(issues);
  const errorsAt = (path: string): string[] | undefined => byPath.get(path);
  const id = (f: string) => `${idPrefix}-${f}`;
  const plan = intervalPlanText(form);
  const queryLabel =
    queryKeyFor(form.metricSource) === 'series' ? 'Demo series (latency, errors, cpu)' : 'PromQL query';
  const fieldsOf = (fields: readonly StageFieldSpec[]) => (
    <StageFields fields={fields} form={form} onChange={setField} errorsAt={errorsAt} idPrefix={idPrefix} />
  );

  const listing = useMetricSources(canaryJudgeSettings().reportBaseUrl || form.judgeBaseUrl);
  const source = listing.status === 'ok' ? findSource(listing.sources, form.metricSource) : undefined;
  const storedQuery = (i: number): Record<string, unknown> | undefined => {
    const metrics = (stage['payload'] as { canaryConfig?: { metrics?: Array<{ query?: unknown }> } } | undefined)
      ?.canaryConfig?.metrics;
    const q = Array.isArray(metrics) ? metrics[i]?.query : undefined;
    return q !== null && typeof q === 'object' && !Array.isArray(q) ? (q as Record<string, unknown>) : undefined;
  };

  const setMetric = (i: number, m: MetricForm) =>
    change({ ...form, metrics: form.metrics.map((x, j) => (j === i ? m : x)) });
  const addMetric = (): void => {
    const i = form.metrics.length;
    setRows(addRow(rows));
    focusAfterRender.current = [id(`m${i}-name`)];
    change({ ...form, metrics: [...form.metrics, emptyMetric(form.metrics[i - 1]?.group || 'default')] });
  };
  const removeMetric = (i: number): void => {
    const r = removeRow(rows, i);
    const metric = form.metrics[i];
    if (!metric || !r.removed) return;
    setRows(r.rows);
    setRemoved({ index: i, metric, row: r.removed, groupWeights: form.groupWeights });
    // Focus the row that took its place, or "Add metric" after the last one.
    focusAfterRender.current = [i < form.metrics.length - 1 ? rowToggleId(idPrefix, i) : id('add-metric')];
    change({ ...form, metrics: form.metrics.filter((_, j) => j !== i) });
  };
  const undoRemove = (): void => {
    if (!removed) return;
    const at = Math.min(removed.index, form.metrics.length);
    const known = new Set(form.groupWeights.map((w) => w.group));
    setRows(insertRow(rows, at, removed.row));
    setRemoved(null);
    focusAfterRender.current = [rowToggleId(idPrefix, at)];
    change({
      ...form,
      metrics: [...form.metrics.slice(0, at), removed.metric, ...form.metrics.slice(at)],
      // The weight of a group that went with the metric comes back with it.
      groupWeights: [...form.groupWeights, ...removed.groupWeights.filter((w) => !known.has(w.group))],
    });
  };
  /** Focuses the field of a validation issue, opening its metric row first when it is closed. */
  const goToIssue = (path: string, target: string | null): boolean => {
    const metric = metricIndexOfPath(path);
    const candidates = [target, metric !== null ? rowToggleId(idPrefix, metric) : null].filter(
      (x): x is string => x !== null,
    );
    if (candidates.length === 0) return false;
    if (metric !== null && rows[metric] && !rows[metric].open) {
      setRows(setRowOpen(rows, metric, true));
      focusAfterRender.current = candidates;
      return true;
    }
    const el = candidates.map((c) => document.getElementById(c)).find((e) => e !== null);
    el?.focus();
    return el !== undefined;
  };
  const setWeight = (group: string, weight: string) =>
    change({ ...form, groupWeights: form.groupWeights.map((w) => (w.group === group ? { group, weight } : w)) });
  const setType = (t: AnalysisType) => change({ ...form, analysisType: t });

  return (
    <div className="cj-root cj-config" data-testid={testIds.config.root}>
      <h4>Judge</h4>
      <Horizontal>
        {fieldsOf(JUDGE_URL_FIELD)}
        <MetricSourceField
          id={id('source')}
          testId={testIds.config.metricSource}
          value={form.metricSource}
          listing={listing}
          onChange={(v) => setField('metricSource', v)}
          errors={errorsAt('payload.metricSource')}
          help={HELP.metricSource}
        />
        {fieldsOf(CONFIG_NAME_FIELD)}
      </Horizontal>

      <h4>Canary config</h4>
      <SharedConfigPanel
        apiBase={canaryJudgeSettings().reportBaseUrl || form.judgeBaseUrl}
        application={props.application?.name ?? ''}
        configRef={form.configRef}
        onRef={(ref) => {
          if (ref) setEditing(null);
          change({ ...form, configRef: ref });
        }}
        onEdit={editShared}
        editing={editing}
        inlineConfig={() =>
          (formToStage({ ...form, configRef: null }, stage)['payload'] as { canaryConfig: CanaryConfig }).canaryConfig
        }
        idPrefix={idPrefix}
      />
      <ImportKayentaConfig
        idPrefix={idPrefix}
        apiBase={canaryJudgeSettings().reportBaseUrl || form.judgeBaseUrl}
        application={props.application?.name ?? ''}
        onImport={importConfig}
      />
      {form.configRef ? null : (
        <div className="cj-metrics-layout">
          <div className="cj-metrics-main">
            <h4>Metrics</h4>
            {errorsAt('payload.canaryConfig.metrics') ? (
              <p className="cj-error">{errorsAt('payload.canaryConfig.metrics')?.join('; ')}</p>
            ) : null}
            <MetricRowsTable
              idPrefix={idPrefix}
              metrics={form.metrics}
              rows={rows}
              problems={(i) => metricProblemCount(issues, i)}
              storedQuery={storedQuery}
              onToggle={(i) => setRows(setRowOpen(rows, i, !rows[i]?.open))}
              onRemove={form.metrics.length > 1 ? removeMetric : null}
              editor={(i) => (
                <MetricEditor
                  idPrefix={idPrefix}
                  index={i}
                  metric={form.metrics[i] as MetricForm}
                  queryLabel={queryLabel}
                  errorsAt={errorsAt}
                  onChange={(next) => setMetric(i, next)}
                  scopeNames={scopeChoices(form)}
                  source={source}
                  storedQuery={storedQuery(i)}
                />
              )}
            />
            {removed ? (
              <p role="status" className="cj-undo" data-testid={testIds.config.undoRemove}>
                Metric {removed.metric.name.trim() || removed.index + 1} removed —{' '}
                <button type="button" className="btn btn-link btn-sm cj-button" onClick={undoRemove}>
                  Undo
                </button>
              </p>
            ) : null}
            <button
              type="button"
              id={id('add-metric')}
              className="btn btn-block btn-sm add-new cj-button"
              data-testid={testIds.config.addMetric}
              onClick={addMetric}
            >
              <span className="glyphicon glyphicon-plus-sign" aria-hidden="true" /> Add metric
            </button>
          </div>
          <GroupWeights
            idPrefix={idPrefix}
            rows={groupWeightRows(form.groupWeights, form.metrics)}
            sum={weightSum(form)}
            errorsAt={errorsAt}
            onChange={setWeight}
          />
        </div>
      )}

      <h4>Scopes</h4>
      <Horizontal>{fieldsOf(SCOPE_FIELDS)}</Horizontal>
      <ScopeTable idPrefix={idPrefix} form={form} onChange={change} errorsAt={errorsAt} />

      <h4>Timing</h4>
      <div className="cj-row" role="radiogroup" aria-label="Analysis type">
        {(
          [
            ['realTime', 'Real time (judge while the canary runs)'],
            ['retrospective', 'Retrospective (judge a past window)'],
          ] as const
        ).map(([type, label]) => (
          <label key={type} className="cj-check">
            <input type="radio" name={id('type')} checked={form.analysisType === type} onChange={() => setType(type)} />
            {label}
          </label>
        ))}
      </div>
      <Horizontal>
        {fieldsOf(form.analysisType === 'realTime' ? LIVE_TIMING_FIELDS : RETROSPECTIVE_FIELDS)}
        {fieldsOf(WINDOW_FIELDS)}
      </Horizontal>
      {plan ? (
        <p className="cj-hint" data-testid={testIds.config.intervalPlan}>
          {plan}
        </p>
      ) : null}
      {points ? (
        <p className={points.tooFew ? 'cj-error' : 'cj-hint'} data-testid={testIds.config.windowPoints}>
          {points.text}
        </p>
      ) : null}
      {form.analysisType === 'realTime' && form.lookbackMinutes !== '' && Number(form.lookbackMinutes) < 30 ? (
        <p className="cj-hint">A lookback under 30 min gives few samples per metric; the judge may lack power.</p>
      ) : null}

      <h4>Scoring thresholds</h4>
      <Horizontal>{fieldsOf(THRESHOLD_FIELDS)}</Horizontal>
      <ThresholdBar bands={thresholdBands(form)} pass={form.pass} marginal={form.marginal} />

      {issues.length > 0 ? (
        <div role="alert" data-testid={testIds.config.issues} className="cj-error">
          <p>
            {issues.length} problem{issues.length === 1 ? '' : 's'} must be fixed before the pipeline can be saved:
          </p>
          <ul>
            {issues.map((i) => {
              const target = fieldTarget(
                i.path,
                idPrefix,
                form.namedScopes.map((r) => r.name.trim()),
              );
              const metric = metricIndexOfPath(i.path);
              const href = target.id ?? (metric !== null ? rowToggleId(idPrefix, metric) : null);
              return (
                <li key={`${i.path}:${i.message}`}>
                  {href ? (
                    <a
                      href={`#${href}`}
                      onClick={(e) => {
                        if (goToIssue(i.path, target.id)) e.preventDefault();
                      }}
                    >
                      {target.label}
                    </a>
                  ) : (
                    <strong>{target.label}</strong>
                  )}
                  : {messageWithLabels(i.message)}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
