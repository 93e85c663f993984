/**
 * Where a validation issue points in the config panel: the field's visible label and the id of its input, so the
 * validation summary reads "Metric 2 · Allowed increase %: must be at least 0 % (got −5 %)" and links to the field
 * instead of printing a JSON path. Pure: the ids follow the panel's scheme (`<prefix>-<field>` for stage fields,
 * `<prefix>-m<i>-<field>` for metric fields, `<prefix>-w-<group>` for group weights).
 */

/** A field's label and input id (null when the issue has no single input, e.g. the weight sum). */
export interface FieldTarget {
  label: string;
  id: string | null;
}

const STAGE_FIELDS: Record<string, [string, string | null]> = {
  url: ['Judge service URL', 'url'],
  'payload.metricSource': ['Metric source', 'source'],
  'payload.scopes.controlScope': ['Baseline scope', 'controlScope'],
  'payload.scopes.experimentScope': ['Canary scope', 'experimentScope'],
  'payload.timing.lifetimeMinutes': ['Lifetime (min)', 'lifetime'],
  'payload.timing.intervalMinutes': ['Interval (min)', 'interval'],
  'payload.timing.warmupMinutes': ['Warm-up (min)', 'warmup'],
  'payload.timing.lookbackMinutes': ['Lookback (min)', 'lookback'],
  'payload.timing.startTimeIso': ['Start time', 'start'],
  'payload.timing.endTimeIso': ['End time', 'end'],
  'payload.timing.baselineOffsetMinutes': ['Baseline offset (min)', 'offset'],
  'payload.timing.stepSeconds': ['Step (s)', 'step'],
  'payload.thresholds.marginal': ['Marginal', 'marginal'],
  'payload.thresholds.pass': ['Pass', 'pass'],
  'payload.canaryConfig.metrics': ['Metrics', null],
  'payload.canaryConfig.classifier.groupWeights': ['Group weights', null],
};

const METRIC_FIELDS: Record<string, [string, string]> = {
  name: ['Name', 'name'],
  query: ['Query', 'query'],
  'query.type': ['Query', 'query'],
  groups: ['Group', 'group'],
  scopeName: ['Scope', 'scope'],
  'analysisConfigurations.canary.direction': ['Fail on', 'direction'],
  'analysisConfigurations.canary.nanStrategy': ['Missing values (NaN)', 'nan'],
  'analysisConfigurations.canary.outliers.strategy': ['Outliers', 'outliers'],
  'analysisConfigurations.canary.outliers.outlierFactor': ['Outlier factor', 'outlierFactor'],
  'analysisConfigurations.canary.effectSize.measure': ['Effect size', 'measure'],
  'analysisConfigurations.canary.effectSize.allowedIncrease': ['Allowed increase', 'allowedIncrease'],
  'analysisConfigurations.canary.effectSize.criticalIncrease': ['Critical increase', 'criticalIncrease'],
  'analysisConfigurations.canary.effectSize.allowedDecrease': ['Allowed decrease', 'allowedDecrease'],
  'analysisConfigurations.canary.effectSize.criticalDecrease': ['Critical decrease', 'criticalDecrease'],
  'analysisConfigurations.canaryJudge.test': ['Test', 'test'],
  'analysisConfigurations.canaryJudge.minimumPoints': ['Minimum points per side', 'minimumPoints'],
  'analysisConfigurations.canaryJudge.absolute.statistic': ['Absolute limit on', 'absoluteStatistic'],
  'analysisConfigurations.canaryJudge.absolute.upperLimit': ['Upper limit', 'absoluteUpperLimit'],
  'analysisConfigurations.canaryJudge.absolute.lowerLimit': ['Lower limit', 'absoluteLowerLimit'],
};

const SCOPE_COLUMNS: Record<string, string> = {
  controlScope: 'Baseline scope',
  experimentScope: 'Canary scope',
  controlLocation: 'Baseline location',
  experimentLocation: 'Canary location',
};

/**
 * The label and input id of the field a validation issue names.
 *
 * @param path the issue's JSON path in the stage (e.g. `payload.canaryConfig.metrics[1].groups`)
 * @param idPrefix the panel instance's id prefix
 * @param scopeNames the names of the scope table's rows, in order (to link a named scope's issue to its input)
 * @returns the label (the path itself when unknown) and the input id (null when there is no single input)
 * @example fieldTarget('payload.thresholds.pass', 'cj1') // { label: 'Pass', id: 'cj1-pass' }
 */
export function fieldTarget(path: string, idPrefix: string, scopeNames: readonly string[] = []): FieldTarget {
  const stage = STAGE_FIELDS[path];
  if (stage) return { label: stage[0], id: stage[1] ? `${idPrefix}-${stage[1]}` : null };
  const weight = /^payload\.canaryConfig\.classifier\.groupWeights\.(.+)$/.exec(path);
  if (weight) return { label: `Weight of group "${weight[1]}"`, id: `${idPrefix}-w-${weight[1]}` };
  const scope = /^payload\.namedScopes\.([^.]+)(?:\.(\w+))?$/.exec(path);
  if (scope) {
    const column = SCOPE_COLUMNS[scope[2] ?? ''];
    const row = scopeNames.indexOf(scope[1] ?? '');
    return {
      label: `Scope "${scope[1]}"${column ? ` · ${column}` : ''}`,
      id: row >= 0 ? `${idPrefix}-scope${row}-${column ? scope[2] : 'name'}` : null,
    };
  }
  const metric = /^payload\.canaryConfig\.metrics\[(\d+)\]\.(.+)$/.exec(path);
  if (metric) {
    const i = Number(metric[1]);
    const field = METRIC_FIELDS[metric[2] ?? ''];
    if (field) return { label: `Metric ${i + 1} · ${field[0]}`, id: `${idPrefix}-m${i}-${field[1]}` };
    return { label: `Metric ${i + 1} · ${metric[2]}`, id: null };
  }
  return { label: path, id: null };
}

/**
 * A validation message with the stage JSON paths it mentions replaced by their fields' labels, for the validation
 * summary (the message beside a field keeps the rule's own words).
 *
 * @param message the rule's message, e.g. `… lengthen payload.timing.intervalMinutes or shorten payload.timing.stepSeconds`
 * @returns the message with each known path as its label (`… lengthen Interval (min) or shorten Step (s)`); unknown
 *          paths stay as they are
 */
export function messageWithLabels(message: string): string {
  return message.replace(/\bpayload(?:\.[A-Za-z0-9_]+|\[\d+\])+/g, (path) => {
    const label = fieldTarget(path, '').label;
    return label === path ? path : label;
  });
}
