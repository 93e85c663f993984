/**
 * The config panel's stage-level text fields as data (label, input id, JSON path of its errors, help, placeholder)
 * and one component that renders a list of them in Deck's layout, so the panel lists fields instead of repeating
 * field blocks. The ids and labels match `transforms/fieldLabels.ts`, which the validation summary uses to link an
 * issue to its field.
 */
import * as React from 'react';
import type { FormState } from '../transforms/stageJson';
import { testIds } from '../testIds';
import { HELP } from './help';
import { TextField } from './fields';

/** The text-valued keys of the form. */
type TextKey = { [K in keyof FormState]: FormState[K] extends string ? K : never }[keyof FormState];

/** One stage-level text field. */
export interface StageFieldSpec {
  /** The form key it edits. */
  key: TextKey;
  /** Suffix of the input id (`<panel prefix>-<id>`). */
  id: string;
  label: string;
  /** JSON path of the stage whose validation issues show under the field (none: no checks of its own). */
  path?: string;
  help?: string;
  numeric?: boolean;
  placeholder?: string;
  testId?: string;
}

/** Judge service URL (before the metric source field). */
export const JUDGE_URL_FIELD: readonly StageFieldSpec[] = [
  {
    key: 'judgeBaseUrl',
    id: 'url',
    label: 'Judge service URL',
    path: 'url',
    help: HELP.judgeBaseUrl,
    testId: testIds.config.judgeBaseUrl,
  },
];

/** Canary config name (after the metric source field). */
export const CONFIG_NAME_FIELD: readonly StageFieldSpec[] = [
  {
    key: 'configName',
    id: 'configName',
    label: 'Canary config name',
    help: HELP.configName,
    testId: testIds.config.configName,
  },
];

/** The default scope pair. */
export const SCOPE_FIELDS: readonly StageFieldSpec[] = [
  {
    key: 'controlScope',
    id: 'controlScope',
    label: 'Baseline scope',
    path: 'payload.scopes.controlScope',
    help: HELP.controlScope,
  },
  { key: 'controlLocation', id: 'controlLocation', label: 'Baseline location' },
  {
    key: 'experimentScope',
    id: 'experimentScope',
    label: 'Canary scope',
    path: 'payload.scopes.experimentScope',
    help: HELP.experimentScope,
  },
  { key: 'experimentLocation', id: 'experimentLocation', label: 'Canary location', help: HELP.location },
];

const timing = (
  key: TextKey,
  id: string,
  label: string,
  help: string | undefined,
  placeholder?: string,
): StageFieldSpec => ({ key, id, label, path: `payload.timing.${key}`, numeric: true, help, placeholder });

/** Timing of a live analysis. */
export const LIVE_TIMING_FIELDS: readonly StageFieldSpec[] = [
  timing('lifetimeMinutes', 'lifetime', 'Lifetime (min)', HELP.lifetime),
  timing('intervalMinutes', 'interval', 'Interval (min)', HELP.interval, '= lifetime'),
  timing('warmupMinutes', 'warmup', 'Warm-up (min)', HELP.warmup, '0'),
  timing('lookbackMinutes', 'lookback', 'Lookback (min)', HELP.lookback, 'growing'),
];

/** The window of a retrospective analysis (ISO-8601 text, not numbers). */
export const RETROSPECTIVE_FIELDS: readonly StageFieldSpec[] = [
  { ...timing('startTimeIso', 'start', 'Start (UTC, ISO-8601)', undefined, '2026-01-31T12:00:00Z'), numeric: false },
  { ...timing('endTimeIso', 'end', 'End (UTC, ISO-8601)', undefined, '2026-01-31T13:00:00Z'), numeric: false },
];

/** Timing fields of both analysis types. */
export const WINDOW_FIELDS: readonly StageFieldSpec[] = [
  timing('baselineOffsetMinutes', 'offset', 'Baseline offset (min)', HELP.baselineOffset, '0'),
  timing('stepSeconds', 'step', 'Step (s)', HELP.step, '60'),
];

/** The score thresholds. */
export const THRESHOLD_FIELDS: readonly StageFieldSpec[] = [
  {
    key: 'marginal',
    id: 'marginal',
    label: 'Marginal',
    path: 'payload.thresholds.marginal',
    help: HELP.marginal,
    numeric: true,
  },
  { key: 'pass', id: 'pass', label: 'Pass', path: 'payload.thresholds.pass', help: HELP.pass, numeric: true },
];

/** Props: the fields, the form, the change callback, the error lookup and the panel's id prefix. */
export interface StageFieldsProps {
  fields: readonly StageFieldSpec[];
  form: FormState;
  onChange: (key: TextKey, value: string) => void;
  errorsAt: (path: string) => string[] | undefined;
  idPrefix: string;
}

/** The fields, in order. */
export function StageFields(props: StageFieldsProps) {
  return (
    <>
      {props.fields.map((f) => (
        <TextField
          key={f.id}
          id={`${props.idPrefix}-${f.id}`}
          label={f.label}
          value={props.form[f.key]}
          onChange={(v) => props.onChange(f.key, v)}
          errors={f.path ? props.errorsAt(f.path) : undefined}
          help={f.help}
          numeric={f.numeric}
          placeholder={f.placeholder}
          testId={f.testId}
        />
      ))}
    </>
  );
}
