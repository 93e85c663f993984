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
import { testIds } from '../testIds';
import { intervalPlanText, issuesByPath, syncGroupWeights, thresholdBands, weightSum } from '../transforms/form';
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
import { fieldTarget } from '../transforms/fieldLabels';
import { windowPointsText } from '../transforms/windowPoints';
import { MetricEditor } from './MetricEditor';
import { MetricSourceField } from './MetricSourceField';
import { useMetricSources } from './useMetricSources';
import { findSource } from '../transforms/metricSources';
import { SharedConfigPanel } from './SharedConfigPanel';
import { ImportKayentaConfig } from './ImportKayentaConfig';
import { ScopeTable, scopeChoices } from './ScopeTable';
import { FieldLayout, TextField } from './fields';
import { HELP } from './help';
import { ThresholdBar } from './ThresholdBar';

let instances = 0;

/** A block of fields in Deck's horizontal stage-config layout (label column left, field right). */
function Horizontal(props: { children: React.ReactNode }) {
  return (
    <FieldLayout.Provider value="horizontal">
      <div className="form-horizontal cj-form">{props.children}</div>
    </FieldLayout.Provider>
  );
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

  // The payload this panel last wrote. Deck's "Edit stage as JSON" replaces the payload object: then re-read it.
  // Checked after every render (no dependency list): Deck may mutate the stage in place, keeping its identity.
  const written = React.useRef<unknown>(stage['payload']);
  React.useEffect(() => {
    if (stage['payload'] !== written.current && stage['payload'] !== undefined) {
      written.current = stage['payload'];
      setForm(syncGroupWeights(stageToForm(stage, canaryJudgeSettings().judgeBaseUrl)));
    }
  });

  React.useEffect(() => {
    injectStyles();
    // A brand-new stage gets the webhook fields and the payload at once, so Orca can run it as saved.
    if (stage['alias'] !== 'webhook') {
      const changes = formToStage(form, stage);
      written.current = changes['payload'];
      updateStage(changes);
    }
    // Only on mount: later changes go through `change`.
  }, []);

  // An imported Kayenta config replaces the inline one; saved as shared (sharedRef), the stage references it.
  const importConfig = (config: CanaryConfig, sharedRef: { name: string; version: string } | null): void => {
    const payload = stage['payload'] !== null && typeof stage['payload'] === 'object' ? stage['payload'] : {};
    const base = { ...stage, payload: { ...payload, canaryConfig: config } };
    const read = stageToForm(base, form.judgeBaseUrl);
    const next = syncGroupWeights({ ...read, judgeBaseUrl: form.judgeBaseUrl, configRef: sharedRef });
    if (sharedRef) setEditing(null);
    setForm(next);
    const changes = formToStage(next, base);
    written.current = changes['payload'];
    updateStage(changes);
  };

  // The shared config being edited inline (Edit on a shared config): saving adds its next version.
  const [editing, setEditing] = React.useState<string | null>(null);
  const editShared = (config: CanaryConfig, name: string): void => {
    const payload = stage['payload'] !== null && typeof stage['payload'] === 'object' ? stage['payload'] : {};
    const base = { ...stage, payload: { ...payload, canaryConfig: config, canaryConfigRef: undefined } };
    const next = syncGroupWeights({
      ...stageToForm(base, form.judgeBaseUrl),
      judgeBaseUrl: form.judgeBaseUrl,
      configRef: null,
    });
    setForm(next);
    setEditing(name);
    const changes = formToStage(next, base);
    written.current = changes['payload'];
    updateStage(changes);
  };

  const change = (next: FormState): void => {
    const synced = syncGroupWeights(next);
    setForm(synced);
    const changes = formToStage(synced, stage);
    written.current = changes['payload'];
    updateStage(changes);
  };
  const set =
    <K extends keyof FormState>(key: K) =>
    (v: FormState[K]): void =>
      change({ ...form, [key]: v });

  const edited = { ...stage, ...formToStage(form, stage) };
  const issues = validateStage(edited, Date.now());
  const points = windowPointsText((edited['payload'] as { timing?: unknown } | undefined)?.timing);
  const byPath = issuesByPath(issues);
  const errorsAt = (path: string): string[] | undefined => byPath.get(path);
  const id = (f: string) => `${idPrefix}-${f}`;
  const sum = weightSum(form);
  const plan = intervalPlanText(form);
  const queryLabel =
    queryKeyFor(form.metricSource) === 'series' ? 'Demo series (latency, errors, cpu)' : 'PromQL query';

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
  const removeMetric = (i: number) => change({ ...form, metrics: form.metrics.filter((_, j) => j !== i) });
  const setWeight = (group: string, weight: string) =>
    change({ ...form, groupWeights: form.groupWeights.map((w) => (w.group === group ? { group, weight } : w)) });
  const setType = (t: AnalysisType) => change({ ...form, analysisType: t });

  return (
    <div className="cj-root cj-config" data-testid={testIds.config.root}>
      <h4>Judge</h4>
      <Horizontal>
        <TextField
          id={id('url')}
          label="Judge service URL"
          testId={testIds.config.judgeBaseUrl}
          value={form.judgeBaseUrl}
          onChange={set('judgeBaseUrl')}
          errors={errorsAt('url')}
          help={HELP.judgeBaseUrl}
        />
        <MetricSourceField
          id={id('source')}
          testId={testIds.config.metricSource}
          value={form.metricSource}
          listing={listing}
          onChange={set('metricSource')}
          errors={errorsAt('payload.metricSource')}
          help={HELP.metricSource}
        />
        <TextField
          id={id('configName')}
          label="Canary config name"
          testId={testIds.config.configName}
          value={form.configName}
          onChange={set('configName')}
          help={HELP.configName}
        />
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
        <>
          <h4>Metrics</h4>
          {errorsAt('payload.canaryConfig.metrics') ? (
            <p className="cj-error">{errorsAt('payload.canaryConfig.metrics')?.join('; ')}</p>
          ) : null}
          {form.metrics.map((m, i) => (
            <MetricEditor
              key={i}
              idPrefix={idPrefix}
              index={i}
              metric={m}
              queryLabel={queryLabel}
              errorsAt={errorsAt}
              onChange={(next) => setMetric(i, next)}
              onRemove={form.metrics.length > 1 ? () => removeMetric(i) : null}
              scopeNames={scopeChoices(form)}
              source={source}
              storedQuery={storedQuery(i)}
            />
          ))}
          <button
            type="button"
            className="btn btn-block btn-sm add-new cj-button"
            data-testid={testIds.config.addMetric}
            onClick={() =>
              change({
                ...form,
                metrics: [...form.metrics, emptyMetric(form.metrics[form.metrics.length - 1]?.group || 'default')],
              })
            }
          >
            <span className="glyphicon glyphicon-plus-sign" aria-hidden="true" /> Add metric
          </button>

          <h4>Group weights</h4>
          <div className="cj-row" data-testid={testIds.config.weights}>
            {form.groupWeights.map((w) => (
              <TextField
                key={w.group}
                id={id(`w-${w.group}`)}
                label={`${w.group} %`}
                numeric
                value={w.weight}
                onChange={(v) => setWeight(w.group, v)}
                errors={errorsAt(`payload.canaryConfig.classifier.groupWeights.${w.group}`)}
              />
            ))}
            <span
              className={errorsAt('payload.canaryConfig.classifier.groupWeights') ? 'cj-error' : 'cj-hint'}
              data-testid={testIds.config.weightSum}
            >
              Sum: {Number(sum.toPrecision(12))} of 100
              {errorsAt('payload.canaryConfig.classifier.groupWeights') ? ' — weights must sum to 100' : ' ✔'}
            </span>
          </div>
        </>
      )}

      <h4>Scopes</h4>
      <Horizontal>
        <TextField
          id={id('controlScope')}
          label="Baseline scope"
          value={form.controlScope}
          onChange={set('controlScope')}
          help={HELP.controlScope}
          errors={errorsAt('payload.scopes.controlScope')}
        />
        <TextField
          id={id('controlLocation')}
          label="Baseline location"
          value={form.controlLocation}
          onChange={set('controlLocation')}
        />
        <TextField
          id={id('experimentScope')}
          label="Canary scope"
          value={form.experimentScope}
          onChange={set('experimentScope')}
          help={HELP.experimentScope}
          errors={errorsAt('payload.scopes.experimentScope')}
        />
        <TextField
          id={id('experimentLocation')}
          label="Canary location"
          value={form.experimentLocation}
          onChange={set('experimentLocation')}
          help={HELP.location}
        />
      </Horizontal>
      <ScopeTable idPrefix={idPrefix} form={form} onChange={change} errorsAt={errorsAt} />

      <h4>Timing</h4>
      <div className="cj-row" role="radiogroup" aria-label="Analysis type">
        <label className="cj-check">
          <input
            type="radio"
            name={id('type')}
            checked={form.analysisType === 'realTime'}
            onChange={() => setType('realTime')}
          />
          Real time (judge while the canary runs)
        </label>
        <label className="cj-check">
          <input
            type="radio"
            name={id('type')}
            checked={form.analysisType === 'retrospective'}
            onChange={() => setType('retrospective')}
          />
          Retrospective (judge a past window)
        </label>
      </div>
      <Horizontal>
        {form.analysisType === 'realTime' ? (
          <>
            <TextField
              id={id('lifetime')}
              label="Lifetime (min)"
              numeric
              value={form.lifetimeMinutes}
              onChange={set('lifetimeMinutes')}
              help={HELP.lifetime}
              errors={errorsAt('payload.timing.lifetimeMinutes')}
            />
            <TextField
              id={id('interval')}
              label="Interval (min)"
              numeric
              placeholder="= lifetime"
              value={form.intervalMinutes}
              onChange={set('intervalMinutes')}
              help={HELP.interval}
              errors={errorsAt('payload.timing.intervalMinutes')}
            />
            <TextField
              id={id('warmup')}
              label="Warm-up (min)"
              numeric
              placeholder="0"
              value={form.warmupMinutes}
              onChange={set('warmupMinutes')}
              help={HELP.warmup}
              errors={errorsAt('payload.timing.warmupMinutes')}
            />
            <TextField
              id={id('lookback')}
              label="Lookback (min)"
              numeric
              placeholder="growing"
              value={form.lookbackMinutes}
              onChange={set('lookbackMinutes')}
              help={HELP.lookback}
              errors={errorsAt('payload.timing.lookbackMinutes')}
            />
          </>
        ) : (
          <>
            <TextField
              id={id('start')}
              label="Start (UTC, ISO-8601)"
              placeholder="2026-01-31T12:00:00Z"
              value={form.startTimeIso}
              onChange={set('startTimeIso')}
              errors={errorsAt('payload.timing.startTimeIso')}
            />
            <TextField
              id={id('end')}
              label="End (UTC, ISO-8601)"
              placeholder="2026-01-31T13:00:00Z"
              value={form.endTimeIso}
              onChange={set('endTimeIso')}
              errors={errorsAt('payload.timing.endTimeIso')}
            />
          </>
        )}
        <TextField
          id={id('offset')}
          label="Baseline offset (min)"
          numeric
          placeholder="0"
          value={form.baselineOffsetMinutes}
          onChange={set('baselineOffsetMinutes')}
          help={HELP.baselineOffset}
          errors={errorsAt('payload.timing.baselineOffsetMinutes')}
        />
        <TextField
          id={id('step')}
          label="Step (s)"
          numeric
          placeholder="60"
          value={form.stepSeconds}
          onChange={set('stepSeconds')}
          help={HELP.step}
          errors={errorsAt('payload.timing.stepSeconds')}
        />
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
      <Horizontal>
        <TextField
          id={id('marginal')}
          label="Marginal"
          numeric
          value={form.marginal}
          onChange={set('marginal')}
          help={HELP.marginal}
          errors={errorsAt('payload.thresholds.marginal')}
        />
        <TextField
          id={id('pass')}
          label="Pass"
          numeric
          value={form.pass}
          onChange={set('pass')}
          help={HELP.pass}
          errors={errorsAt('payload.thresholds.pass')}
        />
      </Horizontal>
      <ThresholdBar bands={thresholdBands(form)} pass={form.pass} marginal={form.marginal} />

      {issues.length > 0 ? (
        <div role="alert" data-testid={testIds.config.issues} className="cj-error">
          <p>
            {issues.length} problem{issues.length === 1 ? '' : 's'} must be fixed before the pipeline can be saved:
          </p>
          <ul>
            {issues.map((i) => {
              const target = fieldTarget(i.path, idPrefix);
              return (
                <li key={`${i.path}:${i.message}`}>
                  {target.id ? (
                    <a
                      href={`#${target.id}`}
                      onClick={(e) => {
                        const el = document.getElementById(target.id as string);
                        if (el) {
                          e.preventDefault();
                          el.focus();
                        }
                      }}
                    >
                      {target.label}
                    </a>
                  ) : (
                    <strong>{target.label}</strong>
                  )}
                  : {i.message}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
