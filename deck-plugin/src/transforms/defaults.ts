/**
 * What a brand-new Canary Judge stage starts with, so it needs only metrics and scopes: Kayenta's UI thresholds
 * (pass 75, marginal 50; spinnaker/deck-kayenta `kayentaStage.ts` defaults), a live analysis of one hour judged
 * every 15 minutes (a failing interval stops the canary early), and the first metric source the operator listed in
 * `SETTINGS.canaryJudge.metricSources` (empty when none is listed: the field then asks for one).
 */
import { ORCA_DEFAULT_THRESHOLDS } from '@canary-judge/shared';
import type { FormState } from './stageJson';

/** The defaults written into a new stage (the form holds text). Thresholds: the scoring library's Orca defaults. */
export const NEW_STAGE_DEFAULTS = {
  pass: String(ORCA_DEFAULT_THRESHOLDS.pass),
  marginal: String(ORCA_DEFAULT_THRESHOLDS.marginal),
  lifetimeMinutes: '60',
  intervalMinutes: '15',
} as const;

/** True for a stage Deck just created (no `payload` yet): only then are defaults applied. */
export function isNewStage(stage: Record<string, unknown>): boolean {
  return stage['payload'] === undefined || stage['payload'] === null;
}

/**
 * The form of a new stage with the defaults filled in; `metricSources` are the operator's configured sources, in
 * order (the first one is used). Fields that already have text are left alone.
 */
export function withNewStageDefaults(form: FormState, metricSources: readonly string[]): FormState {
  const fill = (value: string, fallback: string): string => (value.trim() === '' ? fallback : value);
  return {
    ...form,
    analysisType: 'realTime',
    metricSource: fill(form.metricSource, metricSources[0] ?? ''),
    pass: fill(form.pass, NEW_STAGE_DEFAULTS.pass),
    marginal: fill(form.marginal, NEW_STAGE_DEFAULTS.marginal),
    lifetimeMinutes: fill(form.lifetimeMinutes, NEW_STAGE_DEFAULTS.lifetimeMinutes),
    intervalMinutes: fill(form.intervalMinutes, NEW_STAGE_DEFAULTS.intervalMinutes),
  };
}
